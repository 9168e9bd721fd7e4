import { Hono } from 'hono'
import { addMemberSchema, updateMemberSchema } from '@ensemble/shared'
import { createInvitation, deleteInvitation, listInvitations, renewInvitation } from '../../domain/invitations.ts'
import { listMembers, removeMember, updateMember } from '../../domain/members.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { pathId } from './comments.ts'
import { invitationKeys, mailInvitation } from './invitationLinks.ts'

/** Mounted at /api/workspaces/:workspaceId. Membership is security data: only admins change it. */
export function memberRoutes(deps: AppDeps) {
  const keys = invitationKeys(deps)
  return new Hono<AppEnv>()
    .get('/members', requireMember(deps), async (c) => c.json(await listMembers(deps.db, c.get('membership').workspaceId)))
    // Adding someone always invites them, registered or not, with the same answer (ACCT2).
    .post('/members', requireMember(deps, 'members.manage'), async (c) => {
      const input = await parseJson(c, addMemberSchema)
      const { workspaceId, userId } = c.get('membership')
      const issued = await createInvitation(deps.db, workspaceId, userId, input, keys)
      try {
        await mailInvitation(deps, issued, c.get('user')!.name)
      } catch (err) {
        // Not sent, not kept: the admin tries again.
        await deleteInvitation(deps.db, workspaceId, issued.invitationId)
        throw err
      }
      return c.json({ invitationId: issued.invitationId }, 201)
    })
    .patch('/members/:userId', requireMember(deps, 'members.manage'), async (c) => {
      const input = await parseJson(c, updateMemberSchema)
      const { workspaceId } = c.get('membership')
      const updated = await updateMember(deps.db, workspaceId, pathId(c, 'userId', 'Member'), input)
      deps.onMembershipChanged(workspaceId, updated.userId)
      return c.json(updated)
    })
    .delete('/members/:userId', requireMember(deps, 'members.manage'), async (c) => {
      const { workspaceId } = c.get('membership')
      const userId = pathId(c, 'userId', 'Member')
      await removeMember(deps.db, workspaceId, userId)
      deps.onMembershipChanged(workspaceId, userId)
      return c.body(null, 204)
    })
    .get('/invitations', requireMember(deps, 'members.manage'), async (c) => c.json(await listInvitations(deps.db, c.get('membership').workspaceId, keys.clock)))
    // A new link, mailed again; the previous link stops working (ACCT7).
    .post('/invitations/:invitationId/resend', requireMember(deps, 'members.manage'), async (c) => {
      const issued = await renewInvitation(deps.db, c.get('membership').workspaceId, c.req.param('invitationId'), keys)
      await mailInvitation(deps, issued, c.get('user')!.name)
      return c.json({ invitationId: issued.invitationId, expiresAt: issued.expiresAt })
    })
    .delete('/invitations/:invitationId', requireMember(deps, 'members.manage'), async (c) => {
      await deleteInvitation(deps.db, c.get('membership').workspaceId, pathId(c, 'invitationId', 'Invitation'))
      return c.body(null, 204)
    })
}
