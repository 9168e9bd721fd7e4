import { encodeSyncStep2V2 } from '@ensemble/shared'
import type { DocKey, DocStore, KeptState } from '../storage/docStore.ts'
import { yjsThread } from '../workers/yjsThread.ts'
import { KeptStateCache } from './keptStateCache.ts'
import type { CollabLogger } from './logger.ts'

/** Only full states at least this large (V2 frame) are kept after their room: smaller ones load and encode in moments. */
export const KEPT_STATE_MIN_BYTES = 128 * 1024

const idOf = (key: DocKey): string => `${key.workspaceId}\n${key.docName}`

/**
 * The kept states of the server's documents (see the glossary in fullState.ts): a large document's
 * full state, kept when its room unloads so that the next fresh V2 joiner is sent it before the room
 * has loaded again (SYNC8, SYNC11). Each is kept in memory (least recently used first out) and
 * written to the store (`doc_kept_states`), which serves it after a restart or on another instance.
 * When a room unloads with no full state to keep (no V2 joiner came since its last change), the
 * state is rebuilt from the stored document on the Yjs thread: the event loop never encodes it.
 *
 * The work on one document's kept state (a rebuild, a write) runs one at a time, in order.
 */
export class KeptStates {
  private readonly memory: KeptStateCache
  /** Per document, the work on its kept state still running or queued. */
  private readonly work = new Map<string, Promise<void>>()
  /** The frames of kept states the store already holds (written or read back): not written again. */
  private readonly storedFrames = new WeakSet<Uint8Array>()

  constructor(
    private readonly store: DocStore,
    private readonly logger: CollabLogger,
    maxBytes: number,
  ) {
    this.memory = new KeptStateCache(maxBytes)
  }

  /** The kept state of an unloaded document held in memory, if any. */
  inMemory(key: DocKey): KeptState | undefined {
    return this.memory.get(idOf(key))
  }

  has(key: DocKey): boolean {
    return this.memory.has(idOf(key))
  }

  /** The document's room loaded and took its kept state over (or found it stale): no longer kept apart. */
  forget(key: DocKey): void {
    this.memory.delete(idOf(key))
  }

  /** The store's kept state of a document (null when there is none, or it cannot be read). */
  readStored(key: DocKey): Promise<KeptState | null> {
    return this.store.keptState(key).then(
      (stored) => {
        if (stored) this.storedFrames.add(stored.frameV2)
        return stored
      },
      (err: unknown) => {
        this.logger.warn({ err, ...key }, 'reading the kept state of a document failed')
        return null
      },
    )
  }

  /** Keeps the full state a room left as it unloaded: in memory (unless `inMemory` is false: closing) and in the store. */
  keep(key: DocKey, state: KeptState, inMemory: boolean): void {
    if (inMemory) this.memory.set(idOf(key), state)
    if (!this.storedFrames.has(state.frameV2)) this.queue(key, () => this.write(key, state))
  }

  /**
   * A large document unloaded with no full state to keep: rebuilds it from the stored document on the
   * Yjs thread, so the next person to open it still gets it before the room loads. `stale()` says
   * whether it is no longer wanted once rebuilt (the document is open again, and its room will keep a
   * newer one, or the server is closing); a kept state found in memory by then is newer too.
   */
  rebuild(key: DocKey, preview: Uint8Array | null, stale: () => boolean): void {
    this.queue(key, async () => {
      const stored = await this.store.load(key)
      const state = await yjsThread.fullState(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)
      if (stale() || this.has(key) || state.updateV2.byteLength < KEPT_STATE_MIN_BYTES) return
      const rebuilt = { stateVector: state.stateVector, snapshot: state.snapshot, frameV2: encodeSyncStep2V2(state.updateV2), preview }
      this.memory.set(idOf(key), rebuilt)
      await this.write(key, rebuilt)
    })
  }

  /** Whether a rebuild or a write is still running or queued. */
  get busy(): boolean {
    return this.work.size > 0
  }

  /** Resolves once the work queued so far is done (their reads and writes end before the store closes). */
  async idle(): Promise<void> {
    await Promise.all(this.work.values())
  }

  private async write(key: DocKey, state: KeptState): Promise<void> {
    await this.store.keepState(key, state)
    this.storedFrames.add(state.frameV2)
  }

  /** Runs `task` after the work already queued for the document's kept state. */
  private queue(key: DocKey, task: () => Promise<void>): void {
    const id = idOf(key)
    const done: Promise<void> = (this.work.get(id) ?? Promise.resolve())
      .then(task)
      .catch((err: unknown) => this.logger.warn({ err, ...key }, 'keeping the state of an unloaded document failed'))
      .finally(() => {
        if (this.work.get(id) === done) this.work.delete(id)
      })
    this.work.set(id, done)
  }
}
