/**
 * Copies an Ensemble SQLite file into an empty PostgreSQL database, then verifies the copy.
 *
 *   npx pnpm --filter @ensemble/server migrate:sqlite-to-postgres -- --from data/ensemble.sqlite --to postgres://…
 *
 * 1. Migrates the target (Ensemble's migrations and better-auth's tables, as the server does at start).
 * 2. Refuses a target that already holds rows, and a source whose migrations differ from this version's.
 * 3. Copies every table in one PostgreSQL transaction (parents before children), keeping ids, converting
 *    SQLite's representations (0/1 booleans, ISO date strings) to the target column types, then moves
 *    every serial sequence past the highest id copied.
 * 4. Verifies: row counts per table, and for every document the hash of its content (docHash.ts) loaded
 *    through each side's DocStore. Prints both; exits non-zero on any difference.
 *
 * The source is opened read-only inside one read transaction. Stop the server first: what it writes
 * after the copy started would be missing from the target (the verification would then report it).
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'
import { createAuth, migrateAuth } from '../auth/auth.ts'
import { openDatabase, type DatabaseHandle } from '../db/database.ts'
import { MIGRATION_NAMES, migrateToLatest } from '../db/migrate.ts'
import { redactUrl } from '../db/postgresAdmin.ts'
import { createLogger } from '../logger.ts'
import type { DocKey, DocStore } from '../storage/docStore.ts'
import { PostgresDocStore } from '../storage/postgresDocStore.ts'
import { SqliteDocStore } from '../storage/sqliteDocStore.ts'
import { docHash } from './docHash.ts'

export interface CopyOptions {
  /** Path of the SQLite file (`DATA_DIR/ensemble.sqlite`). */
  from: string
  /** PostgreSQL connection URL of the (empty) target database. */
  to: string
  /** Progress lines; silent by default. */
  log?: (line: string) => void
}

export interface TableCount {
  table: string
  source: number
  target: number
  ok: boolean
}

export interface DocumentHash {
  workspaceId: string
  docName: string
  /** SHA-256 of the canonical content, or null when that side has no such document. */
  source: string | null
  target: string | null
  ok: boolean
}

export interface VerifyReport {
  ok: boolean
  tables: TableCount[]
  documents: DocumentHash[]
}

/** Refusals before anything is written (non-empty target, foreign or outdated source). */
export class CopyRefused extends Error {}

/** Tables that describe a database rather than belong to it: each side keeps its own. */
const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock'])
/** Parents first when foreign keys leave the order open (and for a stable report). */
const PREFERRED_ORDER = ['user', 'session', 'account', 'verification', 'workspace', 'partner', 'member', 'invitation', 'doc_updates', 'doc_snapshots']

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`

function openSource(file: string): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  sqlite.pragma('busy_timeout = 5000')
  return sqlite
}

function sourceTables(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]
  return rows.map((r) => r.name).filter((name) => !SKIPPED_TABLES.has(name))
}

function assertSourceMigrations(sqlite: BetterSqlite3.Database): void {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get()
  if (!hasTable) throw new CopyRefused('the source is not an Ensemble database (no kysely_migration table)')
  const applied = (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name)
  const missing = MIGRATION_NAMES.filter((name) => !applied.includes(name))
  const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name))
  if (unknown.length)
    throw new CopyRefused(`the source has migrations this version does not know (${unknown.join(', ')}): use the Ensemble version that wrote it`)
  if (missing.length) {
    throw new CopyRefused(
      `the source lacks migrations ${missing.join(', ')}: start this Ensemble version once on it (it migrates at start), stop it, then copy`,
    )
  }
}

/** Parents before children, following the source's foreign keys; cycles are reported, not guessed. */
function copyOrder(sqlite: BetterSqlite3.Database, tables: string[]): string[] {
  const rank = (t: string) => (PREFERRED_ORDER.includes(t) ? PREFERRED_ORDER.indexOf(t) : PREFERRED_ORDER.length)
  const pending = [...tables].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  const parents = new Map(
    pending.map((t) => {
      const fks = sqlite.prepare(`PRAGMA foreign_key_list(${quote(t)})`).all() as { table: string }[]
      return [t, new Set(fks.map((fk) => fk.table).filter((p) => p !== t && tables.includes(p)))]
    }),
  )
  const ordered: string[] = []
  while (pending.length) {
    const next = pending.findIndex((t) => [...parents.get(t)!].every((p) => ordered.includes(p)))
    if (next < 0) throw new CopyRefused(`foreign keys form a cycle between ${pending.join(', ')}`)
    ordered.push(...pending.splice(next, 1))
  }
  return ordered
}

interface TargetColumn {
  name: string
  dataType: string
  serial: boolean
}

async function targetColumns(client: pg.PoolClient | pg.Pool, table: string): Promise<TargetColumn[]> {
  const { rows } = await client.query<{ column_name: string; data_type: string; column_default: string | null }>(
    `SELECT column_name, data_type, column_default FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  )
  return rows.map((r) => ({ name: r.column_name, dataType: r.data_type, serial: r.column_default?.startsWith('nextval(') ?? false }))
}

