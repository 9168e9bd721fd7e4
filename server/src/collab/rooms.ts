import { CLOSE, docKind, encodeServerError, LIMITS, type CloseCode, type WorkspaceContext } from '@ensemble/shared'
import * as Y from 'yjs'
import type { ReplicaLink, Replicator } from '../fanout/replicator.ts'
import type { DocKey, DocStore, KeptState, LoadedDoc } from '../storage/docStore.ts'
import { ThreadJobError, type ThreadPool } from '../workers/threadPool.ts'
import type { PrepareOpenInput } from '../workers/prepareOpen.ts'
import { type ConnectOptions, Connection, type ConnectionLimits } from './connection.ts'

export type { ConnectOptions }
import { silentLogger, type CollabLogger } from './logger.ts'
import { createEditPipeline, type EditCheck, type EditStep, type OnEditAccepted } from './pipeline/index.ts'
import { KeptStates } from './keptStates.ts'
import { Room } from './room.ts'
import { documentUpgrade, type DocumentUpgrade } from './documentUpgrades.ts'
import { enforceRules } from './rules/enforceRules.ts'
import type { CollabSocket, ConnectionIdentity } from './socket.ts'
import { WorkspaceContexts, type LoadWorkspaceContext } from './workspaceContexts.ts'
import { DocumentTooLargeError, documentTooLargeMessage, OPEN_ON_THREAD_BYTES, PIECE_BYTES, type PreparedDoc } from './preparedDoc.ts'

/** Resolves a member's current identity in a workspace, or null when they are not (or no longer) a member. */
export type IdentifyMember = (workspaceId: string, userId: string, docName: string) => Promise<ConnectionIdentity | null>

export interface RoomRegistryOptions {
  store: DocStore
  logger?: CollabLogger
  /** Used by `revalidate` to re-read a member's role. */
  identify?: IdentifyMember
  /** The edit rule (default: the rules of docs/RULES.md, `enforceRules`). */
  checkEdit?: EditCheck
  /**
   * Reads a workspace's members and partners (from SQL) for the rules; loaded with the first room
   * of the workspace, refreshed by `refreshWorkspace`. Without it every workspace is empty to the
   * rules (anything naming a member or a partner is refused).
   */
  loadWorkspaceContext?: LoadWorkspaceContext
  /** A room with no connection for this long is flushed and unloaded. */
  roomIdleMs?: number
  /** Background compaction starts once this many log rows follow the snapshot. */
  compactAfterUpdates?: number
  /** How long a failing append is retried before its room gives up (default LIMITS.storageRetryMs). */
  storageRetryMs?: number
  /** Keeps rooms in step with other server instances (server/src/fanout); absent on a single instance. */
  replicator?: Replicator
  /** Told about every accepted edit, after it is stored and broadcast. */
  onEditAccepted?: OnEditAccepted
  /** Slow-reader cap and token buckets of each connection (default: LIMITS). */
  connectionLimits?: ConnectionLimits
  /** Bytes of kept states held in memory after their rooms unload (default LIMITS.keptStateBytes; 0: none). */
  keptStateBytes?: number
  /**
   * Where a large document (over OPEN_ON_THREAD_BYTES stored) is read, decoded and encoded when its
   * room opens (LOOP5); without it, or with a store only this thread can read, on the event loop.
   */
  openThreads?: ThreadPool
  /** What the server brings up to date in a document as its room opens (default: documentUpgrade). */
  upgradeOnLoad?: DocumentUpgrade
}

/** One document's place in the registry: its room (loading or loaded) and who is waiting for it. */
interface RoomSlot {
  readonly id: string
  readonly key: DocKey
  readonly ready: Promise<Room>
  room: Room | null
  /** Connections attached to the room or waiting for it to load. */
  readonly connections: Set<Connection>
  /** Server-side uses in progress (`withRoom`): the room stays loaded meanwhile. */
  pinned: number
  idleTimer: ReturnType<typeof setTimeout> | null
  /** Kept states being written to fresh joiners while the room loads (see load). */
  readonly keptStateWrites: Promise<void>[]
  /** The store's kept state of this document, once a fresh V2 joiner asked for it before the room loaded. */
  keptStateFromStore: Promise<KeptState | null> | null
  /** Fresh V2 joiners waiting for the room: sent the full state of a prepared document as soon as it is ready. */
  readonly freshV2: Set<Connection>
}

