import { CLOSE, docKind, EMPTY_WORKSPACE_CONTEXT, LIMITS, STORAGE_STATE, typeLayoutRoots, type DocKind, type WorkspaceContext } from '@ensemble/shared'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { DocKey, DocStore, KeptState, LoadedDoc } from '../storage/docStore.ts'
import { captureUpdate, type DeleteSet } from './capture.ts'
import { ClientOwners } from './clientOwners.ts'
import { Compactor } from './compactor.ts'
import type { Connection, ConnectionRoom } from './connection.ts'
import { DocumentSize } from './documentSize.ts'
import { MalformedMessageError, StorageFailure } from './errors.ts'
import { FullState } from './fullState.ts'
import { KEPT_STATE_MIN_BYTES } from './keptStates.ts'
import type { CollabLogger } from './logger.ts'
import { isTransactionOrigin, PEER_INSTANCE_ORIGIN, SERVER_ORIGIN, STORAGE_ORIGIN, type ServerOrigin, type TransactionOrigin } from './origins.ts'
import {
  runSteps,
  SERVER_CHANGE_STEPS,
  STORED_CHANGE_STEPS,
  type ChangeContext,
  type EditContext,
  type EditRoom,
  type EditStep,
  type StorageRetry,
} from './pipeline/index.ts'
import { encodeSyncStep1, encodeSyncStep2 } from './protocol.ts'
import { applyPieces, isPreparedDoc, type PreparedDoc } from './preparedDoc.ts'
import { RoomPresence } from './roomPresence.ts'
import { SerialQueue } from './serialQueue.ts'
import { releaseUndoSteps } from './undoSteps.ts'

/** On several instances, a room catches up from the store at most this often (each time reads the whole document). */
const CATCH_UP_INTERVAL_MS = 2000

export interface RoomOptions {
  store: DocStore
  /** The edit pipeline every incoming update goes through (see pipeline/index.ts). */
  steps: readonly EditStep[]
  logger: CollabLogger
  compactAfterUpdates: number
  /** How long a failing append is retried before the room gives up (default LIMITS.storageRetryMs). */
  storageRetryMs?: number
  /** Edits that may queue behind a failing append before the room gives up (default LIMITS.storageRetryQueue). */
  storageRetryQueue?: number
  /** Called once if the room can no longer guarantee durability (storage did not recover). */
  onFailure: (room: Room, error: unknown) => void
  /** Members and partners of the workspace for the edit rules, as currently loaded. */
  workspaceContext?: () => WorkspaceContext
  /**
   * The other server instances holding this document (server/src/fanout): they receive every
   * stored update and every local presence change. Absent on a single instance.
   */
  peers?: RoomPeers
}

/** Where a room publishes for the other instances (a ReplicaLink of server/src/fanout/replicator.ts). */
export interface RoomPeers {
  /** Other instances may write this document's store: the room can be behind it (see catchUpFromStore). */
  readonly shared: boolean
  publishUpdate(update: Uint8Array): void
  publishAwareness(update: Uint8Array): void
}

/**
 * One live document: its Y.Doc, the presence of the people in it (roomPresence.ts), their
 * connections, and the full state its fresh joiners are sent (fullState.ts).
 *
 * Everything that touches the durable order goes through one queue: incoming edits, the server's own
 * changes and updates other instances stored (each through the steps of pipeline/: applied, checked,
 * appended, then broadcast), and answers to sync requests. So the log keeps the room's order, and a
 * connection is never shown state that is not stored yet. Presence bypasses the queue: it is not stored.
 */
export class Room implements EditRoom, ConnectionRoom {
  readonly key: DocKey
  readonly kind: DocKind
  readonly doc = new Y.Doc({ gc: true })
  readonly store: DocStore
  readonly logger: CollabLogger
  readonly clientOwners: ClientOwners
  readonly size: DocumentSize
  readonly storageRetry: StorageRetry

