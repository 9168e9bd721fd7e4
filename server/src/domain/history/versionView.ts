import type { Selectable } from 'kysely'
import type { DocumentVersionTable } from '../../db/schema.ts'

/** A named version of a document, as the API shows it (and the sign-off export prints it). */
export interface VersionView {
  id: string
  docName: string
  name: string
  rowId: number
  contentHash: string
  createdBy: string
  createdAt: string
}

/** The view of a `document_version` row. */
export const versionView = (row: Selectable<DocumentVersionTable>): VersionView => ({
  id: row.id,
  docName: row.doc_name,
  name: row.name,
  rowId: Number(row.log_id),
  contentHash: row.content_hash,
  createdBy: row.created_by,
  createdAt: row.created_at,
})
