import { Hono } from 'hono'
import { localeSchema } from '@ensemble/shared'
import { z } from 'zod'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireUser } from '../middleware.ts'
import { parseJson } from '../validate.ts'

export const updateMeSchema = z.object({ locale: localeSchema })

export function meRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => {
      const user = c.get('user')!
      return c.json({ id: user.id, name: user.name, email: user.email, locale: user.locale })
    })
    .patch('/', async (c) => {
      const { locale } = await parseJson(c, updateMeSchema)
      const user = c.get('user')!
      await deps.db.updateTable('user').set({ locale }).where('id', '=', user.id).execute()
      return c.json({ id: user.id, name: user.name, email: user.email, locale })
    })
}
