import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
// The test package does not depend on the Node adapter: take the server's own.
import { getRequestListener } from '../../server/node_modules/@hono/node-server/dist/index.mjs'
import { createAuth, migrateAuth } from '../../server/src/auth/auth.ts'
import { TicketStore } from '../../server/src/auth/tickets.ts'
import { createCollab, type Collab } from '../../server/src/collab/index.ts'
import { loadConfig } from '../../server/src/config.ts'
import { openDatabase } from '../../server/src/db/database.ts'
import { migrateToLatest } from '../../server/src/db/migrate.ts'
import { createApp } from '../../server/src/http/app.ts'
import { createIdentify } from '../../server/src/identify.ts'
import { createLogger } from '../../server/src/logger.ts'
import { SqliteDocStore } from '../../server/src/storage/sqliteDocStore.ts'
import { createLoadWorkspaceContext } from '../../server/src/workspaceContext.ts'
import { tempDataDir } from '../helpers/server.ts'

export interface RulesServer {
  url: string
  dataDir: string
  collab: Collab
  store: SqliteDocStore
  close(): Promise<void>
}

const PARTNER_ROUTE = /^\/api\/workspaces\/([^/]+)\/partners(\/|$)/

/**
 * A real server (SQLite, better-auth, REST, websocket) assembled like server/src/server.ts, plus the
 * wiring of the live-edit rules the lead adds there: `loadWorkspaceContext` from SQL, and
 * `collab.workspaceChanged` after partner routes. Once server.ts has that wiring, tests can use
 * `startTestServer` instead.
 */
export async function startRulesServer(): Promise<RulesServer> {
  const dataDir = tempDataDir('ensemble-rules-')
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '0', LOG_LEVEL: 'warn', AUTH_SIGNUP_MAX: '1000', AUTH_SIGNIN_MAX: '1000', ROOM_IDLE_MS: '200' })
  const logger = createLogger(config.logLevel)
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: null })
  await migrateToLatest(database.db, database.dialect)

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end()
  const http = createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const port = (http.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  const allowedOrigins = [url, `http://localhost:${port}`]

  const auth = createAuth({ db: database.db, dialect: database.dialect, secret: config.authSecret, baseURL: url, trustedOrigins: allowedOrigins, rateLimit: config.authRateLimit, logger })
  await migrateAuth(auth)
  const store = new SqliteDocStore(database.sqlite!)
  const tickets = new TicketStore()
  const collab = createCollab({
    store,
    tickets,
    identify: createIdentify(database.db),
    loadWorkspaceContext: createLoadWorkspaceContext(database.db),
    allowedOrigins,
    logger,
    roomIdleMs: config.roomIdleMs,
  })
  const app = createApp({
    db: database.db,
    auth,
    tickets,
    logger,
    allowedOrigins,
    trustProxy: false,
    clientDir: config.clientDir,
    onMembershipChanged: (workspaceId, userId) => {
      collab.membershipChanged(workspaceId, userId).catch((err: unknown) => logger.error({ err }, 'membership revalidation failed'))
    },
  })
  const listener = getRequestListener(app.fetch)
  handler = (req, res) => {
    // What the lead's partner routes will do: tell the collaboration core that partners changed.
    const partnerRoute = req.method !== 'GET' ? PARTNER_ROUTE.exec(req.url ?? '') : null
    if (partnerRoute) {
      res.once('finish', () => {
        if (res.statusCode < 300) void collab.workspaceChanged(decodeURIComponent(partnerRoute[1]!))
      })
    }
    void listener(req, res)
  }
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy()
  })
  return {
    url,
    dataDir,
    collab,
    store,
    close: async () => {
      http.close()
      await collab.close()
      http.closeAllConnections()
      await store.close()
      await database.close()
    },
  }
}
