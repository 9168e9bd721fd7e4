import type { SignoffRoundView } from '@ensemble/shared'
import type { DocumentJson } from '../history/documentJson.ts'
import type { VersionView } from '../history/versionView.ts'
import type { AuditHead } from './head.ts'

/**
 * What an adopted document's export shows: the text, who approved it for each partner, its hash.
 * The text and title are read on the document thread that lays the export out (history/jobs.ts).
 */
export interface AdoptedRecord {
  round: SignoffRoundView
  version: VersionView
  document: DocumentJson
  title: string
  /** The workspace's last audit entry when exported: `audit:verify --head` checks it later (SIGN12, AUDIT4). */
  auditHead: AuditHead | null
}

/** A document's title from its meta, or its name when untitled. */
export const titleOf = (meta: unknown, docName: string): string => {
  const title = (meta as { title?: unknown } | undefined)?.title
  return typeof title === 'string' && title ? title : docName
}
