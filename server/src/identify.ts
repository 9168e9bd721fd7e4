import { colorForId, type Locale } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { ConnectionIdentity } from './collab/socket.ts'
import type { Database } from './db/schema.ts'

/**
 * Resolves who a websocket belongs to, from SQL (the source of truth for membership and roles).
 * Null when the user is not (or no longer) a member of the workspace.
 */
export function createIdentify(db: Kysely<Database>) {
  return async (workspaceId: string, userId: string, docName: string): Promise<ConnectionIdentity | null> => {
    const row = await db
      .selectFrom('member')
      .innerJoin('user', 'user.id', 'member.user_id')
      .leftJoin('partner', 'partner.id', 'member.partner_id')
      .select(['member.role', 'member.partner_id', 'user.name', 'user.locale', 'partner.name as partner_name'])
      .where('member.workspace_id', '=', workspaceId)
      .where('member.user_id', '=', userId)
      .executeTakeFirst()
    if (!row) return null
    return {
      workspaceId,
      docName,
      userId,
      name: row.name,
      color: colorForId(userId),
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      role: row.role as ConnectionIdentity['role'],
      locale: (row.locale === 'en' ? 'en' : 'fr') as Locale,
    }
  }
}
