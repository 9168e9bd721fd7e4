import { createdSchema, createWorkspaceSchema, renamedWorkspaceSchema, workspaceDetailSchema, workspaceSummarySchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { listInvitations } from '../../domain/invitations.ts'
import { listMembers } from '../../domain/members.ts'
import { listPartners } from '../../domain/partners.ts'
import { createWorkspace, getWorkspace, listWorkspaces, renameWorkspace } from '../../domain/workspaces.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember, requireUser } from '../middleware.ts'
import { jsonBody } from '../validate.ts'

/** Mounted at /api/workspaces: the caller's alliances. */
export function workspaceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', describe('Alliances the user belongs to', { 200: z.array(workspaceSummarySchema) }), async (c) =>
      c.json(await listWorkspaces(deps.db, c.get('user')!.id)),
    )
    .post(
      '/',
      describe('Create an alliance; the creator becomes admin', { 201: createdSchema }),
      limitRate(deps.memberLimits, 'costly'),
      jsonBody(createWorkspaceSchema),
      async (c) => {
        const { name } = c.req.valid('json')
        const id = await createWorkspace(deps.db, c.get('user')!.id, name)
        deps.logger.info({ workspaceId: id }, 'workspace created')
        return c.json({ id }, 201)
      },
    )
    .get(
      '/:workspaceId',
      describe('An alliance with its partners and members (and, for admins, its invitations)', { 200: workspaceDetailSchema }),
      requireMember(deps),
      async (c) => {
        const membership = c.get('membership')
        const workspace = await getWorkspace(deps.db, membership.workspaceId)
        const [partners, members, invitations] = await Promise.all([
          listPartners(deps.db, membership.workspaceId),
          listMembers(deps.db, membership.workspaceId),
          membership.role === 'admin' ? listInvitations(deps.db, membership.workspaceId, deps.clock) : Promise.resolve([]),
        ])
        return c.json({ ...workspace, role: membership.role, partnerId: membership.partnerId, partners, members, invitations })
      },
    )
    .patch(
      '/:workspaceId',
      describe('Rename an alliance (admin)', { 200: renamedWorkspaceSchema }),
      requireMember(deps, 'workspace.rename'),
      jsonBody(createWorkspaceSchema),
      async (c) => {
        const { name } = c.req.valid('json')
        await renameWorkspace(deps.db, c.get('membership').workspaceId, name)
        return c.json({ id: c.get('membership').workspaceId, name })
      },
    )
}
