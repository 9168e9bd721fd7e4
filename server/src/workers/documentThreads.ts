import { availableParallelism } from 'node:os'
import { ThreadPool } from './threadPool.ts'

export interface DocumentThreadsOptions {
  /** Threads for history jobs (HISTORY_THREADS; default: one per core but the event loop's, 1 to 4). */
  historyThreads?: number
  /** History jobs waiting for a thread at most, all members together (HISTORY_QUEUE); past it, 429. */
  historyQueue?: number
  /** A thread idle this long ends (its memory goes back to the system). */
  idleMs?: number
}

/** The document threads of one server (see threadPool.ts). */
export interface DocumentThreads {
  /** History, versions, diffs, exports, sign-off proposals (domain/history/jobRunner.ts). */
  history: ThreadPool
  /** Cold opens of large documents (collab/rooms.ts): apart, so an open never waits behind a history replay. */
  opens: ThreadPool
  close(): Promise<void>
}

export const DEFAULT_HISTORY_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1))
export const DEFAULT_HISTORY_QUEUE = 8
/** Documents opening cold at once at most, on top of the one being prepared (a room per document, so this is generous). */
const OPENS_QUEUE = 256
const IDLE_MS = 30_000
/**
 * The opens thread ends a second after its last job: the document it rebuilt (many times its stored
 * size in heap, docs/BENCHMARKS.md) goes back to the system while the room applies its pieces,
 * instead of doubling the server's memory until the next collection.
 */
const OPENS_IDLE_MS = 1_000

export function createDocumentThreads(options: DocumentThreadsOptions = {}): DocumentThreads {
  const idleMs = options.idleMs ?? IDLE_MS
  const history = new ThreadPool({
    name: 'history',
    size: options.historyThreads ?? DEFAULT_HISTORY_THREADS,
    maxQueued: options.historyQueue ?? DEFAULT_HISTORY_QUEUE,
    idleMs,
  })
  const opens = new ThreadPool({ name: 'opens', size: 1, maxQueued: OPENS_QUEUE, idleMs: Math.min(idleMs, OPENS_IDLE_MS) })
  return { history, opens, close: async () => void (await Promise.all([history.close(), opens.close()])) }
}
