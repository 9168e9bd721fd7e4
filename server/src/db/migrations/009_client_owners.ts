import { sql, type Kysely } from 'kysely'
import * as Y from 'yjs'
import { SERVER_CLIENT_OWNER } from '../../storage/docStore.ts'
import type { SqlDialect } from '../database.ts'

/** Log rows read at a time while the owners of existing documents are worked out. */
const BATCH_ROWS = 500

/**
 * Who owns each Yjs client id of a document (DESIGN §5, HOST1): the person whose changes first used
 * it. For documents written before this table existed, the owner of an id is the author of the first
 * log row that holds changes under it (rows are never deleted, so the whole history is there); rows
 * the server wrote (no author) give their ids to the server.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  await db.schema
    .createTable('doc_client_owners')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    // Yjs client ids are unsigned 32-bit integers: beyond PostgreSQL's `integer`.
    .addColumn('client_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('doc_client_owners_pk', ['workspace_id', 'doc_name', 'client_id'])
    .execute()

  const owned = new Set<string>()
  for (let after = 0; ; ) {
    const { rows } = await sql<{ id: number | string; workspace_id: string; doc_name: string; data: Uint8Array; author_id: string | null }>`
      SELECT id, workspace_id, doc_name, data, author_id FROM doc_updates WHERE id > ${after} ORDER BY id LIMIT ${BATCH_ROWS}`.execute(db)
    if (rows.length === 0) return
    for (const row of rows) {
      for (const clientId of clientsOf(row.data)) {
        const id = `${row.workspace_id}\n${row.doc_name}\n${clientId}`
        if (owned.has(id)) continue
        owned.add(id)
        await sql`INSERT INTO doc_client_owners (workspace_id, doc_name, client_id, owner_id)
          VALUES (${row.workspace_id}, ${row.doc_name}, ${clientId}, ${row.author_id ?? SERVER_CLIENT_OWNER}) ON CONFLICT DO NOTHING`.execute(db)
      }
    }
    after = Number(rows.at(-1)!.id)
  }
}

/** The client ids a stored update holds structs of (none for a row that cannot be read: it loads nowhere either). */
function clientsOf(update: Uint8Array): number[] {
  try {
    return [...Y.parseUpdateMeta(update).from.keys()]
  } catch {
    return []
  }
}
