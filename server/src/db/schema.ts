import type { Generated } from 'kysely'

/**
 * Ensemble's own relational tables (better-auth owns `user`, `session`, `account`, `verification`).
 * Timestamps of relational rows are ISO strings (portable across SQLite and PostgreSQL); the update
 * log uses epoch milliseconds because it is written on the hot path.
 */
export interface WorkspaceTable {
  id: string
  name: string
  created_by: string
  created_at: string
}

export interface PartnerTable {
  id: string
  workspace_id: string
  name: string
  type: string
  /** User id of the member who signs off for this partner (one per partner by construction). */
  representative_id: string | null
  created_at: string
}

export interface MemberTable {
  workspace_id: string
  user_id: string
  role: string
  partner_id: string | null
  created_at: string
}

export interface InvitationTable {
  id: string
  workspace_id: string
  email: string
  role: string
  partner_id: string | null
  representative: number
  invited_by: string
  created_at: string
}

export interface DocUpdateTable {
  id: Generated<number>
  workspace_id: string
  doc_name: string
  data: Uint8Array
  author_id: string | null
  created_at: number
}

export interface DocSnapshotTable {
  workspace_id: string
  doc_name: string
  data: Uint8Array
  last_update_id: number
  updated_at: number
}

/** The subset of better-auth's user table Ensemble reads. */
export interface UserTable {
  id: string
  name: string
  email: string
  locale: string | null
}

export interface Database {
  workspace: WorkspaceTable
  partner: PartnerTable
  member: MemberTable
  invitation: InvitationTable
  doc_updates: DocUpdateTable
  doc_snapshots: DocSnapshotTable
  user: UserTable
}
