import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

export type SqlDialect = 'sqlite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: SqlDialect
  /** The raw SQLite handle (prepared statements on the hot path), when on SQLite. */
  sqlite: BetterSqlite3.Database | null
  pgPool: pg.Pool | null
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  dataDir: string
  databaseUrl: string | null
  /**
   * Errors of idle PostgreSQL connections (server restarted, connection killed by an administrator).
   * The pool drops such a connection and opens a new one on the next query; without a listener the
   * pool's 'error' event would crash the process.
   */
  onPoolError?: (err: Error) => void
}

/** Opens the embedded SQLite file in DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    pool.on('error', options.onPoolError ?? (() => undefined))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', sqlite: null, pgPool: pool, close: () => closePool(pool, db) }
  }
  const sqlite = new BetterSqlite3(path.join(options.dataDir, 'ensemble.sqlite'))
  // WAL lets readers run beside the writer; FULL makes every commit durable before we acknowledge it.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, dialect: 'sqlite', sqlite, pgPool: null, close: () => db.destroy() }
}

/**
 * Kysely begins SQLite transactions DEFERRED. The document log's writer thread commits on a second
 * connection, and a deferred transaction that has read before it writes then fails at once with
 * SQLITE_BUSY_SNAPSHOT (busy_timeout does not apply). BEGIN IMMEDIATE takes the write lock first,
 * waiting for the writer thread's commit like any other writer.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'))
    }
    return driver
  }
}

/** Distinct SQL texts kept prepared (the queries are parameterised: a few hundred at most, plus IN lists of each length). */
const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely asks better-sqlite3 to prepare every query's SQL again on each call: SQLite parses and plans
 * it each time, a visible share of a REST request's CPU (a session check, a member lookup). The same
 * texts come back, so their statements are kept, least recently used first out. A statement still
 * iterating (a streamed query) is not shared: that one call gets its own.
 */
export function withStatementCache(db: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => db.close(),
    prepare(sql) {
      const cached = statements.get(sql)
      if (cached && !cached.busy) {
        statements.delete(sql)
        statements.set(sql, cached)
        return cached
      }
      const statement = db.prepare(sql)
      if (cached) return statement
      statements.set(sql, statement)
      if (statements.size > size) statements.delete(statements.keys().next().value!)
      return statement
    },
  }
}

/**
 * Ends the pool and resolves once every connection is actually closed (pg-pool's end() resolves as
 * soon as it has asked them to), so a database can be dropped or a process exit right after.
 */
async function closePool(pool: pg.Pool, db: Kysely<Database>): Promise<void> {
  let open = pool.totalCount
  const closed = new Promise<void>((resolve) => {
    if (open === 0) return resolve()
    pool.on('remove', () => {
      if (--open === 0) resolve()
    })
  })
  await db.destroy()
  // Kysely ends the pool only if it ever ran a query through it; the document store uses it directly.
  if (!pool.ending) await pool.end()
  await closed
}
