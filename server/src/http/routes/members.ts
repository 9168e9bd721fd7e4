import { Hono } from 'hono'
import { addMemberSchema, updateMemberSchema } from '@ensemble/shared'
import { addMember, deleteInvitation, listInvitations, listMembers, removeMember, updateMember } from '../../domain/members.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { pathId } from './comments.ts'

/** Mounted at /api/workspaces/:workspaceId. Membership is security data: only admins change it. */
export function memberRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/members', requireMember(deps), async (c) => c.json(await listMembers(deps.db, c.get('membership').workspaceId)))
    .post('/members', requireMember(deps, 'members.manage'), async (c) => {
      const input = await parseJson(c, addMemberSchema)
      const { workspaceId, userId } = c.get('membership')
      const result = await addMember(deps.db, workspaceId, userId, input)
      if ('userId' in result) deps.onMembershipChanged(workspaceId, result.userId)
      return c.json(result, 201)
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
    .get('/invitations', requireMember(deps, 'members.manage'), async (c) => c.json(await listInvitations(deps.db, c.get('membership').workspaceId)))
    .delete('/invitations/:invitationId', requireMember(deps, 'members.manage'), async (c) => {
      await deleteInvitation(deps.db, c.get('membership').workspaceId, pathId(c, 'invitationId', 'Invitation'))
      return c.body(null, 204)
    })
}
