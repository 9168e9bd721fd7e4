import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { CLOSE, type CloseCode } from '@ensemble/shared'
import type { Replicator } from '../fanout/replicator.ts'
import type { DocStore } from '../storage/docStore.ts'
import type { CollabLogger } from './logger.ts'
import type { EditCheck, OnEditAccepted } from './pipeline/index.ts'
import { RoomRegistry, type IdentifyMember } from './rooms.ts'
import { ConnectionCaps, type ConnectionCapLimits } from './transport/connectionCaps.ts'
import type { ConnectionLimits } from './connection.ts'
import { SessionSockets } from './transport/sessionSockets.ts'
import { createUpgradeHandler, type UpgradeDeps } from './transport/upgrade.ts'
import type { LoadWorkspaceContext } from './workspaceContexts.ts'
import { createWebSocketServer, KeepAlive } from './transport/wsAdapter.ts'
import type { ThreadPool } from '../workers/threadPool.ts'

export { describeChanges, type EditChanges, type KeyChange, type TypeChange } from './changes.ts'
export { allChecks, writersOnly, type AcceptedEdit, type EditCheck, type EditCheckInput, type EditRefusal, type OnEditAccepted } from './pipeline/index.ts'
export { enforceRules } from './rules/enforceRules.ts'
export type { LoadWorkspaceContext } from './workspaceContexts.ts'
export { PEER_INSTANCE_ORIGIN, SERVER_ORIGIN, type TransactionOrigin } from './origins.ts'
export type { CollabLogger } from './logger.ts'
export type { Room } from './room.ts'
export { RoomRegistry, type IdentifyMember, type RoomRegistryOptions } from './rooms.ts'
export { Connection } from './connection.ts'
export { KEPT_STATE_MIN_BYTES } from './keptStates.ts'
export { OPEN_ON_THREAD_BYTES } from './preparedDoc.ts'
export { releaseUndoSteps } from './undoSteps.ts'
export { checkUpdateShape, type ShapeViolation } from './updateShape.ts'
export type { CollabSocket, ConnectionIdentity } from './socket.ts'
export type { ConnectionCapLimits } from './transport/connectionCaps.ts'
export type { ConnectionLimits } from './connection.ts'

export interface CollabOptions {
  store: DocStore
  identify: IdentifyMember
  tickets: UpgradeDeps['tickets']
  allowedOrigins: readonly string[]
  logger: CollabLogger
  roomIdleMs?: number
  compactAfterUpdates?: number
  /** How long a failing append is retried before its room gives up (default LIMITS.storageRetryMs). */
  storageRetryMs?: number
  /** The edit rule (default: the rules of docs/RULES.md, `enforceRules`). */
  checkEdit?: EditCheck
  /**
   * Reads a workspace's members (role, partner) and partner ids for the rules, e.g.
   * `createLoadWorkspaceContext(db)` from server/src/workspaceContext.ts. Cached per workspace while
   * its rooms are loaded; refreshed by `membershipChanged` and `workspaceChanged`. Without it the
   * rules know no member and no partner, and refuse whatever names one.
   */
  loadWorkspaceContext?: LoadWorkspaceContext
  /** How often sockets are pinged; one that misses a pong by the next ping is terminated. */
  keepAliveMs?: number
  /** Fan-out to the other server instances on the same store (server/src/fanout); absent on one instance. */
  replicator?: Replicator
  /** Told about every accepted edit once stored and broadcast (domain observers, injected by the server). */
  onEditAccepted?: OnEditAccepted
  /** Slow-reader cap and per-connection token buckets (default: LIMITS). */
  connectionLimits?: ConnectionLimits
  /** Open websockets allowed per member and per process (default: LIMITS); refused before the 101. */
  connectionCaps?: ConnectionCapLimits
  /** Whether the session behind a ticket is still signed in (see UpgradeDeps.isSessionActive). */
  isSessionActive?: UpgradeDeps['isSessionActive']
  /** Where large documents are read and prepared when their room opens (LOOP5); without it, on the event loop. */
  openThreads?: ThreadPool
}

export interface Collab {
  rooms: RoomRegistry
  /** For `http.Server`'s `'upgrade'` event: false when the path is not `/ws/…` (left to others). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /**
   * A member's role or membership changed: re-read the members the rules check documents against,
   * then update or close the member's open connections. Resolves once both apply.
   */
  membershipChanged(workspaceId: string, userId: string): Promise<void>
  /** Partners (or members) of a workspace changed: re-read what the rules check documents against. */
  workspaceChanged(workspaceId: string): Promise<void>
  /** A session signed out: the websockets it opened close with 4403. Returns how many. */
  sessionEnded(sessionId: string): number
  /** Open websockets counted against the caps of this process. */
  readonly openConnections: number
  /** Refuses new upgrades, closes every connection with `code`, flushes and unloads every room. */
  close(code?: CloseCode): Promise<void>
}

/** The collaboration core, ready to be wired to a Node HTTP server. It knows nothing of Hono. */
export function createCollab(options: CollabOptions): Collab {
  const rooms = new RoomRegistry({
    store: options.store,
    identify: options.identify,
    logger: options.logger,
    roomIdleMs: options.roomIdleMs,
    compactAfterUpdates: options.compactAfterUpdates,
    storageRetryMs: options.storageRetryMs,
    checkEdit: options.checkEdit,
    loadWorkspaceContext: options.loadWorkspaceContext,
    replicator: options.replicator,
    onEditAccepted: options.onEditAccepted,
    connectionLimits: options.connectionLimits,
    openThreads: options.openThreads,
  })
  if (!options.loadWorkspaceContext) {
    options.logger.warn({}, 'collab without loadWorkspaceContext: the rules know no member or partner and refuse edits that name one')
  }
  const wss = createWebSocketServer()
  const keepAlive = new KeepAlive(options.keepAliveMs)
  const caps = new ConnectionCaps(options.connectionCaps)
  const sessions = new SessionSockets()
  const upgrade = createUpgradeHandler({
    caps,
    sessions,
    tickets: options.tickets,
    identify: options.identify,
    allowedOrigins: options.allowedOrigins,
    rooms,
    logger: options.logger,
    wss,
    keepAlive,
    ...(options.isSessionActive ? { isSessionActive: options.isSessionActive } : {}),
  })
  let closing: Promise<void> | null = null
  return {
    rooms,
    handleUpgrade: upgrade,
    membershipChanged: async (workspaceId, userId) => {
      // The rules' view of the members first, then the member's own connections: once their
      // identity has changed (visible to clients as a restamped presence), both apply.
      await rooms.refreshWorkspace(workspaceId)
      await rooms.revalidate(workspaceId, userId)
    },
    workspaceChanged: (workspaceId) => rooms.refreshWorkspace(workspaceId),
    sessionEnded: (sessionId) => sessions.revoke(sessionId),
    get openConnections() {
      return caps.open
    },
    close: (code = CLOSE.goingAway) =>
      (closing ??= (async () => {
        upgrade.stop()
        keepAlive.stop()
        await rooms.closeAll(code)
        await new Promise<void>((resolve) => wss.close(() => resolve()))
      })()),
  }
}
