import type pg from 'pg'
import { yjsThread } from '../workers/yjsThread.ts'
import { KEPT_STATE_FORMAT, type DocKey, type DocStore, type KeptState, type LoadedDoc, type LogRow, type LogTail, type StoreLocation } from './docStore.ts'

/** node-postgres hands back Buffers for bytea; the collaboration core works on plain Uint8Arrays. */
const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
const bytea = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/**
 * Advisory lock classes (the two-int form of pg_advisory_xact_lock; the second int is the document's
 * hash). Appends and compactions of one document take different classes, so a compaction never
 * blocks typing; two compactions of one document wait for each other.
 */
const APPEND_LOCK = 0x456e_0001
const COMPACT_LOCK = 0x456e_0002

/**
 * One statement, hence one implicit transaction: the per-document lock is taken before the default
 * `nextval` runs and released only after the commit. Ids of one document therefore become visible in
 * id order, so any reader sees a prefix of the document's log — the property the snapshot's
 * `last_update_id` relies on. (Without it a row could take id 11, commit after id 12, and land
 * behind a snapshot that already claims 12.)
 */
const APPEND_SQL = `
  WITH doc_lock AS (SELECT pg_advisory_xact_lock(${APPEND_LOCK}, hashtext($1::text || '/' || $2::text)))
  INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at)
  SELECT $1::text, $2::text, $3::bytea, $4::text, $5::bigint FROM doc_lock`

/** Snapshot (part 0) and the log rows after it (part 1) in one statement, hence one MVCC snapshot. */
const LOAD_SQL = `
  WITH snap AS (
    SELECT data, last_update_id FROM doc_snapshots WHERE workspace_id = $1::text AND doc_name = $2::text
  ), parts AS (
    SELECT 0 AS part, last_update_id AS id, data FROM snap
    UNION ALL
    SELECT 1 AS part, u.id, u.data FROM doc_updates u
     WHERE u.workspace_id = $1::text AND u.doc_name = $2::text
       AND u.id > COALESCE((SELECT last_update_id FROM snap), 0)
  )
  SELECT part, id::text AS id, data FROM parts ORDER BY part, parts.id`

const PENDING_SQL = `
  SELECT COUNT(*)::text AS n FROM doc_updates u
   WHERE u.workspace_id = $1 AND u.doc_name = $2
     AND u.id > COALESCE((SELECT last_update_id FROM doc_snapshots s WHERE s.workspace_id = $1 AND s.doc_name = $2), 0)`

/** octet_length of a stored bytea reads its size, not its content. */
const STORED_BYTES_SQL = `
  WITH snap AS (SELECT octet_length(data) AS n, last_update_id FROM doc_snapshots WHERE workspace_id = $1 AND doc_name = $2)
  SELECT (COALESCE((SELECT n FROM snap), 0) + COALESCE((SELECT SUM(octet_length(u.data)) FROM doc_updates u
           WHERE u.workspace_id = $1 AND u.doc_name = $2 AND u.id > COALESCE((SELECT last_update_id FROM snap), 0)), 0))::text AS n`

/** Never moves a snapshot backwards, whatever order two writers commit in. */
const UPSERT_SNAPSHOT_SQL = `
  INSERT INTO doc_snapshots (workspace_id, doc_name, data, last_update_id, updated_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (workspace_id, doc_name) DO UPDATE SET
    data = excluded.data, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at
  WHERE doc_snapshots.last_update_id < excluded.last_update_id`

/** One statement, so the count and the rows are read at the same point in time. */
const LOG_AFTER_SQL = `
  WITH before AS (SELECT COUNT(*)::text AS n FROM doc_updates WHERE workspace_id = $1 AND doc_name = $2 AND id <= $3::bigint)
  SELECT before.n AS before, u.id::text AS id, u.data, u.author_id, u.created_at::text AS created_at
    FROM before LEFT JOIN doc_updates u ON u.workspace_id = $1 AND u.doc_name = $2 AND u.id > $3::bigint
   ORDER BY u.id`