/** SQLite's value as the target column wants it (better-auth keeps booleans as 0/1 and dates as text there). */
function convert(value: unknown, column: TargetColumn, where: () => string): unknown {
  if (value === null || value === undefined) return null
  const fail = (): never => {
    throw new Error(`${where()}: cannot store ${typeof value} ${JSON.stringify(String(value)).slice(0, 60)} in a ${column.dataType} column`)
  }
  switch (column.dataType) {
    case 'boolean': {
      if (typeof value === 'boolean') return value
      if (typeof value === 'number' || typeof value === 'bigint') return Number(value) !== 0
      if (typeof value === 'string' && /^(1|t|true)$/i.test(value)) return true
      if (typeof value === 'string' && /^(0|f|false)$/i.test(value)) return false
      return fail()
    }
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'date': {
      const date = typeof value === 'number' || typeof value === 'string' ? new Date(value) : value instanceof Date ? value : null
      if (!date || Number.isNaN(date.getTime())) return fail()
      return date
    }
    case 'bytea':
      if (Buffer.isBuffer(value)) return value
      if (typeof value === 'string') return Buffer.from(value, 'utf8')
      return fail()
    case 'smallint':
    case 'integer':
    case 'bigint':
      if (typeof value === 'number' && Number.isInteger(value)) return value
      if (typeof value === 'bigint') return value.toString()
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return value
      return fail()
    case 'text':
    case 'character varying':
      if (typeof value === 'string') return value
      if (typeof value === 'number' || typeof value === 'bigint') return String(value)
      return fail()
    default:
      return value
  }
}

/** PostgreSQL accepts at most 65535 parameters per statement; stay well below, and bound the bytes. */
const MAX_PARAMS = 20_000
const MAX_BATCH_ROWS = 500
const MAX_BATCH_BYTES = 8 * 1024 * 1024

async function copyTable(sqlite: BetterSqlite3.Database, client: pg.PoolClient, table: string, log: (line: string) => void): Promise<number> {
  const sourceColumns = (sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name)
  const columns = await targetColumns(client, table)
  if (!columns.length) throw new CopyRefused(`table ${table} does not exist in the target`)
  const byName = new Map(columns.map((c) => [c.name, c]))
  const absent = sourceColumns.filter((c) => !byName.has(c))
  if (absent.length) throw new CopyRefused(`the target's ${table} lacks column(s) ${absent.join(', ')}: nothing would hold their values`)
  const target = sourceColumns.map((c) => byName.get(c)!)

  const maxRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / target.length)))
  const page = sqlite.prepare(`SELECT rowid AS "__rowid", * FROM ${quote(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${MAX_BATCH_ROWS}`)
  const columnList = target.map((c) => quote(c.name)).join(', ')
  let copied = 0
  let batch: unknown[][] = []
  let batchBytes = 0
  const flush = async () => {
    if (!batch.length) return
    const params: unknown[] = []
    const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`)
    await client.query(`INSERT INTO ${quote(table)} (${columnList}) VALUES ${tuples.join(', ')}`, params)
    copied += batch.length
    batch = []
    batchBytes = 0
  }
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    const rows = page.all(after) as Record<string, unknown>[]
    if (!rows.length) break
    for (const row of rows) {
      const values = target.map((column) => convert(row[column.name], column, () => `${table} row ${String(row.__rowid)} column ${column.name}`))
      batch.push(values)
      batchBytes += values.reduce<number>((n, v) => n + (Buffer.isBuffer(v) ? v.byteLength : typeof v === 'string' ? v.length : 8), 0)
      if (batch.length >= maxRows || batchBytes >= MAX_BATCH_BYTES) await flush()
    }
    after = Number(rows.at(-1)!.__rowid)
  }
  await flush()

  // Ids were copied as they were: move each serial sequence past them (bigserial doc_updates.id).
  for (const column of columns.filter((c) => c.serial)) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(${quote(column.name)}) FROM ${quote(table)}), 0) + 1, false)`, [
      quote(table),
      column.name,
    ])
  }
  log(`copied ${table}: ${copied} rows`)
  return copied
}

