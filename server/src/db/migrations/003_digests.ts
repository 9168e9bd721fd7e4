import { sql, type Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Inbox items that are not about a message (an action someone is R/A on changed), digest
 * preferences, and the local mail outbox used when no SMTP server is configured.
 *
 * `inbox_item.thread_id` and `message_id` become nullable; `doc_name`, `target_id`, `fields` (JSON
 * array of changed field names) and `actor_id` describe the other kinds. SQLite cannot drop a NOT
 * NULL constraint, so it rebuilds the table; PostgreSQL alters it.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`ALTER TABLE inbox_item ALTER COLUMN thread_id DROP NOT NULL`.execute(db)
    await sql`ALTER TABLE inbox_item ALTER COLUMN message_id DROP NOT NULL`.execute(db)
    for (const column of ['doc_name', 'target_id', 'fields', 'actor_id']) {
      await db.schema.alterTable('inbox_item').addColumn(column, 'text').execute()
    }
  } else {
    await db.schema
      .createTable('inbox_item_003')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('thread_id', 'text', (c) => c.references('comment_thread.id').onDelete('cascade'))
      .addColumn('message_id', 'text', (c) => c.references('comment_message.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .addColumn('doc_name', 'text')
      .addColumn('target_id', 'text')
      .addColumn('fields', 'text')
      .addColumn('actor_id', 'text')
      .execute()
    await sql`INSERT INTO inbox_item_003 (id, workspace_id, user_id, kind, thread_id, message_id, created_at, read_at)
              SELECT id, workspace_id, user_id, kind, thread_id, message_id, created_at, read_at FROM inbox_item`.execute(db)
    await db.schema.dropTable('inbox_item').execute()
    await sql`ALTER TABLE inbox_item_003 RENAME TO inbox_item`.execute(db)
    await db.schema.createIndex('inbox_item_user').on('inbox_item').columns(['workspace_id', 'user_id', 'read_at']).execute()
  }
  // At most one unread `action.changed` item per member and action: repeated edits update it.
  await db.schema
    .createIndex('inbox_item_action_unread')
    .on('inbox_item')
    .columns(['workspace_id', 'user_id', 'target_id'])
    .unique()
    .where(sql.ref('kind'), '=', 'action.changed')
    .where(sql.ref('read_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('digest_preference')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    /** Start of the next digest's period: when the last one went out (or digests were turned on). */
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_preference_pk', ['workspace_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('headers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('mail_outbox_created').on('mail_outbox').column('created_at').execute()
}