  private readonly attached = new Set<Connection>()
  /**
   * One UndoManager for the room, tracking every attached connection's origin: edits are applied one
   * at a time and it is cleared after each (collectEdit), so its last step is always the current
   * edit's. One per connection made every transaction run N handlers (N connections) for nothing.
   */
  private readonly undoManager: Y.UndoManager
  private readonly queue = new SerialQueue()
  private readonly presence: RoomPresence
  private readonly fullState: FullState
  private readonly compactor: Compactor
  private failed = false
  /** An append is failing and being retried: nothing new is saved, connections were told. */
  private appendFailing = false
  private resyncQueued = false
  /** A change of the server is being applied (applyServerChange stores it itself). */
  private applyingServerChange = false
  /** Bytes of this document's stored log (as loaded, plus what this room appended): is it a large document? */
  private storedBytes = 0
  /** performance.now() of the last catch-up from the store (see catchUpFromStore). */
  private caughtUpAt = -Infinity

  /** Resolves once the stored document is applied: at once, or once a prepared document's pieces are (rooms.ts waits for it). */
  readonly replayed: Promise<void>

  constructor(
    key: DocKey,
    loaded: LoadedDoc | PreparedDoc,
    private readonly options: RoomOptions,
  ) {
    const kind = docKind(key.docName)
    if (!kind) throw new Error(`unknown document ${key.docName}`)
    this.key = key
    this.kind = kind
    this.store = options.store
    this.logger = options.logger
    this.storageRetry = { retryMs: options.storageRetryMs ?? LIMITS.storageRetryMs, maxQueued: options.storageRetryQueue ?? LIMITS.storageRetryQueue }
    this.fullState = new FullState(this.doc, kind, (err) => options.logger.error({ err, ...key }, 'V2 conversion failed: sending V1'))

    // Replay storage before listening, so nothing loaded is stored or broadcast again.
    const listen = () => {
      try {
        // The layout's roots get their Yjs types once, before any edit is checked against them.
        typeLayoutRoots(this.doc, kind)
      } catch (err) {
        options.logger.warn({ err, ...key }, 'stored document does not match its layout')
      }
      this.doc.on('update', this.onDocUpdate)
    }
    if (isPreparedDoc(loaded)) {
      // A large document read and encoded on a document thread (LOOP5): its full state is ready for
      // the first joiners, and its pieces are applied a few at a time, between other work.
      this.fullState.startFrom(loaded)
      this.replayed = Promise.resolve()
        .then(() => applyPieces(this.doc, loaded.pieces, STORAGE_ORIGIN))
        .then(listen)
    } else {
      applyStoredDocument(this.doc, loaded, STORAGE_ORIGIN)
      listen()
      this.replayed = Promise.resolve()
    }
    // Scope = the whole document (every root type, even one the client invents); every incoming
    // update is its own undo step.
    this.undoManager = new Y.UndoManager(this.doc, { trackedOrigins: new Set(), captureTimeout: 0 })

    this.clientOwners = new ClientOwners(options.store, key, (err) => options.logger.warn({ err, ...key }, 'claiming a client id announced in presence failed'))
    const peers = options.peers
    this.presence = new RoomPresence(
      this.doc,
      key,
      this.clientOwners,
      options.logger,
      (frame) => this.sendToAll(frame),
      peers && ((update) => peers.publishAwareness(update)),
    )

    const pendingUpdates = isPreparedDoc(loaded) ? loaded.pendingUpdates : loaded.updates.length
    this.compactor = new Compactor(options.store, key, options.compactAfterUpdates, pendingUpdates, options.logger)
    this.storedBytes = isPreparedDoc(loaded)
      ? loaded.storedBytes
      : (loaded.snapshot?.byteLength ?? 0) + loaded.updates.reduce((sum, update) => sum + update.byteLength, 0)
    // A prepared document's exact state size is known (its V1 update): a tighter start than the bytes stored.
    const loadedBytes = isPreparedDoc(loaded) ? loaded.frameV1.byteLength - loaded.v1Offset : this.storedBytes
    this.size = new DocumentSize(LIMITS.maxDocumentBytes[kind], loadedBytes, () => Y.encodeStateAsUpdate(this.doc).byteLength)
  }

  // ---- connections ------------------------------------------------------------------------------

