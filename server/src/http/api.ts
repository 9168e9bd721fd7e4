import { healthSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { sql } from 'kysely'
import { WorkspaceEventBus } from '../domain/comments/events.ts'
import { CommentService } from '../domain/comments/service.ts'
import { DashboardService } from '../domain/dashboard/service.ts'
import { roomDocAccess } from '../domain/meetings/docAccess.ts'
import { createMeetingServices } from '../domain/meetings/services.ts'
import { notFound } from '../errors.ts'
import { HistoryService } from '../domain/history/service.ts'
import { ReportService } from '../domain/reports/service.ts'
import { SignoffService } from '../domain/signoff/service.ts'
import { authRoutes } from './authGateway.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { describe } from './describe.ts'
import { eventRoutes } from './events.ts'
import { limitWrites } from './memberLimits.ts'
import { loadSession } from './middleware.ts'
import { actorRoutes } from './routes/actors.ts'
import { balanceRoutes } from './routes/balance.ts'
import { commentRoutes } from './routes/comments.ts'
import { dashboardRoutes } from './routes/dashboard.ts'
import { devOutboxRoutes, digestRoutes, unsubscribeRoutes } from './routes/digest.ts'
import { historyRoutes } from './routes/history.ts'
import { inboxRoutes } from './routes/inbox.ts'
import { invitationRoutes } from './routes/invitations.ts'
import { meetingRoutes } from './routes/meetings.ts'
import { meRoutes } from './routes/me.ts'
import { memberRoutes } from './routes/members.ts'
import { partnerRoutes } from './routes/partners.ts'
import { passwordResetRoutes } from './routes/passwordReset.ts'
import { reportRoutes } from './routes/reports.ts'
import { signoffRoutes } from './routes/signoff.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { workspaceRoutes } from './routes/workspaces.ts'

/**
 * Routes a server may leave out (the outbox in production, meetings without governance): absent at
 * run time, so a request for them is the API's 404, and kept in the API's type, which the client
 * calls through whatever this server mounts.
 */
const absent = <Routes>(): Routes => new Hono<AppEnv>() as Routes

/**
 * Every route under /api, in the order Hono tries them, each file's routes with their schemas beside
 * their handlers. `Api`, the type of this chain, is what the client's typed module calls
 * (client/src/api/client.ts); `/api/openapi.json` is generated from the same routes (openapi.ts).
 */
export function apiRoutes(deps: AppDeps, openApi: () => Promise<object>) {
  // Comments, inbox and the live event stream (one bus per app; a Redis bridge can subscribeAll/publish).
  const workspaceEvents = deps.workspaceEvents ?? new WorkspaceEventBus((err) => deps.logger.warn({ err }, 'workspace event listener failed'))
  const comments = deps.comments ?? new CommentService(deps.db, workspaceEvents, deps.clock)
  const history = new HistoryService(deps.db, deps.store, deps.rooms, deps.clock, deps.threads?.history ?? null, deps.historyJobsPerMember)
  const signoff = new SignoffService(deps.db, history, deps.rooms, comments, deps.auditKey, undefined, deps.signoffConfirmations)
  const dashboards = new DashboardService(deps.db, roomDocAccess(deps.rooms), comments, deps.clock)
  return (
    new Hono<AppEnv>()
      // Only the endpoints the product uses, with their schemas and the password policy (authGateway.ts).
      .route('/auth', authRoutes(deps))
      .get('/health', describe('Liveness and storage check', { 200: healthSchema }), async (c) => {
        await sql`select 1`.execute(deps.db)
        return c.json({ status: 'ok' as const })
      })
      .get(
        '/openapi.json',
        describe('This document: the REST surface, generated from the routes', {
          200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } },
        }),
        async (c) => c.json(await openApi()),
      )
      .use(loadSession(deps))
      // One budget of state-changing requests per member, whatever the route (LIM2); costly routes add their own.
      .use(limitWrites(deps.memberLimits))
      .route('/me', meRoutes(deps))
      .route('/workspaces', workspaceRoutes(deps))
      .route('/workspaces/:workspaceId/partners', partnerRoutes(deps))
      .route('/workspaces/:workspaceId/tickets', ticketRoutes(deps))
      .route('/workspaces/:workspaceId/comments', commentRoutes(deps, comments))
      .route('/workspaces/:workspaceId/inbox', inboxRoutes(deps, comments))
      .route('/workspaces/:workspaceId/events', eventRoutes(deps, workspaceEvents))
      .route('/workspaces/:workspaceId/documents', historyRoutes(deps, history, workspaceEvents))
      .route('/workspaces/:workspaceId/documents', signoffRoutes(deps, signoff, workspaceEvents))
      .route('/workspaces/:workspaceId/balance', balanceRoutes(deps))
      .route('/workspaces/:workspaceId/actors', actorRoutes(deps))
      .route('/workspaces/:workspaceId/exports', reportRoutes(deps, new ReportService(deps.db, history.jobs, deps.clock)))
      .route('/workspaces/:workspaceId/me/digest', digestRoutes(deps))
      .route('/workspaces/:workspaceId/dashboard', dashboardRoutes(deps, dashboards))
      .route('/unsubscribe', unsubscribeRoutes(deps))
      .route('/invitations', invitationRoutes(deps))
      .route('/password-reset', passwordResetRoutes(deps.passwordResets))
      .route('/dev/outbox', deps.devRoutes ? devOutboxRoutes(deps) : absent<ReturnType<typeof devOutboxRoutes>>())
      .route(
        '/workspaces/:workspaceId/meetings',
        deps.governance
          ? meetingRoutes(deps, deps.governance, createMeetingServices(deps.db, workspaceEvents, deps.governance))
          : absent<ReturnType<typeof meetingRoutes>>(),
      )
      .route('/workspaces/:workspaceId', memberRoutes(deps))
      .all('/*', () => {
        throw notFound('Route')
      })
  )
}

/** The API's routes as types: paths, inputs (from the validators' schemas) and answers. */
export type Api = ReturnType<typeof apiRoutes>
