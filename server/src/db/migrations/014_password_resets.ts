import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Password reset links (ACCT16–ACCT20). A row per link asked for, keyed by a hash of its token
 * under the server secret (the token itself is only in the mail); the address rather than a user
 * id, because a request for an address without an account writes its row too (the same work
 * either way) and better-auth creates its user table after these migrations run.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('password_reset')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('password_reset_token_hash').on('password_reset').column('token_hash').unique().execute()
  await db.schema.createIndex('password_reset_email').on('password_reset').column('email').execute()
  await db.schema.createIndex('password_reset_expires_at').on('password_reset').column('expires_at').execute()
}
