import { Hono } from 'hono'
import { createWorkspaceSchema } from '@ensemble/shared'
import { listInvitations } from '../../domain/invitations.ts'
import { listMembers } from '../../domain/members.ts'
import { listPartners } from '../../domain/partners.ts'
import { createWorkspace, getWorkspace, listWorkspaces, renameWorkspace } from '../../domain/workspaces.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember, requireUser } from '../middleware.ts'
import { parseJson } from '../validate.ts'

export function workspaceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', async (c) => c.json(await listWorkspaces(deps.db, c.get('user')!.id)))
    .post('/', limitRate(deps.memberLimits, 'costly'), async (c) => {
      const { name } = await parseJson(c, createWorkspaceSchema)
      const id = await createWorkspace(deps.db, c.get('user')!.id, name)
      deps.logger.info({ workspaceId: id }, 'workspace created')
      return c.json({ id }, 201)
    })
    .get('/:workspaceId', requireMember(deps), async (c) => {
      const membership = c.get('membership')
      const workspace = await getWorkspace(deps.db, membership.workspaceId)
      const [partners, members, invitations] = await Promise.all([
        listPartners(deps.db, membership.workspaceId),
        listMembers(deps.db, membership.workspaceId),
        membership.role === 'admin' ? listInvitations(deps.db, membership.workspaceId, deps.clock) : Promise.resolve([]),
      ])
      return c.json({ ...workspace, role: membership.role, partnerId: membership.partnerId, partners, members, invitations })
    })
    .patch('/:workspaceId', requireMember(deps, 'workspace.rename'), async (c) => {
      const { name } = await parseJson(c, createWorkspaceSchema)
      await renameWorkspace(deps.db, c.get('membership').workspaceId, name)
      return c.json({ id: c.get('membership').workspaceId, name })
    })
}
