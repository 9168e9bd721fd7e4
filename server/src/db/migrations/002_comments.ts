import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Comments: threads anchored to a clause, an action, an action's field, a body or a decision; their
 * messages, the mentions each message resolved to, the per-member inbox, and the moderation audit.
 * Booleans are 0/1 integers and the anchor a JSON text, so both dialects hold the same values.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('comment_thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('field', 'text')
    .addColumn('anchor', 'text')
    .addColumn('quote', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('orphaned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('comment_thread_target').on('comment_thread').columns(['workspace_id', 'doc_name', 'target_id']).execute()

  await db.schema
    .createTable('comment_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_thread.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('hidden_by', 'text')
    .addColumn('hidden_at', 'text')
    .execute()
  await db.schema.createIndex('comment_message_thread').on('comment_message').columns(['thread_id', 'created_at']).execute()

  await db.schema
    .createTable('comment_mention')
    .addColumn('message_id', 'text', (c) => c.notNull().references('comment_message.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_mention_pk', ['message_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('inbox_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('comment_thread.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('comment_message.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute()
  await db.schema.createIndex('inbox_item_user').on('inbox_item').columns(['workspace_id', 'user_id', 'read_at']).execute()

  await db.schema
    .createTable('comment_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('comment_audit_workspace').on('comment_audit').columns(['workspace_id', 'at']).execute()
}
