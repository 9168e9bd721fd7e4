import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener, RequestError } from '@hono/node-server'
import { createAuth, migrateAuth } from './auth/auth.ts'
import { PasswordResets } from './auth/passwordResets.ts'
import { SignInRates } from './auth/signInRates.ts'
import { createCollab, type RoomRegistry } from './collab/index.ts'
import type { Config } from './config.ts'
import { openDatabase, type DatabaseHandle } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { systemClock, type Clock } from './domain/clock.ts'
import { WorkspaceEventBus } from './domain/comments/events.ts'
import { CommentService } from './domain/comments/service.ts'
import { DigestScheduler } from './domain/digest/scheduler.ts'
import { PlanChanges } from './domain/dashboard/planChanges.ts'
import { ActionWatch } from './domain/inbox/actionWatch.ts'
import { getMembership } from './domain/members.ts'
import { EventBridge } from './fanout/eventBridge.ts'
import { createMailer } from './mail/mailer.ts'
import { connectInstances } from './fanout/connectInstances.ts'
import { ControlChannel } from './fanout/control.ts'
import { Replicator } from './fanout/replicator.ts'
import { createApp } from './http/app.ts'
import { MemberLimits } from './http/memberLimits.ts'
import { roomDocAccess } from './domain/meetings/docAccess.ts'
import { createIdentify } from './identify.ts'
import { createLogger, type Logger } from './logger.ts'
import { seedDemo, type DemoLogin } from './seed/demo.ts'
import { SignoffConfirmations } from './domain/signoff/confirmation.ts'
import { PostgresDocStore } from './storage/postgresDocStore.ts'
import { SqliteDocStore } from './storage/sqliteDocStore.ts'
import type { DocStore } from './storage/docStore.ts'
import { createDocumentThreads, type DocumentThreads } from './workers/documentThreads.ts'
import { createLoadWorkspaceContext } from './workspaceContext.ts'

export interface RunningServer {
  url: string
  port: number
  logger: Logger
  demoLogins: DemoLogin[]
  /** Sends due digests (also on its own every DIGEST_TICK_MS). */
  digests: DigestScheduler
  /** The database (tests reach SQLite through it to simulate a full or read-only disk). */
  database: DatabaseHandle
  /** The document log (tests reach its connections to simulate a full or read-only disk). */
  store: DocStore
  /** The live rooms (tests check that a failed room is released). */
  rooms: RoomRegistry
  /** The document threads (history jobs, cold opens); their counters show what ran there. */
  threads: DocumentThreads
  /** The HTTP app (tests list the routes it serves, `app.routes`). */
  app: ReturnType<typeof createApp>
  /** Graceful stop: refuse new work, close sockets (1001), flush rooms, close the database. */
  close(): Promise<void>
}

/**
 * A request Node's adapter refuses before the app sees it (a backslash in the path, a bad Host) is a
 * 400 in the API's error shape (ACCT8); anything else thrown there, a 500 with no detail.
 */
const refuseRequest = (err: unknown): Response => {
  const [status, error] =
    err instanceof RequestError
      ? [400, { code: 'bad_request', message: 'Malformed request target.' }]
      : [500, { code: 'internal_error', message: 'Internal error.' }]
  return new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })
}

/** Origins a browser may use to reach this server when ALLOWED_ORIGINS is not set. */
function defaultOrigins(url: string, port: number): string[] {
  const u = new URL(url)
  if (u.hostname === '127.0.0.1' || u.hostname === 'localhost') {
    return [`${u.protocol}//127.0.0.1:${port}`, `${u.protocol}//localhost:${port}`]
  }
  return [u.origin]
}

function createStore(db: DatabaseHandle, now: () => number): DocStore {
  if (db.pgPool) return new PostgresDocStore(db.pgPool, now)
  // Commits on a writer thread: an fsync must not freeze every room (see SqliteDocStore).
  return new SqliteDocStore(db.sqlite!, now, { writerThread: true })
}

