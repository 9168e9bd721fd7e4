import { Worker } from 'node:worker_threads'
import type { DocKey, KeptState } from './docStore.ts'

/** One row of the log as the writer thread inserts it. */
export interface LogInsert {
  workspaceId: string
  docName: string
  data: Uint8Array
  authorId: string | null
}

/** A compacted state of one document, folding the log up to `lastUpdateId`. */
export interface SnapshotWrite {
  workspaceId: string
  docName: string
  data: Uint8Array
  lastUpdateId: number
}

/** A document's kept state, with the format of its frames. */
export type KeptStateWrite = DocKey & KeptState & { format: number }

/** Yjs client ids of a document to bind to a claimant where nobody owns them yet. */
export type ClientClaims = DocKey & { clientIds: readonly number[]; claimant: string }

/** The statements the thread runs (the store owns the SQL; see WRITE_SQL in sqliteDocStore.ts). */
export interface WriterSql {
  insertUpdate: string
  claimClient: string
  upsertSnapshot: string
  upsertKeptState: string
}

interface Reply {
  id: number
  ok: boolean
  error?: string
}

/**
 * Commits batches of log rows on a thread of its own, through its own connection to the SQLite
 * file. A commit with synchronous=FULL waits for an fsync (milliseconds on a busy disk); done on the
 * main thread it froze every room, websocket and HTTP request meanwhile. The main thread's
 * connection still reads the log (WAL: a committed row is visible to the next read).
 */
export class SqliteWriterThread {
  private worker: Worker
  private readonly waiting = new Map<number, { resolve(): void; reject(error: Error): void }>()
  private nextId = 1
  /** The thread died (it never should: each request catches its own errors); the next request starts a new one. */
  private dead = false
  private closing = false

  constructor(
    private readonly filename: string,
    private readonly sql: WriterSql,
  ) {
    this.worker = this.start()
  }

  private start(): Worker {
    const worker = new Worker(new URL('./sqliteWriter.worker.mjs', import.meta.url), { workerData: { filename: this.filename, sql: this.sql } })
    // An idle writer must not keep the process alive (close() ends it on a graceful stop).
    worker.unref()
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      if (reply.ok) waiter?.resolve()
      else waiter?.reject(new Error(`SQLite writer: ${reply.error}`))
    })
    // What was in flight is rejected (the room retries its append); nothing is acknowledged unwritten.
    const fail = (error: Error) => {
      if (worker !== this.worker) return
      this.dead = true
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`SQLite writer thread exited (${code})`)))
    return worker
  }

  /** Inserts `rows` in one transaction; resolves once it is committed (durable). */
  write(rows: readonly LogInsert[], at: number): Promise<void> {
    return this.request({ rows, at })
  }

  /** Writes a document's snapshot (never replacing a newer one), in order with the appends. */
  snapshot(snapshot: SnapshotWrite, at: number): Promise<void> {
    return this.request({ type: 'snapshot', snapshot, at })
  }

  /** Writes (or replaces) a document's kept state, in order with the appends. */
  keepState(state: KeptStateWrite, at: number): Promise<void> {
    return this.request({ type: 'keptState', state, at })
  }

  /** Binds client ids nobody owns to the claimant, in one transaction, in order with the appends. */
  claimClients(claims: ClientClaims): Promise<void> {
    return this.request({ type: 'claimClients', claims })
  }

  /** Applies a connection setting (e.g. `max_page_count = 100`) to the thread's connection, in order with writes. */
  pragma(pragma: string): Promise<void> {
    return this.request({ type: 'pragma', pragma })
  }

  private request(message: Record<string, unknown>): Promise<void> {
    if (this.closing) return Promise.reject(new Error('SQLite writer closed'))
    if (this.dead) {
      this.dead = false
      this.worker = this.start()
    }
    const id = this.nextId++
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker.postMessage({ id, ...message })
    })
  }

  /** Ends the thread; call once nothing is being written. */
  async close(): Promise<void> {
    this.closing = true
    if (this.dead) return
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
    this.worker.postMessage({ type: 'close' })
    await exited
  }
}
