import { existsSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { sql } from 'kysely'
import { AppError, notFound, RateLimitedError } from '../errors.ts'
import { authGateway } from './authGateway.ts'
import { canonicalPath } from './canonicalPath.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { limitWrites } from './memberLimits.ts'
import { clientIp, loadSession, originGuard } from './middleware.ts'
import { buildOpenApi } from './openapi.ts'
import { noStore } from './noStore.ts'
import { WorkspaceEventBus } from '../domain/comments/events.ts'
import { CommentService } from '../domain/comments/service.ts'
import { eventRoutes } from './events.ts'
import { HistoryService } from '../domain/history/service.ts'
import { historyRoutes } from './routes/history.ts'
import { SignoffService } from '../domain/signoff/service.ts'
import { signoffRoutes } from './routes/signoff.ts'
import { commentRoutes } from './routes/comments.ts'
import { devOutboxRoutes, digestRoutes, unsubscribeRoutes } from './routes/digest.ts'
import { createMeetingServices } from '../domain/meetings/services.ts'
import { meetingRoutes } from './routes/meetings.ts'
import { inboxRoutes } from './routes/inbox.ts'
import { invitationRoutes } from './routes/invitations.ts'
import { meRoutes } from './routes/me.ts'
import { passwordResetRoutes } from './routes/passwordReset.ts'
import { memberRoutes } from './routes/members.ts'
import { partnerRoutes } from './routes/partners.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { workspaceRoutes } from './routes/workspaces.ts'

/** Bodies above this are refused before parsing (REST only; websocket frames have their own limit). */
const MAX_BODY_BYTES = 256 * 1024

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
  const openApi = buildOpenApi()

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    }),
  )
  // Before any route, limiter or schema sees the path: one spelling per resource (ACCT8).
  app.use(canonicalPath)
  // Nothing the API answers is kept by a browser or a shared cache (ACCT14).
  app.use('/api/*', noStore)
  app.use('/api/*', clientIp(deps), originGuard(deps))
  // Counts the bytes actually read, so a chunked body without Content-Length is bounded too.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The rest of the body stays unread, so the connection cannot be reused: say so.
      onError: (c) =>
        c.json({ error: { code: 'payload_too_large', message: 'Request body too large.' } }, 413, { Connection: 'close' }),
    }),
  )

  // Only the endpoints the product uses, with their schemas and the password policy (authGateway.ts).
  app.on(['GET', 'POST'], '/api/auth/*', authGateway(deps))

  app.get('/api/health', async (c) => {
    await sql`select 1`.execute(deps.db)
    return c.json({ status: 'ok' })
  })
  app.get('/api/openapi.json', (c) => c.json(openApi))

  app.use('/api/*', loadSession(deps))
  // One budget of state-changing requests per member, whatever the route (LIM2); costly routes add their own.
  app.use('/api/*', limitWrites(deps.memberLimits))
  app.route('/api/me', meRoutes(deps))
  app.route('/api/workspaces', workspaceRoutes(deps))
  app.route('/api/workspaces/:workspaceId/partners', partnerRoutes(deps))
  app.route('/api/workspaces/:workspaceId/tickets', ticketRoutes(deps))
  // Comments, inbox and the live event stream (one bus per app; a Redis bridge can subscribeAll/publish).
  const workspaceEvents = deps.workspaceEvents ?? new WorkspaceEventBus((err) => deps.logger.warn({ err }, 'workspace event listener failed'))
  const comments = deps.comments ?? new CommentService(deps.db, workspaceEvents, deps.clock)
  app.route('/api/workspaces/:workspaceId/comments', commentRoutes(deps, comments))
  app.route('/api/workspaces/:workspaceId/inbox', inboxRoutes(deps, comments))
  app.route('/api/workspaces/:workspaceId/events', eventRoutes(deps, workspaceEvents))
  const history = new HistoryService(deps.db, deps.store, deps.rooms, deps.clock, deps.threads?.history ?? null, deps.historyJobsPerMember)
  app.route('/api/workspaces/:workspaceId/documents', historyRoutes(deps, history, workspaceEvents))
  app.route('/api/workspaces/:workspaceId/documents', signoffRoutes(deps, new SignoffService(deps.db, history, deps.rooms, comments, deps.auditKey, undefined, deps.signoffConfirmations), workspaceEvents))
  app.route('/api/workspaces/:workspaceId/me/digest', digestRoutes(deps))
  app.route('/api/unsubscribe', unsubscribeRoutes(deps))
  app.route('/api/invitations', invitationRoutes(deps))
  app.route('/api/password-reset', passwordResetRoutes(deps.passwordResets))
  if (deps.devRoutes) app.route('/api/dev/outbox', devOutboxRoutes(deps))
  if (deps.governance) app.route('/api/workspaces/:workspaceId/meetings', meetingRoutes(deps, deps.governance, createMeetingServices(deps.db, workspaceEvents, deps.governance)))
  app.route('/api/workspaces/:workspaceId', memberRoutes(deps))
  app.all('/api/*', () => {
    throw notFound('Route')
  })

  // The built client, with the SPA's index.html for every other path; compressed at build time
  // (client/build/precompress.ts). Assets carry a content hash in their names: cached for good.
  if (existsSync(path.join(deps.clientDir, 'index.html'))) {
    const root = path.relative(process.cwd(), deps.clientDir) || '.'
    const onFound = (file: string, c: Context) => {
      c.header('Cache-Control', path.basename(path.dirname(file)) === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
    app.use('/*', serveStatic({ root, precompressed: true, onFound }))
    // A missing script is a 404, not the page (which a browser would then keep as that script).
    app.all('/assets/*', () => {
      throw notFound('Asset')
    })
    app.get('*', serveStatic({ root, path: 'index.html', precompressed: true, onFound }))
  }

  app.onError((err, c) => {
    if (err instanceof RateLimitedError) c.header('Retry-After', String(err.retryAfterSeconds))
    if (err instanceof AppError) {
      return c.json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.reason ? { reason: err.reason } : {}) } }, err.status)
    }
    deps.logger.error({ err, path: c.req.path }, 'unhandled error')
    return c.json({ error: { code: 'internal_error', message: 'Internal error.' } }, 500)
  })
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404))
  return app
}
