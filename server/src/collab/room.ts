import {
  actionsOf,
  AWARENESS_USER_FIELD,
  CLOSE,
  docKind,
  EMPTY_WORKSPACE_CONTEXT,
  encodePlanPreview,
  encodeSyncStep2V2,
  LIMITS,
  PLAN_PREVIEW_MIN_ACTIONS,
  planPreviewOf,
  STORAGE_STATE,
  typeLayoutRoots,
  type DocKind,
  type WorkspaceContext,
} from '@ensemble/shared'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { DocKey, DocStore, KeptState, LoadedDoc } from '../storage/docStore.ts'
import { AwarenessGuard, stampIdentity } from './awarenessGuard.ts'
import type { DeleteSet } from './capture.ts'
import { ClientOwners } from './clientOwners.ts'
import { Compactor } from './compactor.ts'
import type { Connection } from './connection.ts'
import { DocumentSize } from './documentSize.ts'
import { MalformedMessageError, StorageFailure } from './errors.ts'
import type { CollabLogger } from './logger.ts'
import { isTransactionOrigin, PEER_INSTANCE_ORIGIN, SERVER_ORIGIN, STORAGE_ORIGIN } from './origins.ts'
import { runEditPipeline, type EditContext, type EditRoom, type EditStep } from './pipeline/index.ts'
import {
  decodeAwarenessUpdate,
  encodeAwarenessStates,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Update,
  encodeSyncUpdate,
} from './protocol.ts'
import { applyPieces, isPreparedDoc, type PreparedDoc } from './preparedDoc.ts'
import { SerialQueue } from './serialQueue.ts'
import { releaseUndoSteps } from './undoSteps.ts'
import { yjsThread } from '../workers/yjsThread.ts'

/** The whole document at one state, encoded once and shared by every fresh joiner of that state. */
interface FullState {
  stateVector: Uint8Array
  /** The V1 update (Y.encodeStateAsUpdate) and its sync step 2 frame, for stock clients; encoded on first demand. */
  v1: { update: Uint8Array; frame: Uint8Array } | null
  /** The type-102 frame (V2), converted on first demand; null when the conversion failed. */
  frameV2: Promise<Uint8Array | null> | null
  /** The same frame once converted (what the registry keeps when the room unloads). */
  readyV2: Uint8Array | null
  /** A large plan's first rows (type-103 frame), null for other documents; undefined until asked for. */
  preview?: Uint8Array | null
}

/** On several instances, a room catches up from the store at most this often (each time reads the whole document). */
const CATCH_UP_INTERVAL_MS = 2000

/** Only full states at least this large (V2 frame) outlive their room: smaller ones load and encode in moments. */
export const CACHED_STATE_MIN_BYTES = 128 * 1024

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
 * One live document: its Y.Doc, the presence (awareness) of the people in it, and their connections.
 *
 * Everything that touches the durable order goes through one queue: incoming edits (applied,
 * checked, appended, then broadcast) and answers to sync requests. So the log keeps the room's order,
 * and a connection is never shown state that is not stored yet. Presence bypasses the queue: it is
 * not stored.
 */
export class Room implements EditRoom {
  readonly key: DocKey
  readonly kind: DocKind
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly store: DocStore
  readonly clientOwners: ClientOwners
  readonly size: DocumentSize

  private readonly attached = new Set<Connection>()
  /**
   * One UndoManager for the room, tracking every attached connection's origin: edits are applied one
   * at a time and it is cleared after each (releaseEdit), so its last step is always the current
   * edit's. One per connection made every transaction run N handlers (N connections) for nothing.
   */
  private readonly undoManager: Y.UndoManager
  private readonly queue = new SerialQueue()
  private readonly guard: AwarenessGuard
  private readonly compactor: Compactor
  private failed = false
  /** An append is failing and being retried: nothing new is saved, connections were told. */
  private storageFailing = false
  private resyncQueued = false
  /** See currentFullState(); forgotten on every change of the document. */
  private fullState: FullState | null = null
  /** Bytes of this document's stored log (as loaded, plus what this room appended): is it a large document? */
  private storedBytes = 0
  /** performance.now() of the last catch-up from the store (see catchUpFromStore). */
  private caughtUpAt = -Infinity
  /** The room's own client id is claimed for the server's changes (HOST1). */
  private serverIdClaimed = false

