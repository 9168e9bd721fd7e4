import type { Kysely } from 'kysely'
import type { SqlDialect } from '../database.ts'

/**
 * Large documents' full states as last served to a fresh joiner (storage/docStore.ts KeptState):
 * kept beside the log so the first person to open such a document after a restart, or on another
 * instance, gets it before the room loads. A cache: a row may lag the log, and losing it loses nothing.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob'
  const bigint = dialect === 'postgres' ? 'bigint' : 'integer'
  await db.schema
    .createTable('doc_kept_states')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('format', 'integer', (c) => c.notNull())
    .addColumn('state_vector', bytes, (c) => c.notNull())
    .addColumn('snapshot', bytes, (c) => c.notNull())
    .addColumn('frame_v2', bytes, (c) => c.notNull())
    .addColumn('preview', bytes)
    .addColumn('updated_at', bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('doc_kept_states_pk', ['workspace_id', 'doc_name'])
    .execute()
}
