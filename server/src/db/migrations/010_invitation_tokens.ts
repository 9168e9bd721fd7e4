import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Invitations are accepted through a link sent to the invited address (ACCT1): each keeps a keyed
 * hash of its link's token (never the token) and the instant it expires. Invitations made before
 * have neither: they cannot be accepted until an admin sends them again.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('invitation').addColumn('token_hash', 'text').execute()
  await db.schema.alterTable('invitation').addColumn('expires_at', 'text').execute()
  await db.schema.alterTable('invitation').addColumn('sent_at', 'text').execute()
  await db.schema.createIndex('invitation_token_hash').on('invitation').column('token_hash').unique().execute()
}
