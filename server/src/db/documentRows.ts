import type { Kysely, Selectable, SelectQueryBuilder, Transaction } from 'kysely'
import type { Database } from './schema.ts'

/** Tables whose rows belong to one document of a workspace (named versions, sign-off rounds). */
export type DocumentTable = 'document_version' | 'signoff_round'

/** Every row of `table` about one document, as a query to refine (status, order, id…). */
export function documentRows<T extends DocumentTable>(
  db: Kysely<Database> | Transaction<Database>,
  table: T,
  workspaceId: string,
  docName: string,
): SelectQueryBuilder<Database, T, Selectable<Database[T]>> {
  const query = db
    .selectFrom(table as DocumentTable)
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('doc_name', '=', docName)
  // Built on the union of the tables (Kysely cannot resolve columns of a generic table); typed back to `T`'s rows.
  return query as unknown as SelectQueryBuilder<Database, T, Selectable<Database[T]>>
}
