import { Hono } from 'hono'
import { passwordResetRequestSchema, passwordResetSchema } from '@ensemble/shared'
import type { PasswordResets } from '../../auth/passwordResets.ts'
import type { AppEnv } from '../context.ts'
import { parseJson } from '../validate.ts'

/**
 * Mounted at /api/password-reset (ACCT16–ACCT20), signed in or out: ask for a link, read one, set a
 * new password through one. Each call takes from the client address's budget before anything else.
 */
export function passwordResetRoutes(resets: PasswordResets) {
  return new Hono<AppEnv>()
    .post('/', async (c) => {
      resets.admitRequest(c.get('clientIp'))
      const { email } = await parseJson(c, passwordResetRequestSchema)
      await resets.request(email, c.get('clientIp'))
      return c.json({ sent: true as const }, 202)
    })
    .get('/:token', async (c) => {
      resets.admitLinkUse(c.get('clientIp'))
      return c.json(await resets.preview(c.req.param('token')))
    })
    .post('/:token', async (c) => {
      resets.admitLinkUse(c.get('clientIp'))
      const { newPassword } = await parseJson(c, passwordResetSchema)
      return c.json(await resets.reset(c.req.param('token'), newPassword))
    })
}
