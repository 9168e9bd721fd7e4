// The database's public face (package `@ensemble/server/db`): open, migrate, and the PostgreSQL admin the tests use.
export { openDatabase, type DatabaseHandle } from './database.ts'
export { MIGRATION_NAMES, migrateTo, migrateToLatest } from './migrate.ts'
export { createDatabase, dropDatabase, probePostgres, redactUrl, withDatabase } from './postgresAdmin.ts'
export type { Database } from './schema.ts'
