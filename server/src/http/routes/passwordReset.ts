import {
  passwordResetDoneSchema,
  passwordResetPreviewSchema,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
} from '@ensemble/shared'
import { Hono, type MiddlewareHandler } from 'hono'
import type { PasswordResets } from '../../auth/passwordResets.ts'
import type { AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { jsonBody } from '../validate.ts'

/**
 * Mounted at /api/password-reset (ACCT16–ACCT20), signed in or out: ask for a link, read one, set a
 * new password through one. Each call takes from the client address's budget before anything else.
 * The token is passed on unread: any token that cannot be used gets the same 404 (ACCT18).
 */
export function passwordResetRoutes(resets: PasswordResets) {
  // Before anything else, even reading the body: each call takes from the client address's budget (ACCT17).
  const admitRequest: MiddlewareHandler<AppEnv> = async (c, next) => {
    resets.admitRequest(c.get('clientIp'))
    await next()
  }
  const admitLinkUse: MiddlewareHandler<AppEnv> = async (c, next) => {
    resets.admitLinkUse(c.get('clientIp'))
    await next()
  }
  return new Hono<AppEnv>()
    .post(
      '/',
      describe(
        'Ask for a password reset link (signed out): 202 {sent:true} whatever the address; the address is mailed in the background, a link only if an account uses it; budgeted per address and per client address, 429 with Retry-After (ACCT16, ACCT17)',
        { 202: passwordResetRequestedSchema },
      ),
      admitRequest,
      jsonBody(passwordResetRequestSchema),
      async (c) => {
        await resets.request(c.req.valid('json').email, c.get('clientIp'))
        return c.json({ sent: true as const }, 202)
      },
    )
    .get(
      '/:token',
      describe(
        'The address a reset link is for and its expiry; an unusable link (expired, used, superseded, forged) is 404 with reason password_reset_invalid, whatever the reason (ACCT18)',
        { 200: passwordResetPreviewSchema },
      ),
      admitLinkUse,
      async (c) => c.json(await resets.preview(c.req.param('token'))),
    )
    .post(
      '/:token',
      describe(
        'Set a new password through a reset link (policy of ACCT13: 422 with a reason, the link still working); ends every session of the account and their websockets, spends every link of the address, marks it verified (ACCT18, ACCT19)',
        { 200: passwordResetDoneSchema },
      ),
      admitLinkUse,
      jsonBody(passwordResetSchema),
      async (c) => c.json(await resets.reset(c.req.param('token'), c.req.valid('json').newPassword)),
    )
}
