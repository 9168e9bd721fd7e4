import { participationSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { participationFor } from '../../domain/balance/participation.ts'
import { roomDocAccess } from '../../domain/meetings/docAccess.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { requireMember } from '../middleware.ts'

/**
 * Mounted at /api/workspaces/:workspaceId/balance. The balance itself lives in the plan document
 * (co-edited live, judged by collab/rules/balanceEdit.ts); what it cannot hold, participation in
 * meetings and votes, is computed here (BAL10).
 */
export function balanceRoutes(deps: AppDeps) {
  const docs = roomDocAccess(deps.rooms)
  return new Hono<AppEnv>().get(
    '/participation',
    describe('Participation per partner: meetings attended, actions carried as A or R, votes cast (members)', { 200: participationSchema }),
    requireMember(deps, 'workspace.read'),
    async (c) => c.json(await participationFor(deps.db, docs, c.get('membership').workspaceId)),
  )
}
