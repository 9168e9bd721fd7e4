import type BetterSqlite3 from 'better-sqlite3'
import * as Y from 'yjs'
import type { DocKey, DocStore, LoadedDoc, LogRow } from './docStore.ts'

interface SnapshotRow {
  data: Buffer
  last_update_id: number
}
interface UpdateRow {
  id: number
  data: Buffer
}
interface FullRow extends UpdateRow {
  author_id: string | null
  created_at: number
}

/** better-sqlite3 hands back Buffers; the collaboration core works on plain Uint8Arrays. */
const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
const blob = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

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
 * The database handle belongs to the caller; `close()` only stops this store from being used.
 */
export class SqliteDocStore implements DocStore {
  private closed = false
  private readonly statements
  private pending: PendingAppend[] = []
  private flushScheduled = false

  constructor(
    db: BetterSqlite3.Database,
    private readonly now: () => number = Date.now,
  ) {
    const insertUpdate = db.prepare<[string, string, Buffer, string | null, number]>(
      'INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    const selectSnapshot = db.prepare<[string, string], SnapshotRow>(
      'SELECT data, last_update_id FROM doc_snapshots WHERE workspace_id = ? AND doc_name = ?',
    )
    const selectUpdatesAfter = db.prepare<[string, string, number], UpdateRow>(
      'SELECT id, data FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id > ? ORDER BY id',
    )
    const countUpdatesAfter = db.prepare<[string, string, number], { n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id > ?',
    )
    const selectLog = db.prepare<[string, string, number], FullRow>(
      'SELECT id, data, author_id, created_at FROM doc_updates WHERE workspace_id = ? AND doc_name = ? AND id <= ? ORDER BY id',
    )
    const upsertSnapshot = db.prepare<[string, string, Buffer, number, number]>(
      `INSERT INTO doc_snapshots (workspace_id, doc_name, data, last_update_id, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, doc_name) DO UPDATE SET
         data = excluded.data, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`,
    )

    // Snapshot and log are read in one transaction so a concurrent compaction cannot be seen half-way.
    const readDoc = db.transaction((key: DocKey) => {
      const snapshot = selectSnapshot.get(key.workspaceId, key.docName)
      const rows = selectUpdatesAfter.all(key.workspaceId, key.docName, snapshot?.last_update_id ?? 0)
      return { snapshot, rows }
    })

    // Log rows are kept (history rebuilds versions and authorship from them): compaction only moves
    // the snapshot forward to the last row it folded in.
    const compactDoc = db.transaction((key: DocKey) => {
      const { snapshot, rows } = readDoc(key)
      const last = rows.at(-1)
      if (!last) return
      const parts = rows.map((row) => bytes(row.data))
      if (snapshot) parts.unshift(bytes(snapshot.data))
      const merged = Y.mergeUpdates(parts)
      upsertSnapshot.run(key.workspaceId, key.docName, blob(merged), last.id, this.now())
    })

    const insertBatch = db.transaction((batch: readonly PendingAppend[], at: number) => {
      for (const { key, update, authorId } of batch) insertUpdate.run(key.workspaceId, key.docName, blob(update), authorId, at)
    })

    this.statements = { insertBatch, countUpdatesAfter, selectSnapshot, selectLog, readDoc, compactDoc }
  }

  async load(key: DocKey): Promise<LoadedDoc> {
    this.assertOpen()
    this.flush()
    const { snapshot, rows } = this.statements.readDoc(key)
    return { snapshot: snapshot ? bytes(snapshot.data) : null, updates: rows.map((row) => bytes(row.data)) }
  }

  append(key: DocKey, update: Uint8Array, authorId: string | null): Promise<void> {
    this.assertOpen()
    return new Promise((resolve, reject) => {
      this.pending.push({ key, update, authorId, resolve, reject })
      if (this.flushScheduled) return
      this.flushScheduled = true
      setImmediate(() => this.flush())
    })
  }

  async compact(key: DocKey): Promise<void> {
    this.assertOpen()
    this.flush()
    this.statements.compactDoc(key)
  }

  async pendingUpdates(key: DocKey): Promise<number> {
    this.assertOpen()
    this.flush()
    const snapshot = this.statements.selectSnapshot.get(key.workspaceId, key.docName)
    return this.statements.countUpdatesAfter.get(key.workspaceId, key.docName, snapshot?.last_update_id ?? 0)?.n ?? 0
  }

  async log(key: DocKey, upTo = Number.MAX_SAFE_INTEGER): Promise<LogRow[]> {
    this.assertOpen()
    this.flush()
    return this.statements.selectLog
      .all(key.workspaceId, key.docName, upTo)
      .map((row) => ({ id: row.id, authorId: row.author_id, createdAt: row.created_at, data: bytes(row.data) }))
  }

  async close(): Promise<void> {
    this.flush()
    this.closed = true
  }

  /** Commits every pending append in one transaction, then settles their promises. */
  private flush(): void {
    this.flushScheduled = false
    const batch = this.pending
    if (batch.length === 0) return
    this.pending = []
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
