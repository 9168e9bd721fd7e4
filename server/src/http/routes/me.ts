import { meSchema, updateMeSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { requireUser } from '../middleware.ts'
import { jsonBody } from '../validate.ts'

/** Mounted at /api/me: the signed-in user. */
export function meRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', describe('The signed-in user', { 200: meSchema }), (c) => {
      const user = c.get('user')!
      return c.json({ id: user.id, name: user.name, email: user.email, locale: user.locale })
    })
    .patch('/', describe('Change the interface language', { 200: meSchema }), jsonBody(updateMeSchema), async (c) => {
      const { locale } = c.req.valid('json')
      const user = c.get('user')!
      await deps.db.updateTable('user').set({ locale }).where('id', '=', user.id).execute()
      return c.json({ id: user.id, name: user.name, email: user.email, locale })
    })
}
