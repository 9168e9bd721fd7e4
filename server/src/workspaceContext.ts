import { minutesDocName, type Role, type WorkspaceContext } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from './db/schema.ts'

/**
 * Reads what the live-edit rules check documents against (shared/src/rules): the workspace's
 * members with their role and partner, its partner ids and its approved minutes. SQL is the source of truth for both;
 * the collaboration core caches the result per workspace and calls this again when a member or a
 * partner changes (`collab.membershipChanged`, `collab.workspaceChanged`).
 */
export function createLoadWorkspaceContext(db: Kysely<Database>) {
  return async (workspaceId: string): Promise<WorkspaceContext> => {
    const [members, partners, approvedMinutes] = await Promise.all([
      db.selectFrom('member').select(['user_id', 'role', 'partner_id']).where('workspace_id', '=', workspaceId).execute(),
      db.selectFrom('partner').select('id').where('workspace_id', '=', workspaceId).execute(),
      db.selectFrom('meeting').select('id').where('workspace_id', '=', workspaceId).where('minutes_status', 'in', ['approved', 'locked']).execute(),
    ])
    return {
      members: new Map(members.map((m) => [m.user_id, { role: m.role as Role, partnerId: m.partner_id }])),
      partners: new Set(partners.map((p) => p.id)),
      lockedDocs: new Set(approvedMinutes.map((m) => minutesDocName(m.id))),
    }
  }
}