/** How long a room's load waits for kept states to be read and written to its first joiners (a slow reader or store does not hold it back longer). */
const KEPT_STATE_WRITE_WAIT_MS = 500

const slotId = (key: DocKey): string => `${key.workspaceId}\n${key.docName}`

/** Resolves when `work` settles or after `ms`, whichever comes first (the timer is then cleared). */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))
  try {
    await Promise.race([
      work.then(
        () => undefined,
        () => undefined,
      ),
      elapsed,
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The live rooms of this server. A room is loaded once however many connections ask for it at the
 * same time (they share the loading promise), serves nobody before it is loaded, and is unloaded,
 * after flushing, once it has had no connection for `roomIdleMs`.
 */
export class RoomRegistry {
  private readonly slots = new Map<string, RoomSlot>()
  /** Rooms being unloaded: loading the same document again waits until their last append is done. */
  private readonly unloading = new Map<string, Promise<void>>()
  /** Each loaded room's subscription to the other instances (with a replicator). */
  private readonly links = new Map<Room, ReplicaLink>()
  private readonly steps: readonly EditStep[]
  private readonly logger: CollabLogger
  private readonly roomIdleMs: number
  private readonly compactAfterUpdates: number
  private readonly contexts: WorkspaceContexts
  /** Kept states of unloaded large documents, sent to their next fresh V2 joiners before the room loads. */
  private readonly kept: KeptStates
  private closing = false

  constructor(private readonly options: RoomRegistryOptions) {
    this.logger = options.logger ?? silentLogger
    this.steps = createEditPipeline(
      options.checkEdit ?? enforceRules,
      (err) => this.logger.error({ err }, 'edit check failed: edit refused'),
      options.onEditAccepted,
      (err) => this.logger.error({ err }, 'accepted-edit observer failed (the edit stands)'),
    )
    this.contexts = new WorkspaceContexts(options.loadWorkspaceContext, this.logger)
    this.roomIdleMs = options.roomIdleMs ?? LIMITS.roomIdleMs
    this.compactAfterUpdates = options.compactAfterUpdates ?? LIMITS.compactAfterUpdates
    this.kept = new KeptStates(options.store, this.logger, options.keptStateBytes ?? LIMITS.keptStateBytes)
  }

  /**
   * Serves an authenticated socket in the room of its identity's document. Returns at once; frames
   * received before the room is loaded are kept and processed, in order, once it is.
   */
  connect(socket: CollabSocket, identity: ConnectionIdentity, options: ConnectOptions = {}): Connection {
    const key = { workspaceId: identity.workspaceId, docName: identity.docName }
    if (this.closing) {
      const refused = new Connection(socket, identity, this.logger, () => {})
      refused.close(CLOSE.goingAway)
      return refused
    }
    const slot = this.acquire(key)
    const connection = new Connection(socket, identity, this.logger, (closed) => this.release(slot, closed), this.options.connectionLimits, options)
    slot.connections.add(connection)
    // A large document not loaded yet: a fresh V2 joiner is sent its kept state meanwhile, from
    // memory, or else from the store (kept before a restart, or by another instance).
    if (slot.room === null && connection.syncV2 && options.fresh) {
      slot.freshV2.add(connection)
      const kept = this.kept.inMemory(key)
      if (kept) slot.keptStateWrites.push(connection.sendKeptState(kept))
      else slot.keptStateWrites.push(this.keptStateFromStore(slot).then((stored) => (stored ? connection.sendKeptState(stored) : undefined)))
    }
    slot.ready
      .then(
        (room) => {
          slot.freshV2.delete(connection)
          connection.attach(room)
        },
        (err: unknown) => {
          if (!(err instanceof DocumentTooLargeError)) return connection.close(CLOSE.internalError, 'document could not be loaded')
          // Too large to serve (LOOP6): said with a typed, translated error, and not retried.
          const message = documentTooLargeMessage(err.limit)
          connection.send(encodeServerError({ code: 'document_too_large', entity: '', message: connection.identity.locale === 'en' ? message.en : message.fr }))
          connection.close(CLOSE.documentTooLarge)
        },
      )
      .catch((err: unknown) => connection.fail(err))
    return connection
  }

  /** The loaded room of a document, if any (no loading). */
  get(key: DocKey): Room | undefined {
    return this.slots.get(slotId(key))?.room ?? undefined
  }

  /**
   * Runs `use` on a document's room, loading it when needed and keeping it loaded meanwhile: how the
   * server reads a document (a body's quorum rules) or changes one (an action from a decision)
   * through the same room, store and fan-out as live edits.
   */
  async withRoom<T>(key: DocKey, use: (room: Room) => Promise<T> | T): Promise<T> {
    if (this.closing) throw new Error('rooms are closing')
    const slot = this.acquire(key)
    slot.pinned++
    try {
      return await use(await slot.ready)
    } finally {
      slot.pinned--
      this.release(slot, null)
    }
  }

  /** Who is connected here, once per workspace and member (to re-read them all). */
  connectedMembers(): { workspaceId: string; userId: string }[] {
    const seen = new Map<string, { workspaceId: string; userId: string }>()
    for (const slot of this.slots.values()) {
      for (const { identity } of slot.connections)
        seen.set(`${identity.workspaceId}\n${identity.userId}`, { workspaceId: identity.workspaceId, userId: identity.userId })
    }
    return [...seen.values()]
  }

  /** Number of rooms loaded or loading. */
  get size(): number {
    return this.slots.size
  }

  /**
   * Re-reads a member's identity for every connection they have open in the workspace: a role
   * change applies to their next edit; lost membership closes them with CLOSE.accessRevoked.
   */
  async revalidate(workspaceId: string, userId: string): Promise<void> {
    const identify = this.options.identify
    const affected = [...this.slots.values()]
      .filter((slot) => slot.key.workspaceId === workspaceId)
      .flatMap((slot) => [...slot.connections].filter((c) => c.identity.userId === userId))
    await Promise.all(
      affected.map(async (connection) => {
        try {
          const identity = identify ? await identify(workspaceId, userId, connection.identity.docName) : null
          if (identity === null) connection.close(CLOSE.accessRevoked)
          else connection.updateIdentity(identity)
        } catch (err) {
          // Unsure who they are now: let them reconnect, which authorizes them afresh.
          this.logger.error({ err, workspaceId, userId }, 'revalidation failed')
          connection.close(CLOSE.internalError)
        }
      }),
    )
  }

  /**
   * Members or partners of a workspace changed in SQL: re-reads the context its rooms check edits
   * against. Resolves once the new context applies (at once when no room of it is loaded).
   */
  refreshWorkspace(workspaceId: string): Promise<void> {
    return this.contexts.refresh(workspaceId)
  }

  /** The context the rules currently use for a workspace (empty when none of its rooms is loaded). */
  workspaceContext(workspaceId: string): WorkspaceContext {
    return this.contexts.current(workspaceId)
  }

  /**
   * Resolves once every room is loaded (or failed), every queued edit is stored, nothing unloads and
   * the kept states of unloaded documents are rebuilt and written.
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      const slots = [...this.slots.values()]
      const unloading = [...this.unloading.values()]
      await Promise.all(
        slots.map((slot) =>
          slot.ready.then(
            (room) => room.flush(),
            () => {},
          ),
        ),
      )
      await Promise.all(unloading)
      await this.kept.idle()
      const settled = slots.every((slot) => slot.room !== null) && this.slots.size === slots.length
      if (settled && this.unloading.size === 0 && !this.kept.busy) return
    }
  }

  /** Shutdown: closes every connection with `code`, then flushes and unloads every room. */
  async closeAll(code: CloseCode = CLOSE.goingAway): Promise<void> {
    this.closing = true
    for (const slot of [...this.slots.values()]) {
      for (const connection of [...slot.connections]) connection.close(code)
      this.unload(slot)
    }
    await Promise.all([...this.unloading.values()])
    // Their reads and writes of the store end before the store closes.
    await this.kept.idle()
  }

  private acquire(key: DocKey): RoomSlot {
    const id = slotId(key)
    const existing = this.slots.get(id)
    if (existing) {
      if (existing.idleTimer) clearTimeout(existing.idleTimer)
      existing.idleTimer = null
      return existing
    }
    const previous = this.unloading.get(id) ?? Promise.resolve()
    // Called once `slot` is set (`then` runs its callback later).
    const ready = previous.then(() => this.load(key, slot))
    const slot: RoomSlot = {
      id,
      key,
      ready,
      room: null,
      connections: new Set(),
      pinned: 0,
      idleTimer: null,
      keptStateWrites: [],
      keptStateFromStore: null,
      freshV2: new Set(),
    }
    ready.then(
      (room) => {
        slot.room = room
      },
      (err) => {
        if (err instanceof DocumentTooLargeError) this.logger.warn({ ...key, bytes: err.bytes, limit: err.limit }, 'document too large: not opened')
        else this.logger.error({ err, ...key }, 'loading document failed')
        if (this.slots.get(id) === slot) this.slots.delete(id)
      },
    )
    this.slots.set(id, slot)
    return slot
  }

  private async load(key: DocKey, slot: RoomSlot): Promise<Room> {
    const { keptStateWrites } = slot
    // Subscribe to the other instances first (what they publish meanwhile is kept), then load:
    // nothing stored and published between the load and the subscription is missed.
    const link = this.options.replicator ? await this.options.replicator.join(key) : null
    let room: Room
    try {
      const [loaded] = await Promise.all([this.readStored(slot), this.contexts.ensure(key.workspaceId)])
      // Applying a large document holds the event loop for a while: let the kept states sent to the
      // first joiners reach their sockets first (within a bound).
      if (keptStateWrites.length > 0) await settledWithin(Promise.all(keptStateWrites), KEPT_STATE_WRITE_WAIT_MS)
      room = new Room(key, loaded, {
        store: this.options.store,
        steps: this.steps,
        logger: this.logger,
        compactAfterUpdates: this.compactAfterUpdates,
        storageRetryMs: this.options.storageRetryMs,
        onFailure: (failed) => this.discard(failed),
        workspaceContext: () => this.contexts.current(key.workspaceId),
        peers: link ?? undefined,
      })
      // A prepared document's pieces are applied before the room serves anyone or hears the other instances.
      await room.replayed
      await this.checkSize(room, loaded)
    } catch (err) {
      await link?.leave()
      throw err
    }
    if (link) {
      this.links.set(room, link)
      link.attach(room)
    }
    // The room owns the kept state again (if the stored document is still that state).
    const kept = this.kept.inMemory(key) ?? (await slot.keptStateFromStore)
    if (kept) {
      this.kept.forget(key)
      room.adoptKeptState(kept)
    }
    // Before anyone is served: a member never sees the document as it was before its upgrade.
    const upgrade = (this.options.upgradeOnLoad ?? documentUpgrade)(key.docName, room.doc)
    if (upgrade) await room.applyServerChange(upgrade)
    return room
  }

  /**
   * What a room opens with (LOOP5): a large stored document (over OPEN_ON_THREAD_BYTES) is prepared
   * on a document thread (read, rebuilt, checked against its size limit and encoded), and the fresh
   * V2 joiners already waiting are sent its full state at once; a small one (or a store only this
   * thread can read) is read here.
   */
  private async readStored(slot: RoomSlot): Promise<LoadedDoc | PreparedDoc> {
    const { key } = slot
    const { store, openThreads } = this.options
    const location = openThreads ? (store.location?.() ?? null) : null
    const kind = docKind(key.docName)
    if (!openThreads || !location || !kind || (await store.storedBytes(key)) <= OPEN_ON_THREAD_BYTES) return store.load(key)
    const input: PrepareOpenInput = { key, kind, maxBytes: LIMITS.maxDocumentBytes[kind], pieceBytes: PIECE_BYTES }
    let prepared: PreparedDoc
    try {
      prepared = await openThreads.run<PreparedDoc>('prepareOpen', { ...input, location })
    } catch (err) {
      if (err instanceof ThreadJobError && err.code === 'document_too_large') throw new DocumentTooLargeError(Number(err.data?.bytes), Number(err.data?.limit))
      throw err
    }
    for (const connection of slot.freshV2) if (connection.keptStateVector === null) slot.keptStateWrites.push(connection.sendKeptState(prepared))
    return prepared
  }

  /**
   * A document read on the event loop (no document thread) is refused like one prepared on a thread
   * when its state is larger than its kind allows (LOOP6). Only a large log can hold such a state, so
   * the state is encoded only then.
   */
  private async checkSize(room: Room, loaded: LoadedDoc | PreparedDoc): Promise<void> {
    if ('pieces' in loaded) return
    const limit = LIMITS.maxDocumentBytes[room.kind]
    const stored = (loaded.snapshot?.byteLength ?? 0) + loaded.updates.reduce((sum, update) => sum + update.byteLength, 0)
    if (stored <= limit) return
    const bytes = Y.encodeStateAsUpdate(room.doc).byteLength
    if (bytes <= limit) return
    await room.close()
    throw new DocumentTooLargeError(bytes, limit)
  }

  /**
   * Applies a change made by the server (seed, restore, sign-off status, an action from a decision)
   * to a document, loading its room for the time of the change if nobody has it open: it goes through
   * the same append and broadcast steps as an edit (Room.applyServerChange; ROOM9: stored with no
   * author, or `authorId` when a member asked for it) and is published to the other instances.
   * `change` may throw before writing to refuse.
   */
  async applyServerChange(key: DocKey, change: (doc: Y.Doc) => void, authorId?: string): Promise<void> {
    await this.withRoom(key, (room) => room.applyServerChange(change, authorId))
  }

  private release(slot: RoomSlot, connection: Connection | null): void {
    if (connection) slot.connections.delete(connection)
    this.scheduleIdle(slot)
  }

  /** With no connection and no server-side use left, the room is unloaded after `roomIdleMs`. */
  private scheduleIdle(slot: RoomSlot): void {
    if (slot.connections.size > 0 || slot.pinned > 0 || this.slots.get(slot.id) !== slot || slot.idleTimer) return
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null
      if (slot.connections.size === 0 && slot.pinned === 0) this.unload(slot)
    }, this.roomIdleMs)
    slot.idleTimer.unref?.()
  }

  /** Takes the slot out of the registry now; its room flushes and closes in the background. */
  private unload(slot: RoomSlot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = null
    if (this.slots.get(slot.id) !== slot) return
    this.slots.delete(slot.id)
    // The last room of its workspace: forget the workspace's context (reloaded with the next room).
    if (![...this.slots.values()].some((other) => other.key.workspaceId === slot.key.workspaceId)) this.contexts.drop(slot.key.workspaceId)
    const done: Promise<void> = slot.ready
      .then(async (room) => {
        // Publish what is queued, stop listening to the other instances, then free the room.
        await room.flush()
        const link = this.links.get(room)
        this.links.delete(room)
        await link?.leave()
        const kept = room.keptState()
        const rebuild = kept ? null : room.stateToRebuild()
        await room.close()
        // Not awaited: the next load of this document must not wait for them. Closing, the state
        // still goes to the store (the next start serves it), but nothing is rebuilt.
        if (kept) this.kept.keep(slot.key, kept, !this.closing)
        else if (rebuild && !this.closing) this.kept.rebuild(slot.key, rebuild.preview, () => this.closing || this.slots.has(slot.id))
      })
      .catch((err: unknown) => this.logger.error({ err, ...slot.key }, 'unloading document failed'))
      .finally(() => {
        if (this.unloading.get(slot.id) === done) this.unloading.delete(slot.id)
      })
    this.unloading.set(slot.id, done)
  }

  /** The store's kept state of a document whose room is loading, read once for all its fresh joiners (null on failure). */
  private keptStateFromStore(slot: RoomSlot): Promise<KeptState | null> {
    slot.keptStateFromStore ??= this.kept.readStored(slot.key)
    return slot.keptStateFromStore
  }

  /** Whether a kept state of this unloaded document is held in memory for its next fresh V2 joiner. */
  hasKeptState(key: DocKey): boolean {
    return this.kept.has(key)
  }

  /** A room that failed (its state is ahead of the log) is replaced by a fresh load next time. */
  private discard(room: Room): void {
    const slot = this.slots.get(slotId(room.key))
    if (slot?.room === room) this.unload(slot)
  }
}
