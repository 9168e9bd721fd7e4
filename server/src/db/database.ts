import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
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

/** Opens the embedded SQLite file in DATA_DIR, or PostgreSQL when DATABASE_URL is set. */
export function openDatabase(options: { dataDir: string; databaseUrl: string | null }): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', sqlite: null, pgPool: pool, close: () => db.destroy() }
  }
  const sqlite = new BetterSqlite3(path.join(options.dataDir, 'ensemble.sqlite'))
  // WAL lets readers run beside the writer; FULL makes every commit durable before we acknowledge it.
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', sqlite, pgPool: null, close: () => db.destroy() }
}
