import { Worker } from 'node:worker_threads'

/** What one checkpoint that had work did. */
export interface CheckpointResult {
  /** Frames in the WAL when it ran. */
  log: number
  /** Frames copied into the database file so far (all of them when equal to `log`). */
  checkpointed: number
}

/** Often enough that a commit's own checkpoint finds little left to copy, rare enough to cost little. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 200

/**
 * Copies the SQLite file's WAL into the database file on a thread of its own, beside the commits.
 *
 * SQLite checkpoints inside the commit that leaves 1,000 pages or more in the WAL: it copies the
 * pages not yet copied and fsyncs the database file, and only then does the writer thread commit
 * again. Copying a whole WAL that way stalled every broadcast meanwhile (docs/BENCHMARKS.md,
 * "Figures behind the code's choices"). This thread runs PASSIVE checkpoints (they
 * neither wait for nor block the writer and readers), so that commit finds the WAL (nearly) all
 * copied and has only the tail left.
 *
 * The commits' own checkpoints stay on: under a steady stream of commits a checkpoint running beside
 * them never catches up with the last frame, and only a checkpoint made between two commits lets the
 * next one start the WAL over (with them off, the WAL grew without bound and everything slowed).
 * Durability is the same either way: a committed transaction is in the WAL, fsynced.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker
  /** Checkpoints that found frames to copy, and the last of them. */
  checkpoints = 0
  last: CheckpointResult | null = null
  /** The last checkpoint error, if any: a failing checkpoint only leaves the copying to the commits. */
  lastError: string | null = null

  constructor(filename: string, intervalMs = DEFAULT_CHECKPOINT_INTERVAL_MS) {
    this.worker = new Worker(new URL('./sqliteCheckpointer.worker.mjs', import.meta.url), { workerData: { filename, intervalMs } })
    // Like the writer thread: it must not keep the process alive.
    this.worker.unref()
    this.worker.on('message', (message: ({ type: 'checkpointed' } & CheckpointResult) | { type: 'error'; error: string }) => {
      if (message.type === 'error') {
        this.lastError = message.error
        return
      }
      this.checkpoints++
      this.last = { log: message.log, checkpointed: message.checkpointed }
    })
    this.worker.on('error', (error) => (this.lastError = error.message))
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
    this.worker.postMessage({ type: 'close' })
    await exited
  }
}