export interface ServerOptions {
  /** Time source of comments, the update log's timestamps and digests (tests script a calendar). */
  clock?: Clock
  /** Milliseconds for the per-member buckets and ticket expiry (tests let a window pass without waiting). */
  limitsNow?: () => number
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock
  const logger = createLogger(config.logLevel)
  const database = openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    onPoolError: (err) => logger.warn({ err }, 'idle PostgreSQL connection lost'),
  })
  await migrateToLatest(database.db, database.dialect)

  // Listen first (port 0 picks a free port), answer 503 until everything below is ready.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"internal_error","message":"Starting."}}')
  }
  const http = createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(config.port, config.host, () => resolve())
  })
  const port = (http.address() as AddressInfo).port
  const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  const allowedOrigins = config.allowedOrigins.length ? config.allowedOrigins : defaultOrigins(url, port)

  const auth = createAuth({
    db: database.db,
    dialect: database.dialect,
    secret: config.authSecret,
    baseURL: url,
    trustedOrigins: allowedOrigins,
    rateLimit: config.authRateLimit,
    logger,
  })
  await migrateAuth(auth)

  const store = createStore(database, () => clock().getTime())
  // History replays, exports and large documents' cold opens run here, off the event loop (LOOP3, LOOP5).
  const threads = createDocumentThreads({ historyThreads: config.history.threads, historyQueue: config.history.queue })
  const { fanOut, tickets } = await connectInstances(config.redisUrl, logger, options.limitsNow)
  const replicator = new Replicator(fanOut, logger)
  // Comments and inbox: one bus, bridged to the other instances; live plan edits feed `action.changed` items.
  const workspaceEvents = new WorkspaceEventBus((err) => logger.warn({ err }, 'workspace event listener failed'))
  const comments = new CommentService(database.db, workspaceEvents, clock)
  const eventBridge = await EventBridge.open(fanOut, workspaceEvents, logger)
  const actionWatch = new ActionWatch(database.db, clock, comments.inbox, logger)
  // Live plan edits also tell the dashboards, throttled (DASH8).
  const planChanges = new PlanChanges(workspaceEvents)
  const collab = createCollab({
    store,
    tickets,
    identify: createIdentify(database.db),
    loadWorkspaceContext: createLoadWorkspaceContext(database.db),
    allowedOrigins,
    logger,
    roomIdleMs: config.roomIdleMs,
    storageRetryMs: config.storageRetryMs,
    replicator,
    onEditAccepted: (edit) => {
      actionWatch.onEditAccepted(edit)
      planChanges.onEditAccepted(edit)
    },
    connectionCaps: config.connectionCaps,
    isSessionActive: async (sessionId, userId) => {
      const sessions = await (await auth.$context).internalAdapter.listSessions(userId)
      return sessions.some((session) => session.id === sessionId && new Date(session.expiresAt).getTime() > Date.now())
    },
    openThreads: threads.opens,
  })
  // Each instance first gives the member's sockets here their new role (or closes them), then tells
  // the pages whose event streams it holds (ROLE1): a page that hears of the change finds its
  // instance already judging edits by it, whichever instance the change was made through.
  const applyMembershipChange = async (workspaceId: string, userId: string): Promise<void> => {
    try {
      await collab.membershipChanged(workspaceId, userId)
      const member = await getMembership(database.db, workspaceId, userId)
      workspaceEvents.publish({ workspaceId, type: 'member.changed', data: { userId, role: member?.role ?? null }, localOnly: true })
    } catch (err) {
      logger.error({ err, workspaceId, userId }, 'membership revalidation failed')
    }
  }
  const applyWorkspaceChange = (workspaceId: string) => {
    collab.workspaceChanged(workspaceId).catch((err: unknown) => logger.error({ err, workspaceId }, 'workspace context refresh failed'))
  }
  // Changes made through another instance apply to this instance's sockets too.
  const control = await ControlChannel.open(
    fanOut,
    {
      membershipChanged: (workspaceId, userId) => void applyMembershipChange(workspaceId, userId),
      workspaceChanged: applyWorkspaceChange,
      sessionEnded: (sessionId) => collab.sessionEnded(sessionId),
      // Control messages may have been lost in an outage: re-read everyone connected here.
      reconnected: () => {
        for (const { workspaceId, userId } of collab.rooms.connectedMembers()) void applyMembershipChange(workspaceId, userId)
      },
    },
    logger,
  )
  const mailer = createMailer({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, db: database.db, clock })
  const signoffConfirmations = new SignoffConfirmations({ db: database.db, mailer, logger, baseUrl: url })
  const endSession = (sessionId: string) => {
    collab.sessionEnded(sessionId)
    control.sessionEnded(sessionId)
  }
  const passwordResets = new PasswordResets({
    db: database.db,
    auth,
    mailer,
    logger,
    keys: { secret: config.authSecret, ttlMs: config.passwordResetTtlMinutes * 60 * 1000, clock },
    publicUrl: url,
    onSessionEnded: endSession,
    ...(options.limitsNow ? { now: options.limitsNow } : {}),
  })
  const app = createApp({
    db: database.db,
    auth,
    tickets,
    logger,
    allowedOrigins,
    trustProxy: config.trustProxy,
    clientDir: config.clientDir,
    onMembershipChanged: async (workspaceId, userId) => {
      control.membershipChanged(workspaceId, userId)
      await applyMembershipChange(workspaceId, userId)
    },
    onPartnersChanged: (workspaceId) => {
      applyWorkspaceChange(workspaceId)
      control.workspaceChanged(workspaceId)
    },
    store,
    rooms: collab.rooms,
    authSecret: config.authSecret,
    mailer,
    publicUrl: url,
    invitationTtlMs: config.invitationTtlDays * 24 * 60 * 60 * 1000,
    auditKey: config.auditKey,
    signoffConfirmations,
    clock,
    workspaceEvents,
    comments,
    devRoutes: !config.production,
    governance: {
      docs: roomDocAccess(collab.rooms),
      rulesChanged: async (workspaceId) => {
        control.workspaceChanged(workspaceId)
        await collab.workspaceChanged(workspaceId)
      },
    },
    onSessionEnded: endSession,
    memberLimits: new MemberLimits({ scale: config.memberLimitsScale, ...(options.limitsNow ? { now: options.limitsNow } : {}) }),
    passwordResets,
    signInRates: new SignInRates(config.authRateLimit, options.limitsNow),
    threads,
    historyJobsPerMember: config.history.perMember,
  })
  handler = getRequestListener(app.fetch, { errorHandler: refuseRequest })
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy()
  })

  const demoLogins = config.seedDemo ? await seedDemo({ db: database.db, auth, rooms: collab.rooms, logger }) : []
  const digests = new DigestScheduler({ db: database.db, store, mailer, clock, logger, secret: config.authSecret, baseUrl: url, tickMs: config.digestTickMs })
  digests.start()

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      http.close()
      await digests.stop()
      await signoffConfirmations.idle()
      await passwordResets.idle()
      mailer.close()
      await collab.close()
      await actionWatch.idle()
      planChanges.close()
      await eventBridge.close().catch(() => undefined)
      http.closeAllConnections()
      await control.close().catch(() => undefined)
      replicator.close()
      await fanOut.close()
      await tickets.close?.()
      await threads.close()
      await store.close()
      await database.close()
    })())

  logger.info({ url, allowedOrigins }, 'ready')
  return { url, port, logger, demoLogins, digests, database, store, rooms: collab.rooms, threads, app, close }
}