/** Migrates a PostgreSQL database exactly as the server does at start. */
export async function migrateTarget(database: DatabaseHandle): Promise<void> {
  await migrateToLatest(database.db, database.dialect)
  const auth = createAuth({
    db: database.db,
    dialect: database.dialect,
    // better-auth's migrations read the schema from the options; the secret and URL are never used.
    secret: 'schema-only-secret-never-used-to-sign-anything',
    baseURL: 'http://127.0.0.1',
    trustedOrigins: [],
    rateLimit: { windowSeconds: 60, signInMax: 1, signUpMax: 1 },
    logger: createLogger('error'),
  })
  await migrateAuth(auth)
}

async function assertTargetEmpty(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  )
  const nonEmpty: string[] = []
  for (const { table_name } of rows) {
    if (SKIPPED_TABLES.has(table_name)) continue
    const { rows: any } = await pool.query(`SELECT 1 FROM ${quote(table_name)} LIMIT 1`)
    if (any.length) nonEmpty.push(table_name)
  }
  if (nonEmpty.length) throw new CopyRefused(`the target database is not empty (rows in ${nonEmpty.join(', ')}): copy into a new, empty database`)
}

/** Copies, then verifies. Throws CopyRefused (nothing written) or any error (the transaction is rolled back). */
export async function copySqliteToPostgres(options: CopyOptions): Promise<VerifyReport> {
  const log = options.log ?? (() => undefined)
  const sqlite = openSource(options.from)
  const target = openDatabase({ dataDir: path.dirname(options.from), databaseUrl: options.to })
  try {
    assertSourceMigrations(sqlite)
    const tables = copyOrder(sqlite, sourceTables(sqlite))
    log(`source ${options.from}: ${tables.length} tables`)
    await migrateTarget(target)
    log(`target ${redactUrl(options.to)}: migrated`)
    await assertTargetEmpty(target.pgPool!)

    const client = await target.pgPool!.connect()
    // One read transaction on the source: every table is read from the same state.
    sqlite.exec('BEGIN')
    try {
      await client.query('BEGIN')
      for (const table of tables) await copyTable(sqlite, client, table, log)
      await client.query('COMMIT')
      log('committed')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
      sqlite.exec('COMMIT')
    }
  } finally {
    sqlite.close()
    await target.close()
  }
  return verifyCopy(options)
}

async function documentKeys(sqlite: BetterSqlite3.Database, pool: pg.Pool): Promise<DocKey[]> {
  const query = 'SELECT workspace_id, doc_name FROM doc_updates UNION SELECT workspace_id, doc_name FROM doc_snapshots'
  const rows = [
    ...(sqlite.prepare(query).all() as { workspace_id: string; doc_name: string }[]),
    ...(await pool.query<{ workspace_id: string; doc_name: string }>(query)).rows,
  ]
  const keys = new Map(rows.map((r) => [JSON.stringify([r.workspace_id, r.doc_name]), { workspaceId: r.workspace_id, docName: r.doc_name }]))
  return [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, key]) => key)
}

async function hashOf(store: DocStore, key: DocKey): Promise<string | null> {
  const loaded = await store.load(key)
  return loaded.snapshot || loaded.updates.length ? docHash(loaded) : null
}

