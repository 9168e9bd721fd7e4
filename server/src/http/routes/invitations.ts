import { invitationAcceptedSchema, invitationPreviewSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { acceptInvitation, previewInvitation } from '../../domain/invitations.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { requireUser } from '../middleware.ts'
import { invitationKeys } from './invitationLinks.ts'

/**
 * Mounted at /api/invitations: the link of an invitation mail (ACCT3–ACCT6). Reading it needs no
 * session (the invitee may have no account yet); accepting needs the invited address signed in.
 * The token is passed on unread: any token that cannot be used gets the same 404 (ACCT6).
 */
export function invitationRoutes(deps: AppDeps) {
  const keys = invitationKeys(deps)
  return new Hono<AppEnv>()
    .get(
      '/:token',
      describe(
        'What an invitation link invites to; no session needed; an unusable link (expired, used, withdrawn, forged) is 404 with reason invitation_invalid, whatever the reason (ACCT6)',
        { 200: invitationPreviewSchema },
      ),
      async (c) => c.json(await previewInvitation(deps.db, c.req.param('token'), keys)),
    )
    .post(
      '/:token/accept',
      describe(
        'Accept for the signed-in person, who must hold the invited address (403 invitation_other_email otherwise); marks the address verified (ACCT3, ACCT5)',
        { 200: invitationAcceptedSchema },
      ),
      requireUser,
      async (c) => {
        const user = c.get('user')!
        const accepted = await acceptInvitation(deps.db, c.req.param('token'), user, keys)
        // The link reached this person's mailbox: their address is theirs.
        const auth = await deps.auth.$context
        await auth.internalAdapter.updateUser(user.id, { emailVerified: true })
        await deps.onMembershipChanged(accepted.workspaceId, user.id)
        return c.json(accepted)
      },
    )
}
