import { Worker } from 'node:worker_threads'

/** What one checkpoint that had work did. */
export interface CheckpointResult {
  /** Another connection held a lock the checkpoint needed (it copied what it could). */
  busy: boolean
  /** Frames in the WAL when it ran. */
  log: number
  /** Frames copied into the database file (all of them when equal to `log`). */
  checkpointed: number
}

/** Often enough that the WAL stays a few megabytes at most at 1,000 updates/s, rare enough to cost nothing. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1_000

/**
 * Checkpoints the SQLite file's WAL on a thread of its own. SQLite checkpoints by default inside the
 * commit that crosses 1,000 WAL pages: copying those pages into the database file and fsyncing it
 * took up to ~130 ms here, during which the writer thread committed nothing, so every edit of every
 * document waited to be broadcast ("saved" acknowledgement p99 15–86 ms at 1,000 updates/s). With
 * automatic checkpoints off on the other connections, this thread copies the WAL beside the commits
 * (PASSIVE: it neither waits for nor blocks them) and the WAL is reused once all of it is copied.
 * Nothing about durability changes: a committed transaction is in the WAL, fsynced, either way.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker
  /** Checkpoints that found frames to copy, and the last of them. */
  checkpoints = 0
  last: CheckpointResult | null = null
  /** The last checkpoint error, if any (logged by nobody: a failing checkpoint only lets the WAL grow). */
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
      this.last = { busy: message.busy, log: message.log, checkpointed: message.checkpointed }
    })
    // A crashed thread only means the WAL grows until the next start; nothing is lost.
    this.worker.on('error', (error) => (this.lastError = error.message))
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()))
    this.worker.postMessage({ type: 'close' })
    await exited
  }
}
