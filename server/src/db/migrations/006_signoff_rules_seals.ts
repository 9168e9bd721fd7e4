import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Sign-off, second step: each round keeps the adoption rule the charter gave when it was proposed
 * (SIGN9; older rounds were unanimous), and each audit entry carries a seal, an HMAC of its hash by
 * a key kept outside the database (SIGN12; null on entries written before seals existed).
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .alterTable('signoff_round')
    .addColumn('adoption_rule', 'text', (c) => c.notNull().defaultTo('unanimity'))
    .execute()
  await db.schema.alterTable('signoff_audit').addColumn('seal', 'text').execute()
}
