import { Worker, type Transferable } from 'node:worker_threads'

export interface ThreadPoolOptions {
  /** Names the threads in errors and figures (`history`, `opens`). */
  name: string
  /** Threads at most; each runs one job at a time. */
  size: number
  /** Jobs waiting for a thread at most; past it `run` fails at once with PoolBusyError. */
  maxQueued: number
  /** A thread idle this long ends, and its memory goes back to the system (the next job starts a new one). */
  idleMs: number
}

/** What a pool did so far (the tests read it to see that work ran on a thread, LOOP3). */
export interface ThreadPoolStats {
  /** Jobs finished on a thread (successfully or not), by operation. */
  completed: Record<string, number>
  failed: number
  /** Jobs refused because the queue was full. */
  refused: number
  threadsStarted: number
  running: number
  queued: number
}

/** The queue is full: the caller answers 429 (or falls back). */
export class PoolBusyError extends Error {
  constructor(pool: string) {
    super(`${pool} threads busy`)
    this.name = 'PoolBusyError'
  }
}

/** An error thrown by a job on its thread, with its `code` when it had one (e.g. `document_too_large`). */
export class ThreadJobError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly data: Record<string, unknown> | undefined,
  ) {
    super(message)
    this.name = 'ThreadJobError'
  }
}

interface Job {
  op: string
  input: unknown
  transfer: Transferable[]
  resolve(result: unknown): void
  reject(error: Error): void
}

interface Slot {
  worker: Worker | null
  job: Job | null
  /** Jobs that must run on this thread (it holds what they need: a document's replay). */
  queue: Job[]
  idleTimer: ReturnType<typeof setTimeout> | null
}

interface Reply {
  ok: boolean
  result?: unknown
  error?: { message: string; code?: string; data?: Record<string, unknown> }
}

/** Lower scheduling priority of the threads (Linux nice): on a busy core the event loop runs first. */
export const THREAD_NICE = 10
/** Stack of a thread: Yjs deletes and collects nested types recursively, and a legacy document may nest thousands deep. */
const STACK_MB = 64

/**
 * Threads running document jobs (workers/documentThread.ts) for this server: history replays,
 * diffs, exports, the preparation of large documents' cold opens — work that takes seconds on a
 * large document and would otherwise hold the event loop, and every room's edits with it (issue 26,
 * items 5 and 6). A job runs on a free thread, or on the one its `affinity` names (that thread keeps
 * the document's replay); at most `maxQueued` wait. Threads start on demand, at a lower priority than
 * the event loop, with a large stack, and end when idle.
 */
export class ThreadPool {
  private readonly slots: Slot[]
  private readonly waiting: Job[] = []
  private closed = false
  readonly stats: ThreadPoolStats = { completed: {}, failed: 0, refused: 0, threadsStarted: 0, running: 0, queued: 0 }

  constructor(private readonly options: ThreadPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({ worker: null, job: null, queue: [], idleTimer: null }))
  }

  get size(): number {
    return this.slots.length
  }

  /**
   * Runs `op` with `input` on a thread; `transfer` lists buffers handed over (not copied). With
   * `affinity`, always on the same thread for the same value. `queueAnyway`: the server's own work
   * that must not be refused half-way (an adoption already recorded) waits even past `maxQueued`.
   */
  run<T>(op: string, input: unknown, options: { affinity?: string; transfer?: Transferable[]; queueAnyway?: boolean } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.options.name} threads closed`))
    if (this.stats.queued >= this.options.maxQueued && !options.queueAnyway) {
      this.stats.refused++
      return Promise.reject(new PoolBusyError(this.options.name))
    }
    return new Promise<T>((resolve, reject) => {
      const job: Job = { op, input, transfer: options.transfer ?? [], resolve: resolve as (result: unknown) => void, reject }
      this.stats.queued++
      if (options.affinity === undefined) this.waiting.push(job)
      else this.slots[hashOf(options.affinity) % this.slots.length]!.queue.push(job)
      for (const slot of this.slots) this.pump(slot)
    })
  }

  /** Ends every thread; jobs still waiting or running fail. */
  async close(): Promise<void> {
    this.closed = true
    const failed = new Error(`${this.options.name} threads closed`)
    for (const job of this.waiting.splice(0)) job.reject(failed)
    await Promise.all(
      this.slots.map(async (slot) => {
        for (const job of slot.queue.splice(0)) job.reject(failed)
        if (slot.idleTimer) clearTimeout(slot.idleTimer)
        const worker = slot.worker
        slot.worker = null
        await worker?.terminate()
      }),
    )
  }

  private pump(slot: Slot): void {
    if (slot.job || this.closed) return
    const job = slot.queue.shift() ?? this.waiting.shift()
    if (!job) {
      this.scheduleIdle(slot)
      return
    }
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = null
    this.stats.queued--
    this.stats.running++
    slot.job = job
    this.threadOf(slot).postMessage({ op: job.op, input: job.input }, job.transfer)
  }

  private finish(slot: Slot, reply: Reply): void {
    const job = slot.job
    if (!job) return
    slot.job = null
    this.stats.running--
    this.stats.completed[job.op] = (this.stats.completed[job.op] ?? 0) + 1
    if (reply.ok) job.resolve(reply.result)
    else {
      this.stats.failed++
      job.reject(new ThreadJobError(reply.error?.message ?? 'job failed', reply.error?.code, reply.error?.data))
    }
    this.pump(slot)
  }

  private threadOf(slot: Slot): Worker {
    if (slot.worker) return slot.worker
    const worker = new Worker(new URL('./documentThread.worker.mjs', import.meta.url), {
      workerData: { nice: THREAD_NICE },
      resourceLimits: { stackSizeMb: STACK_MB },
    })
    this.stats.threadsStarted++
    // An idle thread must not keep the process alive.
    worker.unref()
    worker.on('message', (reply: Reply) => this.finish(slot, reply))
    const gone = (error: Error) => {
      if (slot.worker !== worker) return
      // The thread died (out of memory on a huge document, a crash): its job fails, the next one starts a new thread.
      slot.worker = null
      this.finish(slot, { ok: false, error: { message: `${this.options.name} thread ended: ${error.message}`, code: 'thread_ended' } })
    }
    worker.on('error', gone)
    worker.on('exit', (code) => gone(new Error(`exit code ${code}`)))
    slot.worker = worker
    return worker
  }

  private scheduleIdle(slot: Slot): void {
    if (!slot.worker || slot.idleTimer) return
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null
      if (slot.job || !slot.worker) return
      const worker = slot.worker
      slot.worker = null
      void worker.terminate()
    }, this.options.idleMs)
    slot.idleTimer.unref()
  }
}

/** A small stable hash of a string (which thread keeps a document's replay). */
function hashOf(text: string): number {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) >>> 0
  return hash
}