  get connectionCount(): number {
    return this.attached.size
  }

  connections(): Iterable<Connection> {
    return this.attached
  }

  /** Starts the y-websocket handshake: our sync step 1, then the presence already in the room. */
  addConnection(connection: Connection): void {
    this.attached.add(connection)
    this.undoManager.addTrackedOrigin(connection.origin)
    connection.send(encodeSyncStep1(this.doc))
    if (this.appendFailing) connection.sendSaved(STORAGE_STATE.failing)
    const present = this.presence.statesFrame()
    if (present) connection.send(present)
  }

  /** The connection left: its presence goes away for everyone else. */
  removeConnection(connection: Connection): void {
    if (!this.attached.delete(connection)) return
    this.presence.remove(connection)
    // Edits it sent before leaving are still queued and must stay undoable: stop tracking after them.
    this.enqueue(() => this.undoManager.removeTrackedOrigin(connection.origin))
  }

  // ---- sync ------------------------------------------------------------------------------------

  /** Answers a client's sync step 1 with what it lacks, once everything applied before is stored. */
  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    let fresh: boolean
    try {
      fresh = Y.decodeStateVector(stateVector).size === 0
    } catch (cause) {
      throw new MalformedMessageError('bad state vector', { cause })
    }
    this.enqueue(() => {
      if (this.failed) return
      if (!fresh) return connection.send(encodeSyncStep2(this.doc, stateVector))
      // It was sent a kept state before this room was loaded: now only what differs from it.
      if (connection.keptStateVector) return connection.send(encodeSyncStep2(this.doc, connection.keptStateVector))
      this.fullState.sendTo(connection)
    })
  }

  /**
   * The full state to keep once the room unloads (a large document's, already converted for a V2
   * joiner and still current), or null.
   */
  keptState(): KeptState | null {
    return this.failed ? null : this.fullState.toKeep()
  }

  /**
   * When `keptState()` has nothing (no V2 joiner came since the last change): whether this large
   * document's kept state should be rebuilt from the stored document as it unloads, with the plan's
   * first screen to keep beside it; null for a small or failed document.
   */
  stateToRebuild(): { preview: Uint8Array | null } | null {
    if (this.failed || this.storedBytes < KEPT_STATE_MIN_BYTES) return null
    return { preview: this.fullState.currentPreview() }
  }

  /** A state kept from this document's previous room, adopted when the document is still that state (see FullState.adopt). */
  adoptKeptState(kept: KeptState): boolean {
    return this.fullState.adopt(kept)
  }

  // ---- changes ---------------------------------------------------------------------------------

  /** An update from a client (sync step 2 and update messages alike) enters the edit pipeline. */
  receiveUpdate(connection: Connection, update: Uint8Array): void {
    this.enqueue(async () => {
      if (this.failed) return
      const context: EditContext = {
        room: this,
        connection,
        authorId: connection.identity.userId,
        incoming: update,
        decoded: null,
        applied: null,
        changes: { types: [], deletedItems: 0 },
        inserted: [],
        refusal: null,
        outgoing: null,
        deleteSets: [],
        closeAfter: null,
      }
      try {
        await runSteps(this.options.steps, context)
        // Stored (or already there, or compensated and stored): the author may count it as saved.
        connection.acknowledgeSaved()
      } catch (error) {
        if (error instanceof StorageFailure) this.fail(error)
        else connection.fail(error)
      } finally {
        this.collectEdit(context.deleteSets)
      }
    })
  }

  /**
   * Applies a change made by the server itself (origin `server`), then stores and broadcasts it
   * through the same steps as an edit (SERVER_CHANGE_STEPS). Resolves once it is stored and sent.
   * `authorId`: the member who asked for it (a restore). `change` may throw to refuse: whatever it
   * wrote before throwing is stored all the same, then the error is passed on.
   */
  async applyServerChange(change: (doc: Y.Doc) => void, authorId?: string): Promise<void> {
    const origin: ServerOrigin = authorId === undefined ? SERVER_ORIGIN : Object.freeze({ kind: 'server', authorId })
    await this.queue.run(async () => {
      const thrown: unknown[] = []
      this.applyingServerChange = true
      let update: Uint8Array | null
      try {
        update = captureUpdate(this.doc, () => {
          try {
            this.doc.transact(() => change(this.doc), origin)
          } catch (error) {
            thrown.push(error)
          }
        })
      } finally {
        this.applyingServerChange = false
      }
      if (update && !this.failed) await this.storeServerChange(update, authorId ?? null)
      if (thrown.length > 0) throw thrown[0]
    })
  }

  /** Stores and broadcasts a change the server applied; if that fails, the room fails (its state is ahead of the log). */
  private async storeServerChange(update: Uint8Array, authorId: string | null): Promise<void> {
    const context: ChangeContext = { room: this, connection: null, authorId, outgoing: update, refusal: null }
    try {
      await runSteps(SERVER_CHANGE_STEPS, context)
    } catch (error) {
      this.fail(error)
    }
  }

  /**
   * Applies an update another instance stored (origin `peer-instance`, or what the room merges from
   * the store), and broadcasts what the document did not hold yet to this room's connections
   * (STORED_CHANGE_STEPS): it is neither checked, stored nor published again.
   */
  private async applyStoredChange(apply: () => void): Promise<void> {
    const update = captureUpdate(this.doc, apply)
    if (update) await runSteps(STORED_CHANGE_STEPS, { room: this, connection: null, authorId: null, outgoing: update, refusal: null })
  }

  // ---- other instances (fan-out) ---------------------------------------------------------------

  /** Stored updates go to the other instances; called by the pipeline's publishToPeers step. */
  publishUpdate(update: Uint8Array): void {
    this.options.peers?.publishUpdate(update)
  }

  /**
   * An update another instance accepted and stored: broadcast to this room's connections but neither
   * checked, stored nor published again. Queued, like edits, so it never lands in the middle of one.
   */
  applyPeerUpdate(update: Uint8Array): void {
    this.enqueue(async () => {
      if (this.failed) return
      const hadPending = this.hasPending()
      await this.applyStoredChange(() => Y.applyUpdate(this.doc, update, PEER_INSTANCE_ORIGIN))
      // It depends on something this room missed: fetch it from the store.
      if (!hadPending && this.hasPending()) this.resyncFromStore()
    })
  }

  /** Every presence state in the room, for an instance that just opened the document; null when none. */
  awarenessStates(): Uint8Array | null {
    return this.presence.statesUpdate()
  }

  /** Presence of another instance's connections (already checked and stamped there). */
  applyPeerAwareness(update: Uint8Array): void {
    this.presence.receiveFromPeer(update)
  }

  /**
   * Fan-out messages may have been lost: merges the stored document into the room's (a CRDT merge,
   * nothing is deleted) and broadcasts what this room lacked to its connections.
   */
  resyncFromStore(): void {
    if (this.resyncQueued) return
    this.resyncQueued = true
    this.enqueue(async () => {
      this.resyncQueued = false
      if (!this.failed) await this.mergeStored()
    })
  }

  /**
   * Called from within the room's queue (an edit's claimClientIds step): on several instances only,
   * and at most every CATCH_UP_INTERVAL_MS, merges the stored document (see EditRoom.catchUpFromStore).
   */
  async catchUpFromStore(): Promise<boolean> {
    if (!this.options.peers?.shared || performance.now() - this.caughtUpAt < CATCH_UP_INTERVAL_MS) return false
    this.caughtUpAt = performance.now()
    await this.mergeStored()
    return true
  }

  /** Merges what the store holds, as an update another instance stored. */
  private async mergeStored(): Promise<void> {
    const stored = await this.store.load(this.key)
    await this.applyStoredChange(() => applyStoredDocument(this.doc, stored, PEER_INSTANCE_ORIGIN))
  }

  private hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
  }

  // ---- presence --------------------------------------------------------------------------------

  /** Who is in the room, as y-protocols keeps it (changed only through the methods below). */
  get awareness(): Awareness {
    return this.presence.awareness
  }

  /** A client's awareness update: only its own client ids, with its authenticated identity. */
  receiveAwareness(connection: Connection, update: Uint8Array): void {
    this.presence.receive(connection, update)
  }

  /** Answers a query-awareness message with every present state. */
  sendAwarenessStates(connection: Connection): void {
    const present = this.presence.statesFrame()
    if (present) connection.send(present)
  }

  /** The member's identity changed (name, partner, role): restamp their presence. */
  identityChanged(connection: Connection): void {
    this.presence.identityChanged(connection)
  }

  // ---- pipeline support (EditRoom) -------------------------------------------------------------

  undoManagerFor(): Y.UndoManager {
    return this.undoManager
  }

  get queuedTasks(): number {
    return this.queue.size
  }

  get storageFailing(): boolean {
    return this.appendFailing
  }

  setStorageFailing(failing: boolean): void {
    this.appendFailing = failing
    for (const connection of this.attached) connection.sendSaved(failing ? STORAGE_STATE.failing : STORAGE_STATE.ok)
  }

  appended(bytes: number): void {
    this.compactor.noteAppended()
    this.storedBytes += bytes
    this.size.accepted(bytes)
  }

  workspaceContext(): WorkspaceContext {
    return this.options.workspaceContext?.() ?? EMPTY_WORKSPACE_CONTEXT
  }

  /** After each edit: the UndoManager lets go of what it kept, and that content is collected. */
  collectEdit(deleteSets: readonly DeleteSet[]): void {
    releaseUndoSteps(this.undoManager, deleteSets)
    if (this.doc.gc) for (const deleteSet of deleteSets) Y.tryGc(deleteSet, this.doc.store, this.doc.gcFilter)
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** Resolves once every queued change is stored and broadcast and no compaction is running. */
  async flush(): Promise<void> {
    await this.queue.drain()
    await this.compactor.idle()
  }

  /** Flushes, then frees the document. Call with no connection left. */
  async close(): Promise<void> {
    await this.flush()
    this.undoManager.destroy()
    this.presence.destroy()
    this.doc.off('update', this.onDocUpdate)
    this.fullState.invalidate()
    this.doc.destroy()
  }

  /**
   * Storage did not recover: the in-memory state is ahead of the log, so drop everyone (their
   * replicas keep the unsaved edits and re-send them on reconnect) and release the room.
   */
  private fail(error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.options.logger.error({ err: error, ...this.key }, 'room failed: closing its connections')
    for (const connection of [...this.attached]) connection.close(CLOSE.internalError)
    this.options.onFailure(this, error)
  }

  /** Queues a task whose failure is logged, never left as an unhandled rejection (which ends Node). */
  private enqueue(task: () => void | Promise<void>): void {
    this.queue.run(task).catch((err: unknown) => this.options.logger.error({ err, ...this.key }, 'room task failed'))
  }

  /**
   * Every change of the document makes its full state a past one. Changes are stored and broadcast
   * by the path that applied them (an edit, a server change, an update already stored); a transaction
   * made around those paths (by code holding the room through `withRoom`) is still stored and
   * broadcast as a server change, through the same steps, rather than lost.
   */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState.invalidate()
    if (this.applyingServerChange || origin instanceof Y.UndoManager) return
    if (isTransactionOrigin(origin) && origin.kind !== 'server') return
    if (!isTransactionOrigin(origin)) this.options.logger.warn({ ...this.key }, 'transaction without a typed origin: stored as a server change')
    const authorId = isTransactionOrigin(origin) && origin.kind === 'server' ? (origin.authorId ?? null) : null
    this.enqueue(async () => {
      if (!this.failed) await this.storeServerChange(update, authorId)
    })
  }

  private sendToAll(frame: Uint8Array): void {
    for (const connection of this.attached) connection.send(frame)
  }
}

/** Applies a stored document (its snapshot, then the log after it) in one transaction of `origin`. */
function applyStoredDocument(doc: Y.Doc, stored: LoadedDoc, origin: TransactionOrigin): void {
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot, origin)
      for (const update of stored.updates) Y.applyUpdate(doc, update, origin)
    },
    origin,
  )
}
