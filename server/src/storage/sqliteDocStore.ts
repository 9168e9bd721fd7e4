import type BetterSqlite3 from 'better-sqlite3'
import { KEPT_STATE_FORMAT, type DocKey, type DocStore, type KeptState, type LoadedDoc, type LogRow, type LogTail, type StoreLocation } from './docStore.ts'
import { yjsThread } from '../workers/yjsThread.ts'
import { SqliteCheckpointer } from './sqliteCheckpointer.ts'
import { SqliteWriterThread } from './sqliteWriter.ts'

interface SnapshotRow {
  data: Buffer
  last_update_id: number
}
interface UpdateRow {
  id: number
  data: Buffer
}
interface KeptStateRow {
  state_vector: Buffer
  snapshot: Buffer
  frame_v2: Buffer
  preview: Buffer | null
}
interface FullRow extends UpdateRow {
  author_id: string | null
  created_at: number
}

/** better-sqlite3 hands back Buffers; the collaboration core works on plain Uint8Arrays. */
const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
const logRow = (row: FullRow): LogRow => ({ id: row.id, authorId: row.author_id, createdAt: row.created_at, data: bytes(row.data) })
const blob = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/** The statements that write the log and beside it, run on the main connection or on the writer thread. */
export const WRITE_SQL = {
  insertUpdate: 'INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at) VALUES (?, ?, ?, ?, ?)',
  // A snapshot only moves forward: a compaction that finishes late never replaces a newer one.
  upsertSnapshot: `INSERT INTO doc_snapshots (workspace_id, doc_name, data, last_update_id, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (workspace_id, doc_name) DO UPDATE SET
      data = excluded.data, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at
    WHERE doc_snapshots.last_update_id < excluded.last_update_id`,
  claimClient: 'INSERT INTO doc_client_owners (workspace_id, doc_name, client_id, owner_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  upsertKeptState: `INSERT INTO doc_kept_states (workspace_id, doc_name, format, state_vector, snapshot, frame_v2, preview, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (workspace_id, doc_name) DO UPDATE SET
      format = excluded.format, state_vector = excluded.state_vector, snapshot = excluded.snapshot,
      frame_v2 = excluded.frame_v2, preview = excluded.preview, updated_at = excluded.updated_at`,
} as const

/** See the class comment: fsyncs per second stay ≤ 1000 / this, an edit waits at most this long. */
export const DEFAULT_MIN_COMMIT_INTERVAL_MS = 3

interface PendingAppend {
  key: DocKey
  update: Uint8Array
  authorId: string | null
  resolve(): void
  reject(error: unknown): void
}

/**
 * The document log in the embedded SQLite file (tables `doc_updates` and `doc_snapshots`, created by
 * the server's migrations). With the WAL and synchronous=FULL the server opens the file with, a
 * committed update survives a crash.
 *
 * Group commit: the appends made during one turn of the event loop (by every room) are written in
 * one transaction at the end of that turn, so they share one fsync — a commit blocks the event loop
 * (better-sqlite3 is synchronous), and one fsync per update capped the server at a few hundred
 * updates per second across all documents. Each `append` resolves only once its transaction has
 * committed, so callers still broadcast only what is durable; if the transaction fails, every append
 * of the batch rejects. Reads flush what is pending first.
 *
 * Under load, commits are also spaced at least `minCommitIntervalMs` apart: edits arriving one per
 * turn (about one append per commit under a steady load) would otherwise each pay their own fsync,
 * the largest CPU cost per edit. An append after a quiet moment still commits at the end of its
 * turn; only a burst waits, at most that interval.
 *
 * With `writerThread` (the server's file database), commits run on a thread of their own
 * (sqliteWriter.ts), so an fsync no longer blocks the event loop; while one batch is being
 * committed the next one gathers, one batch in flight at a time, so the log keeps the append order.
 * That is group commit by itself, so commits are not spaced: the "saved" acknowledgement comes
 * sooner, for a little more CPU per delivery (more, smaller commits; docs/BENCHMARKS.md, "Figures
 * behind the code's choices"). A third
 * thread copies the WAL into the database file beside the commits (sqliteCheckpointer.ts), so the
 * checkpoint a commit still makes now and then has little left to do.
 *
 * The database handle belongs to the caller; `close()` only stops this store from being used.
 */
export class SqliteDocStore implements DocStore {
  private closed = false
  private readonly statements
  private pending: PendingAppend[] = []
  private flushScheduled = false
  /** performance.now() of the last commit, to space commits under load. */
  private lastCommitAt = -Infinity
  private readonly minCommitIntervalMs: number
  private readonly writer: SqliteWriterThread | null
  /** With the writer thread: the thread that checkpoints the WAL. */
  readonly checkpointer: SqliteCheckpointer | null
  /** The batch the writer thread is committing (settles, never rejects), or null. */
  private writing: Promise<void> | null = null

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly now: () => number = Date.now,
    options: { minCommitIntervalMs?: number; writerThread?: boolean; checkpointIntervalMs?: number } = {},
  ) {
    // A thread needs a file it can open on its own connection.
    this.writer = options.writerThread && !db.memory ? new SqliteWriterThread(db.name, WRITE_SQL) : null
    this.checkpointer = this.writer ? new SqliteCheckpointer(db.name, options.checkpointIntervalMs) : null
    // On the thread, the batch in flight already gathers the next one: no spacing needed (see above).
    this.minCommitIntervalMs = options.minCommitIntervalMs ?? (this.writer ? 0 : DEFAULT_MIN_COMMIT_INTERVAL_MS)
    const insertUpdate = db.prepare<[string, string, Buffer, string | null, number]>(WRITE_SQL.insertUpdate)
    const selectSnapshot = db.prepare<[string, string], SnapshotRow>('SELECT data, last_update_id FROM doc_snapshots WHERE workspace_id = ? AND doc_name = ?')
    const selectUpdatesAfter = db.prepare<[string, string, number], UpdateRow>(
      'SELECT id, data FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id > ? ORDER BY id',
    )
    const countUpdatesAfter = db.prepare<[string, string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id > ?',
    )
    const selectLog = db.prepare<[string, string, number], FullRow>(
      'SELECT id, data, author_id, created_at FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id <= ? ORDER BY id',
    )
    const selectLogAfter = db.prepare<[string, string, number], FullRow>(
      'SELECT id, data, author_id, created_at FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id > ? ORDER BY id',
    )
    const countUpTo = db.prepare<[string, string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id <= ?',
    )
    const logAfter = db.transaction((key: DocKey, after: number) => ({
      before: countUpTo.get(key.workspaceId, key.docName, after)?.n ?? 0,
      rows: selectLogAfter.all(key.workspaceId, key.docName, after),
    }))
    // length() of a blob reads the record's header, not the blob's pages.
    const sumStored = db.prepare<[string, string, string, string, string, string], { n: number }>(
      `SELECT COALESCE((SELECT length(data) FROM doc_snapshots WHERE workspace_id = ? AND doc_name = ?), 0)
            + COALESCE((SELECT SUM(length(data)) FROM doc_updates WHERE workspace_id = ? AND doc_name = ?
                 AND id > COALESCE((SELECT last_update_id FROM doc_snapshots WHERE workspace_id = ? AND doc_name = ?), 0)), 0) AS n`,
    )
    const upsertSnapshot = db.prepare<[string, string, Buffer, number, number]>(WRITE_SQL.upsertSnapshot)
    const upsertKeptState = db.prepare<[string, string, number, Buffer, Buffer, Buffer, Buffer | null, number]>(WRITE_SQL.upsertKeptState)
    const claimClient = db.prepare<[string, string, number, string]>(WRITE_SQL.claimClient)
    const claimBatch = db.transaction((key: DocKey, clientIds: readonly number[], claimant: string) => {
      for (const clientId of clientIds) claimClient.run(key.workspaceId, key.docName, clientId, claimant)
    })
    const selectOwner = db.prepare<[string, string, number], { owner_id: string }>(
      'SELECT owner_id FROM doc_client_owners WHERE workspace_id = ? AND doc_name = ? AND client_id = ?',
    )
    const selectKeptState = db.prepare<[string, string, number], KeptStateRow>(
      'SELECT state_vector, snapshot, frame_v2, preview FROM doc_kept_states WHERE workspace_id = ? AND doc_name = ? AND format = ?',
    )

    // Snapshot and log are read in one transaction so a concurrent compaction cannot be seen half-way.
    const readDoc = db.transaction((key: DocKey) => {
      const snapshot = selectSnapshot.get(key.workspaceId, key.docName)
      const rows = selectUpdatesAfter.all(key.workspaceId, key.docName, snapshot?.last_update_id ?? 0)
      return { snapshot, rows }
    })

    const insertBatch = db.transaction((batch: readonly PendingAppend[], at: number) => {
      for (const { key, update, authorId } of batch) insertUpdate.run(key.workspaceId, key.docName, blob(update), authorId, at)
    })

    this.statements = {
      claimBatch,
      selectOwner,
      insertBatch,
      countUpdatesAfter,
      selectSnapshot,
      selectLog,
      logAfter,
      readDoc,
      upsertSnapshot,
      upsertKeptState,
      selectKeptState,
      sumStored,
    }
  }

  /** The file, which another thread opens read-only beside this connection (WAL readers never block the writer). */
  location(): StoreLocation | null {
    return this.db.memory ? null : { kind: 'sqlite', file: this.db.name }
  }

  async load(key: DocKey): Promise<LoadedDoc> {
    this.assertOpen()
    await this.committed()
    const { snapshot, rows } = this.statements.readDoc(key)
    return { snapshot: snapshot ? bytes(snapshot.data) : null, updates: rows.map((row) => bytes(row.data)) }
  }

  append(key: DocKey, update: Uint8Array, authorId: string | null): Promise<void> {
    this.assertOpen()
    return new Promise((resolve, reject) => {
      this.pending.push({ key, update, authorId, resolve, reject })
      if (this.flushScheduled) return
      this.flushScheduled = true
      const wait = this.lastCommitAt + this.minCommitIntervalMs - performance.now()
      if (wait > 0) setTimeout(() => this.flush(), wait)
      else setImmediate(() => this.flush())
    })
  }

  /**
   * Log rows are kept (history rebuilds versions and authorship from them): compaction only moves
   * the snapshot forward to the last row it folded in. Read, merge, write are three steps, not one
   * transaction: the merge of a large document takes a few hundred milliseconds, on the Yjs thread,
   * and appends meanwhile simply stay in the log after the new snapshot.
   */
  async compact(key: DocKey): Promise<void> {
    this.assertOpen()
    await this.committed()
    const { snapshot, rows } = this.statements.readDoc(key)
    const last = rows.at(-1)
    if (!last) return
    const parts = rows.map((row) => bytes(row.data))
    if (snapshot) parts.unshift(bytes(snapshot.data))
    const merged = await yjsThread.merge(parts)
    this.assertOpen()
    const at = this.now()
    if (this.writer) await this.writer.snapshot({ workspaceId: key.workspaceId, docName: key.docName, data: merged, lastUpdateId: last.id }, at)
    else this.statements.upsertSnapshot.run(key.workspaceId, key.docName, blob(merged), last.id, at)
  }

  async pendingUpdates(key: DocKey): Promise<number> {
    this.assertOpen()
    await this.committed()
    const snapshot = this.statements.selectSnapshot.get(key.workspaceId, key.docName)
    return this.statements.countUpdatesAfter.get(key.workspaceId, key.docName, snapshot?.last_update_id ?? 0)?.n ?? 0
  }

  async storedBytes(key: DocKey): Promise<number> {
    this.assertOpen()
    await this.committed()
    const { workspaceId: w, docName: d } = key
    return this.statements.sumStored.get(w, d, w, d, w, d)?.n ?? 0
  }

  async log(key: DocKey, upTo = Number.MAX_SAFE_INTEGER): Promise<LogRow[]> {
    this.assertOpen()
    await this.committed()
    return this.statements.selectLog.all(key.workspaceId, key.docName, upTo).map(logRow)
  }

  async logAfter(key: DocKey, after: number): Promise<LogTail> {
    this.assertOpen()
    await this.committed()
    const { before, rows } = this.statements.logAfter(key, after)
    return { before, rows: rows.map(logRow) }
  }

  /** On the writer thread when there is one: a large document's state is megabytes, and a commit waits for an fsync. */
  async keepState(key: DocKey, state: KeptState): Promise<void> {
    this.assertOpen()
    const at = this.now()
    if (this.writer) return this.writer.keepState({ workspaceId: key.workspaceId, docName: key.docName, format: KEPT_STATE_FORMAT, ...state }, at)
    const { stateVector, snapshot, frameV2, preview } = state
    this.statements.upsertKeptState.run(
      key.workspaceId,
      key.docName,
      KEPT_STATE_FORMAT,
      blob(stateVector),
      blob(snapshot),
      blob(frameV2),
      preview ? blob(preview) : null,
      at,
    )
  }

  async keptState(key: DocKey): Promise<KeptState | null> {
    this.assertOpen()
    const row = this.statements.selectKeptState.get(key.workspaceId, key.docName, KEPT_STATE_FORMAT)
    if (!row) return null
    return {
      stateVector: bytes(row.state_vector),
      snapshot: bytes(row.snapshot),
      frameV2: bytes(row.frame_v2),
      preview: row.preview ? bytes(row.preview) : null,
    }
  }

  /** Claims on the writer thread when there is one (a commit waits for an fsync), then reads on this connection. */
  async claimClients(key: DocKey, clientIds: readonly number[], claimant: string | null): Promise<Map<number, string>> {
    this.assertOpen()
    if (claimant !== null && clientIds.length > 0) {
      if (this.writer) await this.writer.claimClients({ ...key, clientIds, claimant })
      else this.statements.claimBatch(key, clientIds, claimant)
    }
    const owners = new Map<number, string>()
    for (const clientId of clientIds) {
      const row = this.statements.selectOwner.get(key.workspaceId, key.docName, clientId)
      if (row) owners.set(clientId, row.owner_id)
    }
    return owners
  }

  /**
   * Applies a connection setting to every connection this store writes through (the caller's and the
   * writer thread's), in order with the appends; the storage tests use it to make the file full
   * (`max_page_count`) or read-only (`query_only`).
   */
  async pragma(pragma: string): Promise<void> {
    this.db.pragma(pragma)
    await this.writer?.pragma(pragma)
  }

  async close(): Promise<void> {
    await this.committed()
    this.closed = true
    await Promise.all([this.writer?.close(), this.checkpointer?.close()])
  }

  /** Resolves once every append made so far is committed (or failed). */
  private async committed(): Promise<void> {
    this.flush()
    while (this.writing) {
      await this.writing
      this.flush()
    }
  }

  /** Commits every pending append in one transaction, then settles their promises. */
  private flush(): void {
    this.flushScheduled = false
    const batch = this.pending
    // One batch in flight at a time; what arrives meanwhile goes in the next one.
    if (batch.length === 0 || this.writing) return
    this.pending = []
    this.lastCommitAt = performance.now()
    if (this.writer) {
      const rows = batch.map(({ key, update, authorId }) => ({ workspaceId: key.workspaceId, docName: key.docName, data: update, authorId }))
      this.writing = this.writer.write(rows, this.now()).then(
        () => {
          for (const append of batch) append.resolve()
        },
        (error: unknown) => {
          for (const append of batch) append.reject(error)
        },
      )
      void this.writing.finally(() => {
        this.writing = null
        if (this.pending.length > 0 && !this.flushScheduled) {
          this.flushScheduled = true
          setImmediate(() => this.flush())
        }
      })
      return
    }
    try {
      this.statements.insertBatch(batch, this.now())
    } catch (error) {
      for (const append of batch) append.reject(error)
      return
    }
    for (const append of batch) append.resolve()
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SqliteDocStore is closed')
  }
}
