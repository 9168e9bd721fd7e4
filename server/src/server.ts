import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { createAuth, migrateAuth } from './auth/auth.ts'
import { createCollab } from './collab/index.ts'
import type { Config } from './config.ts'
import { openDatabase, type DatabaseHandle } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { connectInstances } from './fanout/connectInstances.ts'
import { ControlChannel } from './fanout/control.ts'
import { Replicator } from './fanout/replicator.ts'
import { createApp } from './http/app.ts'
import { createIdentify } from './identify.ts'
import { createLogger, type Logger } from './logger.ts'
import { seedDemo, type DemoLogin } from './seed/demo.ts'
import { PostgresDocStore } from './storage/postgresDocStore.ts'
import { SqliteDocStore } from './storage/sqliteDocStore.ts'
import type { DocStore } from './storage/docStore.ts'
import { createLoadWorkspaceContext } from './workspaceContext.ts'

export interface RunningServer {
  url: string
  port: number
  logger: Logger
  demoLogins: DemoLogin[]
  /** Graceful stop: refuse new work, close sockets (1001), flush rooms, close the database. */
  close(): Promise<void>
}

/** Origins a browser may use to reach this server when ALLOWED_ORIGINS is not set. */
function defaultOrigins(url: string, port: number): string[] {
  const u = new URL(url)
  if (u.hostname === '127.0.0.1' || u.hostname === 'localhost') {
    return [`${u.protocol}//127.0.0.1:${port}`, `${u.protocol}//localhost:${port}`]
  }
  return [u.origin]
}

function createStore(db: DatabaseHandle): DocStore {
  if (db.pgPool) return new PostgresDocStore(db.pgPool)
  return new SqliteDocStore(db.sqlite!)
}

export async function startServer(config: Config): Promise<RunningServer> {
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

  const store = createStore(database)
  const { fanOut, tickets } = await connectInstances(config.redisUrl, logger)
  const replicator = new Replicator(fanOut, logger)
  const collab = createCollab({
    store,
    tickets,
    identify: createIdentify(database.db),
    loadWorkspaceContext: createLoadWorkspaceContext(database.db),
    allowedOrigins,
    logger,
    roomIdleMs: config.roomIdleMs,
    replicator,
    connectionCaps: config.connectionCaps,
  })
  const applyMembershipChange = (workspaceId: string, userId: string) => {
    collab.membershipChanged(workspaceId, userId).catch((err: unknown) => logger.error({ err, workspaceId, userId }, 'membership revalidation failed'))
  }
  const applyWorkspaceChange = (workspaceId: string) => {
    collab.workspaceChanged(workspaceId).catch((err: unknown) => logger.error({ err, workspaceId }, 'workspace context refresh failed'))
  }
  // Changes made through another instance apply to this instance's sockets too.
  const control = await ControlChannel.open(
    fanOut,
    {
      membershipChanged: applyMembershipChange,
      workspaceChanged: applyWorkspaceChange,
      sessionEnded: (sessionId) => collab.sessionEnded(sessionId),
      // Control messages may have been lost in an outage: re-read everyone connected here.
      reconnected: () => {
        for (const { workspaceId, userId } of collab.rooms.connectedMembers()) applyMembershipChange(workspaceId, userId)
      },
    },
    logger,
  )
  const app = createApp({
    db: database.db,
    auth,
    tickets,
    logger,
    allowedOrigins,
    trustProxy: config.trustProxy,
    clientDir: config.clientDir,
    onMembershipChanged: (workspaceId, userId) => {
      applyMembershipChange(workspaceId, userId)
      control.membershipChanged(workspaceId, userId)
    },
    onPartnersChanged: (workspaceId) => {
      applyWorkspaceChange(workspaceId)
      control.workspaceChanged(workspaceId)
    },
    onSessionEnded: (sessionId) => {
      collab.sessionEnded(sessionId)
      control.sessionEnded(sessionId)
    },
  })
  handler = getRequestListener(app.fetch)
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy()
  })

  const demoLogins = config.seedDemo ? await seedDemo({ db: database.db, auth, store, logger }) : []

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      http.close()
      await collab.close()
      http.closeAllConnections()
      await control.close().catch(() => undefined)
      replicator.close()
      await fanOut.close()
      await tickets.close?.()
      await store.close()
      await database.close()
    })())

  logger.info({ url, allowedOrigins }, 'ready')
  return { url, port, logger, demoLogins, close }
}
