import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import type { SqlDialect } from './database.ts'
import * as m001 from './migrations/001_initial.ts'
import * as m002 from './migrations/002_comments.ts'
import * as m003 from './migrations/003_digests.ts'
import * as m004 from './migrations/004_meetings.ts'
import * as m005 from './migrations/005_history_signoff.ts'
import * as m006 from './migrations/006_signoff_rules_seals.ts'
import * as m007 from './migrations/007_minutes_amendments.ts'
import * as m008 from './migrations/008_kept_states.ts'
import * as m009 from './migrations/009_client_owners.ts'
import * as m010 from './migrations/010_invitation_tokens.ts'
import * as m014 from './migrations/014_password_resets.ts'

type DialectMigration = { up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> }

/** Ordered by name; each migration gets the dialect so one set serves SQLite and PostgreSQL. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '001_initial': m001,
  '002_comments': m002,
  '003_digests': m003,
  '004_meetings': m004,
  '005_history_signoff': m005,
  '006_signoff_rules_seals': m006,
  '007_minutes_amendments': m007,
  '008_kept_states': m008,
  '009_client_owners': m009,
  '010_invitation_tokens': m010,
  '014_password_resets': m014,
}

/** Every migration this version knows, in order (the names recorded in `kysely_migration`). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort()

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: SqlDialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, this.dialect) }]))
  }
}

export async function migrateToLatest(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  await migrateTo(db, dialect, null)
}

/** Runs the migrations up to `target` included (all of them when null): a data migration's tests start from the schema before it. */
export async function migrateTo(db: Kysely<any>, dialect: SqlDialect, target: string | null): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect) })
  const { error, results } = target === null ? await migrator.migrateToLatest() : await migrator.migrateTo(target)
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
}