const LOG_SQL = `
  SELECT id::text AS id, data, author_id, created_at::text AS created_at FROM doc_updates
   WHERE workspace_id = $1 AND doc_name = $2 AND id <= $3::bigint ORDER BY id`

/** Last writer wins: any state the document once had is a valid kept state (docStore.ts). */
const UPSERT_KEPT_STATE_SQL = `
  INSERT INTO doc_kept_states (workspace_id, doc_name, format, state_vector, snapshot, frame_v2, preview, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (workspace_id, doc_name) DO UPDATE SET
    format = excluded.format, state_vector = excluded.state_vector, snapshot = excluded.snapshot,
    frame_v2 = excluded.frame_v2, preview = excluded.preview, updated_at = excluded.updated_at`

const KEPT_STATE_SQL = `
  SELECT state_vector, snapshot, frame_v2, preview FROM doc_kept_states
   WHERE workspace_id = $1 AND doc_name = $2 AND format = $3`

/**
 * Claims the ids nobody owns (ON CONFLICT: an owner, once written, never changes), then reads every
 * owner. Two statements: the second one sees what a concurrent claimer committed first.
 */
const CLAIM_CLIENTS_SQL = `
  INSERT INTO doc_client_owners (workspace_id, doc_name, client_id, owner_id)
  SELECT $1::text, $2::text, id, $4::text FROM unnest($3::bigint[]) AS id
  ON CONFLICT DO NOTHING`
const CLIENT_OWNERS_SQL = `
  SELECT client_id::text AS client_id, owner_id FROM doc_client_owners
   WHERE workspace_id = $1 AND doc_name = $2 AND client_id = ANY($3::bigint[])`

interface LogSqlRow {
  id: string
  data: Buffer
  author_id: string | null
  created_at: string
}

const logRow = (row: LogSqlRow): LogRow => ({ id: Number(row.id), authorId: row.author_id, createdAt: Number(row.created_at), data: bytes(row.data) })

interface LoadRow {
  part: number
  /** bigint ids travel as text: JavaScript numbers are exact only up to 2^53. */
  id: string
  data: Buffer
}

/**
 * The document log in PostgreSQL (tables `doc_updates` and `doc_snapshots`, created by the same
 * migrations as on SQLite). Same semantics as SqliteDocStore: `append` resolves after the commit,
 * log rows are kept, compaction only moves the snapshot forward to the last row it folded in.
 *
 * The pool belongs to the caller (openDatabase); `close()` only stops this store from being used.
 */
export class PostgresDocStore implements DocStore {
  private closed = false

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  /** The pool's connection string, which another thread opens a small pool of its own with. */
  location(): StoreLocation | null {
    const connectionString = (this.pool as { options?: { connectionString?: string } }).options?.connectionString
    return connectionString ? { kind: 'postgres', connectionString } : null
  }

  async load(key: DocKey): Promise<LoadedDoc> {
    this.assertOpen()
    const { rows } = await this.pool.query<LoadRow>(LOAD_SQL, [key.workspaceId, key.docName])
    return toLoaded(rows)
  }

  async append(key: DocKey, update: Uint8Array, authorId: string | null): Promise<void> {
    this.assertOpen()
    await this.pool.query(APPEND_SQL, [key.workspaceId, key.docName, bytea(update), authorId, this.now()])
  }