  /** Resolves once the stored state is applied: at once, or once a prepared document's pieces are (rooms.ts waits for it). */
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
      // A large document read and encoded on a document thread (LOOP5): its full-state frames are
      // ready for the first joiners, and its pieces are applied a few at a time, between other work.
      this.fullState = {
        stateVector: loaded.stateVector,
        v1: { update: loaded.frameV1.subarray(loaded.v1Offset), frame: loaded.frameV1 },
        frameV2: Promise.resolve(loaded.frameV2),
        readyV2: loaded.frameV2,
        preview: loaded.preview,
      }
      this.replayed = Promise.resolve()
        .then(() => applyPieces(this.doc, loaded.pieces, STORAGE_ORIGIN))
        .then(listen)
    } else {
      Y.transact(
        this.doc,
        () => {
          if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot, STORAGE_ORIGIN)
          for (const update of loaded.updates) Y.applyUpdate(this.doc, update, STORAGE_ORIGIN)
        },
        STORAGE_ORIGIN,
      )
      listen()
      this.replayed = Promise.resolve()
    }
    // Scope = the whole document (every root type, even one the client invents); every incoming
    // update is its own undo step.
    this.undoManager = new Y.UndoManager(this.doc, { trackedOrigins: new Set(), captureTimeout: 0 })

    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.guard = new AwarenessGuard(this.awareness.clientID, (clientId) => this.awareness.meta.get(clientId)?.clock)

    const pendingUpdates = isPreparedDoc(loaded) ? loaded.pendingUpdates : loaded.updates.length
    this.compactor = new Compactor(options.store, key, options.compactAfterUpdates, pendingUpdates, options.logger)
    this.storedBytes = isPreparedDoc(loaded)
      ? loaded.storedBytes
      : (loaded.snapshot?.byteLength ?? 0) + loaded.updates.reduce((sum, update) => sum + update.byteLength, 0)
    this.clientOwners = new ClientOwners(options.store, key, (err) => options.logger.warn({ err, ...key }, 'claiming a client id announced in presence failed'))
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
    if (this.storageFailing) connection.sendSaved(STORAGE_STATE.failing)
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) connection.send(encodeAwarenessStates(this.awareness, present))
  }

  /** The connection left: its presence goes away for everyone else. */
  removeConnection(connection: Connection): void {
    if (!this.attached.delete(connection)) return
    const released = this.guard.release(connection).filter((clientId) => this.awareness.getStates().has(clientId))
    if (released.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, released, connection.origin)
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
      // It was sent a cached full state before this room was loaded: now only what differs from it.
      if (connection.servedState) return connection.send(encodeSyncStep2(this.doc, connection.servedState))
      const state = this.currentFullState()
      if (!connection.syncV2) return connection.send(this.v1Of(state).frame)
      // The plan page shows the first rows while the whole document is on its way and applied.
      const preview = connection.wantsPreview ? this.previewOf(state) : null
      if (preview) connection.send(preview)
      state.frameV2 ??= this.convertToV2(state)
      // Not awaited: the queue (everyone's edits) never waits for a conversion. Updates broadcast to
      // this connection meanwhile are newer than this state; Yjs keeps them pending until it lands.
      void state.frameV2.then((frame) => connection.send(frame ?? this.v1Of(state).frame))
    })
  }

  /**
   * The whole document, encoded once per document state and shared by every fresh joiner (empty
   * state vector) until the next change: twenty clients opening a large document cost one encoding,
   * not twenty on the event loop; V2 joiners of that state share one conversion.
   */
  private currentFullState(): FullState {
    this.fullState ??= { stateVector: Y.encodeStateVector(this.doc), v1: null, frameV2: null, readyV2: null }
    return this.fullState
  }

  private v1Of(state: FullState): { update: Uint8Array; frame: Uint8Array } {
    if (!state.v1) {
      // Asked for while `state` is the current one (a V1 joiner, or a conversion about to start).
      const update = Y.encodeStateAsUpdate(this.doc)
      state.v1 = { update, frame: encodeSyncStep2Update(update) }
    }
    return state.v1
  }

  /** The first rows of a large plan in this state (a type-103 frame), or null (another document, a short plan). */
  private previewOf(state: FullState): Uint8Array | null {
    if (state.preview === undefined) state.preview = this.currentPreview()
    return state.preview
  }

  private currentPreview(): Uint8Array | null {
    const large = this.kind === 'plan' && actionsOf(this.doc).size >= PLAN_PREVIEW_MIN_ACTIONS
    return large ? encodePlanPreview(planPreviewOf(this.doc)) : null
  }

  /**
   * The full state as the registry may keep it once the room unloads (a large document's, already
   * converted for a V2 joiner and still current), or null.
   */
  keptState(): KeptState | null {
    const state = this.fullState
    if (this.failed || !state?.readyV2 || state.readyV2.byteLength < CACHED_STATE_MIN_BYTES) return null
    return { stateVector: state.stateVector, snapshot: Y.encodeSnapshot(Y.snapshot(this.doc)), frameV2: state.readyV2, preview: this.previewOf(state) }
  }

  /**
   * When `keptState()` has nothing (no V2 joiner came since the last change): whether the registry
   * should rebuild this large document's full state from storage as it unloads, with the plan's first
   * screen to keep beside it; null for a small or failed document.
   */
  stateToRebuild(): { preview: Uint8Array | null } | null {
    if (this.failed || this.storedBytes < CACHED_STATE_MIN_BYTES) return null
    return { preview: this.currentPreview() }
  }

  /**
   * A state kept from this document's previous room: when the stored document is still exactly that
   * state (same state vector and same deletions: another instance may have written meanwhile), its
   * V2 frame serves the next V2 joiners without a new encoding. Returns whether it did.
   */
  adoptKeptState(kept: KeptState): boolean {
    if (this.fullState || !sameBytes(Y.encodeSnapshot(Y.snapshot(this.doc)), kept.snapshot)) return false
    this.fullState = { stateVector: kept.stateVector, v1: null, frameV2: Promise.resolve(kept.frameV2), readyV2: kept.frameV2, preview: kept.preview }
    return true
  }

  /** The type-102 frame of a state (converted off the event loop when large); null if it failed (V1 is sent). */
  private convertToV2(state: FullState): Promise<Uint8Array | null> {
    return yjsThread.toV2(this.v1Of(state).update).then(
      (updateV2) => (state.readyV2 = encodeSyncStep2V2(updateV2)),
      (err: unknown) => {
        this.options.logger.error({ err, ...this.key }, 'V2 conversion failed: sending V1')
        return null
      },
    )
  }

  /** An update from a client (sync step 2 and update messages alike) enters the edit pipeline. */
  receiveUpdate(connection: Connection, update: Uint8Array): void {
    this.enqueue(async () => {
      if (this.failed) return
      const context: EditContext = {
        room: this,
        connection,
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
        await runEditPipeline(this.options.steps, context)
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
   * Applies a change made by the server itself (origin `server`), then stores and broadcasts it like
   * any edit. Resolves once it is stored and sent. `authorId`: the member who asked for it (a restore).
   */
  async applyServerChange(change: (doc: Y.Doc) => void, authorId?: string): Promise<void> {
    const origin = authorId === undefined ? SERVER_ORIGIN : Object.freeze({ kind: 'server' as const, authorId })
    await this.queue.run(() => this.doc.transact(() => change(this.doc), origin))
    await this.queue.drain()
  }

  // ---- other instances (fan-out) ---------------------------------------------------------------

  /** Stored updates go to the other instances; called by the pipeline's broadcast step. */
  publishUpdate(update: Uint8Array): void {
    this.options.peers?.publishUpdate(update)
  }

  /**
   * An update another instance accepted and stored: applied with the peer-instance origin, so it is
   * broadcast to this room's connections but neither checked, stored nor published again. Queued,
   * like edits, so it never lands in the middle of one.
   */
  applyPeerUpdate(update: Uint8Array): void {
    this.enqueue(() => {
      if (this.failed) return
      const hadPending = this.hasPending()
      Y.applyUpdate(this.doc, update, PEER_INSTANCE_ORIGIN)
      // It depends on something this room missed: fetch it from the store.
      if (!hadPending && this.hasPending()) this.resyncFromStore()
    })
  }

  /** Every presence state in the room, for an instance that just opened the document; null when none. */
  awarenessStates(): Uint8Array | null {
    const present = [...this.awareness.getStates().keys()]
    return present.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, present) : null
  }

  /** Presence of another instance's connections (already checked and stamped there). */
  applyPeerAwareness(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER_INSTANCE_ORIGIN)
    } catch (err) {
      this.options.logger.warn({ err, ...this.key }, 'bad awareness from a peer instance ignored')
    }
  }

  /**
   * Fan-out messages may have been lost: merges the stored state into the document (a CRDT merge,
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
   * and at most every CATCH_UP_INTERVAL_MS, merges the stored state (see EditRoom.catchUpFromStore).
   */
  async catchUpFromStore(): Promise<boolean> {
    if (!this.options.peers?.shared || performance.now() - this.caughtUpAt < CATCH_UP_INTERVAL_MS) return false
    this.caughtUpAt = performance.now()
    await this.mergeStored()
    return true
  }

  /** Merges what the store holds (with the peer-instance origin: broadcast here, neither checked nor stored again). */
  private async mergeStored(): Promise<void> {
    const loaded = await this.store.load(this.key)
    Y.transact(
      this.doc,
      () => {
        if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot, PEER_INSTANCE_ORIGIN)
        for (const update of loaded.updates) Y.applyUpdate(this.doc, update, PEER_INSTANCE_ORIGIN)
      },
      PEER_INSTANCE_ORIGIN,
    )
  }

  private hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
  }

  // ---- presence --------------------------------------------------------------------------------

  /** A client's awareness update: only its own client ids, with its authenticated identity. */
  receiveAwareness(connection: Connection, update: Uint8Array): void {
    const admitted = this.guard.admit(connection, decodeAwarenessUpdate(update, this.isStaleAwareness))
    if (admitted.length > 0) {
      // Only the client's own presence is charged: stock providers echo everyone else's back.
      connection.admit('awareness')
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(admitted), connection.origin)
    }
  }

  private readonly isStaleAwareness = (clientId: number, clock: number, removal: boolean): boolean => this.guard.isStale(clientId, clock, removal)

  /** Answers a query-awareness message with every present state. */
  sendAwarenessStates(connection: Connection): void {
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) connection.send(encodeAwarenessStates(this.awareness, present))
  }

  /** The member's identity changed (name, partner, role): restamp their presence. */
  identityChanged(connection: Connection): void {
    const states = this.awareness.getStates()
    const entries = [...connection.awarenessClientIds]
      .filter((clientId) => states.has(clientId))
      .map((clientId) => ({
        clientId,
        clock: (this.awareness.meta.get(clientId)?.clock ?? 0) + 1,
        state: stampIdentity(states.get(clientId)!, connection.identity),
      }))
    if (entries.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), connection.origin)
    }
  }

  // ---- pipeline support (EditRoom) -------------------------------------------------------------

  undoManagerFor(): Y.UndoManager {
    return this.undoManager
  }

  async appendDurably(update: Uint8Array, authorId: string | null): Promise<void> {
    const retryMs = this.options.storageRetryMs ?? LIMITS.storageRetryMs
    const maxQueued = this.options.storageRetryQueue ?? LIMITS.storageRetryQueue
    const giveUpAt = Date.now() + retryMs
    for (let attempt = 0; ; attempt++) {
      try {
        await this.store.append(this.key, update, authorId)
        break
      } catch (cause) {
        // Edits keep arriving behind this one (the queue holds them, unapplied): bounded in time and count.
        const remaining = giveUpAt - Date.now()
        if (remaining <= 0 || this.queue.size > maxQueued) throw new StorageFailure('append failed', { cause })
        if (!this.storageFailing) {
          this.storageFailing = true
          this.options.logger.error({ err: cause, ...this.key }, 'append failed: retrying, nothing is acknowledged meanwhile')
          for (const connection of this.attached) connection.sendSaved(STORAGE_STATE.failing)
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** attempt, 1000, remaining)))
      }
    }
    if (this.storageFailing) {
      this.storageFailing = false
      this.options.logger.warn({ ...this.key }, 'storage recovered')
      for (const connection of this.attached) connection.sendSaved(STORAGE_STATE.ok)
    }
    this.compactor.noteAppended()
    this.storedBytes += update.byteLength
    this.size.accepted(update.byteLength)
  }

  workspaceContext(): WorkspaceContext {
    return this.options.workspaceContext?.() ?? EMPTY_WORKSPACE_CONTEXT
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  /** Resolves once every queued edit is stored and broadcast and no compaction is running. */
  async flush(): Promise<void> {
    await this.queue.drain()
    await this.compactor.idle()
  }

  /** Flushes, then frees the document. Call with no connection left. */
  async close(): Promise<void> {
    await this.flush()
    this.undoManager.destroy()
    this.awareness.off('update', this.onAwarenessUpdate)
    this.doc.off('update', this.onDocUpdate)
    this.fullState = null
    this.awareness.destroy()
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

  /** After each edit: the UndoManager lets go of what it kept, and that content is collected. */
  collectEdit(deleteSets: readonly DeleteSet[]): void {
    releaseUndoSteps(this.undoManager, deleteSets)
    if (this.doc.gc) for (const deleteSet of deleteSets) Y.tryGc(deleteSet, this.doc.store, this.doc.gcFilter)
  }

  /**
   * Updates that did not come through the edit pipeline. Connection edits and their compensations
   * (UndoManager origin) are handled by the pipeline; peer-instance updates are stored already;
   * anything else is a server change that must be stored and broadcast.
   */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullState = null
    if (origin instanceof Y.UndoManager) return
    if (isTransactionOrigin(origin)) {
      if (origin.kind === 'connection' || origin.kind === 'storage') return
      if (origin.kind === 'peer-instance') {
        this.sendToAll(encodeSyncUpdate(update))
        return
      }
    } else {
      this.options.logger.warn({ ...this.key }, 'transaction without a typed origin: stored as a server change')
    }
    this.enqueue(async () => {
      if (this.failed) return
      try {
        await this.claimServerId()
        await this.appendDurably(update, isTransactionOrigin(origin) && origin.kind === 'server' ? (origin.authorId ?? null) : null)
      } catch (error) {
        this.fail(error)
        return
      }
      this.sendToAll(encodeSyncUpdate(update))
      this.publishUpdate(update)
    })
  }

  /** Before the server's first change is stored, its client id is claimed (HOST1). */
  private async claimServerId(): Promise<void> {
    if (this.serverIdClaimed) return
    this.serverIdClaimed = await this.clientOwners.claimForServer(this.doc.clientID)
    if (!this.serverIdClaimed) this.options.logger.error({ ...this.key, clientId: this.doc.clientID }, 'the room’s client id belongs to a person: its change is stored under it anyway')
  }

  /**
   * Presence changes go to every connection, the sender's included (it sees its stamped identity).
   * A client id seen in someone's presence (stamped with their identity here or on the instance
   * they are connected to) is claimed for them (HOST1).
   */
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    for (const clientId of [...added, ...updated]) {
      const user = this.awareness.getStates().get(clientId)?.[AWARENESS_USER_FIELD] as { id?: unknown } | undefined
      if (typeof user?.id === 'string') this.clientOwners.reserve(clientId, user.id, origin !== PEER_INSTANCE_ORIGIN)
    }
    const frame = encodeAwarenessStates(this.awareness, changed)
    this.sendToAll(frame)
    if (origin !== PEER_INSTANCE_ORIGIN && this.options.peers) this.options.peers.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
  }

  private sendToAll(frame: Uint8Array): void {
    for (const connection of this.attached) connection.send(frame)
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i])
}
