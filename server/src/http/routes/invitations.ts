import { Hono } from 'hono'
import { acceptInvitation, previewInvitation } from '../../domain/invitations.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireUser } from '../middleware.ts'
import { invitationKeys } from './invitationLinks.ts'

/**
 * Mounted at /api/invitations: the link of an invitation mail (ACCT3–ACCT6). Reading it needs no
 * session (the invitee may have no account yet); accepting needs the invited address signed in.
 */
export function invitationRoutes(deps: AppDeps) {
  const keys = invitationKeys(deps)
  return new Hono<AppEnv>()
    .get('/:token', async (c) => c.json(await previewInvitation(deps.db, c.req.param('token'), keys)))
    .post('/:token/accept', requireUser, async (c) => {
      const user = c.get('user')!
      const accepted = await acceptInvitation(deps.db, c.req.param('token'), user, keys)
      // The link reached this person's mailbox: their address is theirs.
      const auth = await deps.auth.$context
      await auth.internalAdapter.updateUser(user.id, { emailVerified: true })
      deps.onMembershipChanged(accepted.workspaceId, user.id)
      return c.json(accepted)
    })
}