  /**
   * Reads snapshot and log in one statement, merges exactly those rows and upserts the snapshot at
   * the highest id read. Appends committed meanwhile have higher ids and stay in the log after it.
   */
  async compact(key: DocKey): Promise<void> {
    this.assertOpen()
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(`SELECT pg_advisory_xact_lock(${COMPACT_LOCK}, hashtext($1::text || '/' || $2::text))`, [key.workspaceId, key.docName])
      const { rows } = await client.query<LoadRow>(LOAD_SQL, [key.workspaceId, key.docName])
      const last = rows.at(-1)
      if (!last || last.part === 0) {
        await client.query('COMMIT')
        return
      }
      // On the Yjs thread when large: a few hundred milliseconds on a big plan, the event loop stays free.
      const merged = await yjsThread.merge(rows.map((row) => bytes(row.data)))
      await client.query(UPSERT_SNAPSHOT_SQL, [key.workspaceId, key.docName, bytea(merged), last.id, this.now()])
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }

  async pendingUpdates(key: DocKey): Promise<number> {
    this.assertOpen()
    const { rows } = await this.pool.query<{ n: string }>(PENDING_SQL, [key.workspaceId, key.docName])
    return Number(rows[0]?.n ?? 0)
  }

  async storedBytes(key: DocKey): Promise<number> {
    this.assertOpen()
    const { rows } = await this.pool.query<{ n: string }>(STORED_BYTES_SQL, [key.workspaceId, key.docName])
    return Number(rows[0]?.n ?? 0)
  }

  async log(key: DocKey, upTo = Number.MAX_SAFE_INTEGER): Promise<LogRow[]> {
    this.assertOpen()
    const { rows } = await this.pool.query<LogSqlRow>(LOG_SQL, [key.workspaceId, key.docName, String(upTo)])
    return rows.map(logRow)
  }

  async logAfter(key: DocKey, after: number): Promise<LogTail> {
    this.assertOpen()
    const { rows } = await this.pool.query<LogSqlRow & { before: string }>(LOG_AFTER_SQL, [key.workspaceId, key.docName, String(after)])
    // No row after `after`: the left join still returns the count, with a null id.
    return { before: Number(rows[0]?.before ?? 0), rows: rows.filter((row) => row.id !== null).map(logRow) }
  }

  async keepState(key: DocKey, state: KeptState): Promise<void> {
    this.assertOpen()
    const { stateVector, snapshot, frameV2, preview } = state
    await this.pool.query(UPSERT_KEPT_STATE_SQL, [
      key.workspaceId,
      key.docName,
      KEPT_STATE_FORMAT,
      bytea(stateVector),
      bytea(snapshot),
      bytea(frameV2),
      preview ? bytea(preview) : null,
      this.now(),
    ])
  }

  async keptState(key: DocKey): Promise<KeptState | null> {
    this.assertOpen()
    const { rows } = await this.pool.query<{ state_vector: Buffer; snapshot: Buffer; frame_v2: Buffer; preview: Buffer | null }>(KEPT_STATE_SQL, [
      key.workspaceId,
      key.docName,
      KEPT_STATE_FORMAT,
    ])
    const row = rows[0]
    if (!row) return null
    return {
      stateVector: bytes(row.state_vector),
      snapshot: bytes(row.snapshot),
      frameV2: bytes(row.frame_v2),
      preview: row.preview ? bytes(row.preview) : null,
    }
  }

  async claimClients(key: DocKey, clientIds: readonly number[], claimant: string | null): Promise<Map<number, string>> {
    this.assertOpen()
    const ids = clientIds.map(String)
    if (claimant !== null && ids.length > 0) await this.pool.query(CLAIM_CLIENTS_SQL, [key.workspaceId, key.docName, ids, claimant])
    const { rows } = await this.pool.query<{ client_id: string; owner_id: string }>(CLIENT_OWNERS_SQL, [key.workspaceId, key.docName, ids])
    return new Map(rows.map((row) => [Number(row.client_id), row.owner_id]))
  }

  async close(): Promise<void> {
    this.closed = true
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresDocStore is closed')
  }
}

function toLoaded(rows: LoadRow[]): LoadedDoc {
  const first = rows[0]
  const snapshot = first?.part === 0 ? bytes(first.data) : null
  return { snapshot, updates: (snapshot ? rows.slice(1) : rows).map((row) => bytes(row.data)) }
}
