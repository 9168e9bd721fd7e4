import type { DocAccess } from './docAccess.ts'

/** What meetings need beyond SQL: the live documents, and a way to make the edit rules re-read SQL. */
export interface GovernanceDeps {
  docs: DocAccess
  /** Re-reads what the rules check edits against (e.g. approved minutes), on every instance; resolves once it applies here. */
  rulesChanged(workspaceId: string): Promise<void>
}
