import { Worker } from 'node:worker_threads'
import * as Y from 'yjs'

/** Above this many bytes of input, a Yjs operation runs on the Yjs thread, not on the event loop. */
export const YJS_THREAD_THRESHOLD_BYTES = 256 * 1024

/** Operations done by this process, and how many ran on the thread (a metric the tests read). */
export const yjsThreadStats = { toV2: 0, merge: 0, fullState: 0, onThread: 0 }

type Operation = { op: 'toV2'; update: Uint8Array } | { op: 'merge'; updates: Uint8Array[] } | { op: 'fullState'; updates: Uint8Array[] }

/** A document's whole state rebuilt from its stored updates (see `fullState`). */
export interface RebuiltState {
  updateV2: Uint8Array
  stateVector: Uint8Array
  snapshot: Uint8Array
}

interface Reply {
  id: number
  ok: boolean
  result?: Uint8Array | RebuiltState
  error?: string
}

/**
 * Whole-document Yjs work that takes long on large documents — converting a state to the V2
 * encoding for a joiner, folding a log into a snapshot — runs on one thread per process, created on
 * first use and reused: on a large plan either takes long enough to freeze every room and request
 * if it ran on the event loop (docs/BENCHMARKS.md, "Figures behind the code's choices"). Small inputs
 * are handled in place (faster than a round trip to the thread).
 */
class YjsThread {
  private worker: Worker | null = null
  private readonly waiting = new Map<number, { resolve(result: Uint8Array | RebuiltState): void; reject(error: Error): void }>()
  private nextId = 1

  /** A full document state in V1 encoding, converted to V2. */
  toV2(updateV1: Uint8Array): Promise<Uint8Array> {
    yjsThreadStats.toV2++
    if (updateV1.byteLength <= YJS_THREAD_THRESHOLD_BYTES) return attempt(() => Y.convertUpdateFormatV1ToV2(updateV1))
    // Copied, not transferred: the caller keeps its V1 bytes (a room serves V1 joiners too).
    return this.run({ op: 'toV2', update: updateV1 })
  }

  /** Updates (V1) merged into one, as Y.mergeUpdates does. */
  merge(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    yjsThreadStats.merge++
    const bytes = updates.reduce((sum, update) => sum + update.byteLength, 0)
    if (bytes <= YJS_THREAD_THRESHOLD_BYTES) return attempt(() => Y.mergeUpdates(updates as Uint8Array[]))
    return this.run({ op: 'merge', updates: [...updates] })
  }

  /**
   * A document rebuilt from its stored updates (snapshot first) as a room loads it, always on the
   * thread: its whole state in V2, its state vector and its snapshot, without the event loop ever
   * holding the document.
   */
  fullState(updates: readonly Uint8Array[]): Promise<RebuiltState> {
    yjsThreadStats.fullState++
    return this.run<RebuiltState>({ op: 'fullState', updates: [...updates] })
  }

  private run<T extends Uint8Array | RebuiltState = Uint8Array>(operation: Operation): Promise<T> {
    yjsThreadStats.onThread++
    const worker = this.thread()
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (result: Uint8Array | RebuiltState) => void, reject })
      worker.postMessage({ id, ...operation })
    })
  }

  private thread(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./yjsThread.worker.mjs', import.meta.url))
    // An idle thread must not keep the process alive.
    worker.unref()
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      if (reply.ok && reply.result) waiter?.resolve(reply.result)
      else waiter?.reject(new Error(`Yjs thread: ${reply.error}`))
    })
    const fail = (error: Error) => {
      // The next operation starts a new thread; the ones waiting fail (their callers retry or fall back).
      if (this.worker === worker) this.worker = null
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`Yjs thread exited (${code})`)))
    this.worker = worker
    return worker
  }
}

function attempt(operation: () => Uint8Array): Promise<Uint8Array> {
  try {
    return Promise.resolve(operation())
  } catch (error) {
    return Promise.reject(error)
  }
}

/** The process's Yjs thread (one per process, however many rooms and stores). */
export const yjsThread = new YjsThread()
