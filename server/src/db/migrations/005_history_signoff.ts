import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * History, versions and sign-off: named versions (a point of a document's update log), adoption
 * rounds with one vote per partner, and the hash-chained audit trail of sign-off. Times are ISO
 * texts, JSON is text, so both dialects hold the same values.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer'
  await db.schema
    .createTable('document_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('log_id', bigint, (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('document_version_doc').on('document_version').columns(['workspace_id', 'doc_name', 'created_at']).execute()

  await db.schema
    .createTable('signoff_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull().references('document_version.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('base_round_id', 'text')
    .addColumn('clauses', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema.createIndex('signoff_round_doc').on('signoff_round').columns(['workspace_id', 'doc_name', 'proposed_at']).execute()

  await db.schema
    .createTable('signoff_vote')
    .addColumn('round_id', 'text', (c) => c.notNull().references('signoff_round.id').onDelete('cascade'))
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('vote', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('clause', 'text')
    .addColumn('thread_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signoff_vote_pk', ['round_id', 'partner_id'])
    .execute()

  // Append-only: each entry's hash covers the previous entry's hash (per workspace).
  await db.schema
    .createTable('signoff_audit')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('seq', bigint, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signoff_audit_pk', ['workspace_id', 'seq'])
    .execute()
}
