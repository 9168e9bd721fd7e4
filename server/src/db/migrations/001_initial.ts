import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/** Relational core and the document log. One migration set for SQLite and PostgreSQL. */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob'
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer'

  await db.schema
    .createTable('workspace')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('partner')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('representative_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('partner_workspace').on('partner').column('workspace_id').execute()

  await db.schema
    .createTable('member')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_pk', ['workspace_id', 'user_id'])
    .execute()
  await db.schema.createIndex('member_user').on('member').column('user_id').execute()

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text', (c) => c.references('partner.id').onDelete('set null'))
    .addColumn('representative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invitation_workspace_email', ['workspace_id', 'email'])
    .execute()
  await db.schema.createIndex('invitation_email').on('invitation').column('email').execute()

  await db.schema
    .createTable('doc_updates')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('created_at', bigint, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['workspace_id', 'doc_name', 'id']).execute()

  await db.schema
    .createTable('doc_snapshots')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addColumn('last_update_id', bigint, (c) => c.notNull())
    .addColumn('updated_at', bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('doc_snapshots_pk', ['workspace_id', 'doc_name'])
    .execute()
}
