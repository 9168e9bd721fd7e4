import { dashboardSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import type { DashboardService } from '../../domain/dashboard/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { requireMember } from '../middleware.ts'

/** Mounted at /api/workspaces/:workspaceId/dashboard (docs/SPEC.md DASH). */
export function dashboardRoutes(deps: AppDeps, dashboards: DashboardService) {
  return new Hono<AppEnv>().get(
    '/',
    describe(
      'The caller’s dashboard: what needs their attention (their overdue actions and those due within 7 days, objectives off track, indicator values due — their partner’s first —, unread inbox items, documents awaiting their sign-off, the next meeting), then the alliance view (objectives’ progress rolled up from actions, actions by status, indicators over time); every list bounded, with its total',
      { 200: dashboardSchema },
    ),
    requireMember(deps, 'workspace.read'),
    async (c) => c.json(await dashboards.dashboard(c.get('membership'))),
  )
}