/** Compares a SQLite file and a PostgreSQL database: row counts per table, content hash per document. */
export async function verifyCopy(options: Pick<CopyOptions, 'from' | 'to'>): Promise<VerifyReport> {
  const sqlite = openSource(options.from)
  const target = openDatabase({ dataDir: path.dirname(options.from), databaseUrl: options.to })
  try {
    const pool = target.pgPool!
    const tables: TableCount[] = []
    for (const table of copyOrder(sqlite, sourceTables(sqlite))) {
      const source = Number((sqlite.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number }).n)
      const counted = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quote(table)}`).catch(() => null)
      const targetCount = counted ? Number(counted.rows[0]!.n) : -1
      tables.push({ table, source, target: targetCount, ok: source === targetCount })
    }
    const sourceStore = new SqliteDocStore(sqlite)
    const targetStore = new PostgresDocStore(pool)
    const documents: DocumentHash[] = []
    for (const key of await documentKeys(sqlite, pool)) {
      const source = await hashOf(sourceStore, key)
      const targetHash = await hashOf(targetStore, key)
      documents.push({ ...key, source, target: targetHash, ok: source !== null && source === targetHash })
    }
    return { ok: tables.every((t) => t.ok) && documents.every((d) => d.ok), tables, documents }
  } finally {
    sqlite.close()
    await target.close()
  }
}

/** The report as two aligned text tables. */
export function formatReport(report: VerifyReport): string {
  const pad = (rows: string[][]): string[] => {
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
    return rows.map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
  }
  const short = (hash: string | null) => (hash ? hash.slice(0, 16) : '(absent)')
  const lines = [
    ...pad([
      ['table', 'sqlite', 'postgres', ''],
      ...report.tables.map((t) => [t.table, String(t.source), t.target < 0 ? '(missing)' : String(t.target), t.ok ? 'ok' : 'MISMATCH']),
    ]),
    '',
    ...pad([
      ['workspace', 'document', 'sqlite sha256', 'postgres sha256', ''],
      ...report.documents.map((d) => [d.workspaceId, d.docName, short(d.source), short(d.target), d.ok ? 'ok' : 'MISMATCH']),
    ]),
    '',
    report.ok
      ? `OK: ${report.tables.length} tables and ${report.documents.length} documents identical.`
      : `FAILED: ${report.tables.filter((t) => !t.ok).length} table(s) and ${report.documents.filter((d) => !d.ok).length} document(s) differ.`,
  ]
  return lines.join('\n')
}

const USAGE = `Usage: npx pnpm --filter @ensemble/server migrate:sqlite-to-postgres -- --from <ensemble.sqlite> --to <postgres://…> [--verify-only]
  --from         the SQLite file of the stopped server (DATA_DIR/ensemble.sqlite)
  --to           an empty PostgreSQL database (default: $DATABASE_URL)
  --verify-only  compare counts and document hashes without copying`

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): { from: string; to: string; verifyOnly: boolean } | null {
  let from: string | undefined
  let to: string | undefined = env.DATABASE_URL
  let verifyOnly = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = () => inline ?? argv[++i]
    if (flag === '--') continue
    else if (flag === '--from') from = value()
    else if (flag === '--to') to = value()
    else if (flag === '--verify-only') verifyOnly = true
    else return null
  }
  if (!from || !to) return null
  // pnpm runs scripts in the package directory; relative paths mean the caller's directory.
  return { from: path.resolve(env.INIT_CWD ?? process.cwd(), from), to, verifyOnly }
}

export async function main(argv = process.argv.slice(2), env = process.env): Promise<number> {
  const args = parseArgs(argv, env)
  if (!args) {
    console.error(USAGE)
    return 2
  }
  try {
    const log = (line: string) => console.log(line)
    log(`${args.verifyOnly ? 'Verifying' : 'Copying'} ${args.from} → ${redactUrl(args.to)}`)
    const report = args.verifyOnly ? await verifyCopy(args) : await copySqliteToPostgres({ ...args, log })
    console.log(`\n${formatReport(report)}`)
    return report.ok ? 0 : 1
  } catch (err) {
    console.error(`${err instanceof CopyRefused ? 'Refused' : 'Failed'}: ${err instanceof Error ? err.message : String(err)}`)
    return err instanceof CopyRefused ? 2 : 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main()
}
