import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Governance, continued: the agenda may name a document awaiting sign-off (GOV20), minutes keep the
 * decision that approved them, and attendees propose amendments to the minutes (GOV21).
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema.alterTable('agenda_item').addColumn('doc_name', 'text').execute()
  await db.schema.alterTable('meeting').addColumn('approved_by', 'text').execute()
  await db.schema
    .createTable('minutes_amendment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('minutes_amendment_meeting').on('minutes_amendment').columns(['meeting_id', 'created_at']).execute()
}
