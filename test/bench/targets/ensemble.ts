import { SCHEMA_VERSION } from '@ensemble/shared'
import * as Y from 'yjs'
import { createAlliance, type TestMember } from '../../helpers/alliance.ts'
import { connectDoc, fetchTicket } from '../../helpers/collab.ts'
import { removeDir, spawnServer, tempDataDir } from '../../helpers/server.ts'
import compileServer from '../../compileServer.ts'
import { waitFor } from '../../helpers/waitFor.ts'
import { GC_ON_SIGNAL, killOnExit, pin, SERVER_CORE } from '../proc.ts'
import type { Target } from './target.ts'
import { READY_TIMEOUT_MS } from './yWebsocketClient.ts'

export interface EnsembleTarget extends Target {
  url: string
  workspaceId: string
  partnerId: string
  admin: TestMember
  /** Member ids a valid plan can name (five, so RACI roles never overlap on one action). */
  people: string[]
  /** Its data directory (the SQLite file `ensemble.sqlite` is there). */
  dataDir: string
  /**
   * Stops the server (SIGTERM, a graceful stop) and starts it again on the same data and port; `pid`
   * follows. `whileStopped` runs in between (e.g. writes a legacy document straight into the file).
   */
  restart(whileStopped?: () => Promise<void> | void): Promise<void>
}

/**
 * The real Ensemble server (`server/src/main.ts`, as `pnpm start` runs it) in a child process on the
 * server core, with everything on: ticket authentication at the upgrade, the rules on every edit,
 * durable append to SQLite before any broadcast. One alliance is created through the REST API; every
 * client is its admin, connecting with a fresh ticket like the browser client. Rooms unload after
 * 1 s idle (ROOM_IDLE_MS; 30 s by default) so the open/close measure does not wait 30 s.
 */
export async function launchEnsemble(): Promise<EnsembleTarget> {
  // The bench runs outside vitest: compile the server it starts (what `pnpm start` runs).
  compileServer()
  const dataDir = tempDataDir('ensemble-bench-')
  // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (not allowed in NODE_OPTIONS)
  const nodeArgs = process.env.BENCH_ENSEMBLE_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const env = {
    ROOM_IDLE_MS: '1000',
    AUTH_SIGNUP_MAX: '100000',
    AUTH_SIGNIN_MAX: '100000',
    AUTH_SIGNIN_ADDRESS_MAX: '100000',
    // Every bench client is the same admin (up to 1,000 idle connections): lift the per-member cap,
    // and the member's REST budgets (a ticket per connection, 5,000 opens and closes).
    WS_MAX_PER_USER: '100000',
    MEMBER_LIMITS_SCALE: '100000',
  }
  const start = async (port: number) => {
    const started = await spawnServer(dataDir, env, port, [...GC_ON_SIGNAL, ...nodeArgs])
    killOnExit(started.child)
    await pin(started.child.pid!, SERVER_CORE)
    return started
  }
  let server = await start(0)
  process.once('exit', () => removeDir(dataDir))
  const { workspaceId, partnerId, admin, members } = await createAlliance(server.url, ['editor', 'editor', 'editor', 'editor'])
  const wsBase = server.url.replace(/^http/, 'ws')
  const connectClient = async (docName: string, doc = new Y.Doc(), syncV2: boolean) => {
    const client = await connectDoc(admin.client, workspaceId, docName, doc, { syncV2 })
    return {
      doc,
      awareness: client.provider.awareness,
      ready: () => waitFor(() => client.provider.synced, { timeoutMs: READY_TIMEOUT_MS, message: `${docName} synced` }).then(() => undefined),
      destroy: client.destroy,
    }
  }
  return {
    name: 'ensemble',
    get pid() {
      return server.child.pid!
    },
    stateful: true,
    wire: 'y-websocket',
    url: server.url,
    workspaceId,
    partnerId,
    admin,
    people: [admin.userId, ...members.map((m) => m.userId)],
    connect: (docName, doc) => connectClient(docName, doc, false),
    connectV2: (docName, doc) => connectClient(docName, doc, true),
    rawUrl: async (docName) =>
      `${wsBase}/ws/${workspaceId}/${encodeURIComponent(docName)}?ticket=${await fetchTicket(admin.client, workspaceId)}&schema=${SCHEMA_VERSION}`,
    dataDir,
    restart: async (whileStopped) => {
      await server.kill('SIGTERM')
      await whileStopped?.()
      server = await start(Number(new URL(server.url).port))
    },
    stop: async () => {
      await server.kill('SIGTERM')
      removeDir(dataDir)
    },
  }
}
