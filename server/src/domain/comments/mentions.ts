import { parseMentions } from '@ensemble/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { validationFailed } from '../../errors.ts'

type Db = Kysely<Database> | Transaction<Database>

/** More distinct mention tokens than this in one message is refused. */
export const MAX_MENTION_TOKENS = 50

/**
 * The user ids a body's mention tokens reach, resolved by the server against the workspace itself:
 * a `user:` token must name a member, a `partner:` token a partner of this workspace (it reaches that
 * partner's members). Anything else is a 422 on `body` — client-sent ids are never trusted as such.
 */
export async function resolveMentions(db: Db, workspaceId: string, body: string): Promise<string[]> {
  const tokens = parseMentions(body)
  if (!tokens.length) return []
  const userIds = [...new Set(tokens.filter((t) => t.kind === 'user').map((t) => t.id))]
  const partnerIds = [...new Set(tokens.filter((t) => t.kind === 'partner').map((t) => t.id))]
  if (userIds.length + partnerIds.length > MAX_MENTION_TOKENS)
    throw validationFailed(`At most ${MAX_MENTION_TOKENS} mentions per message.`, 'body', 'too_many_mentions')

  const members = await db.selectFrom('member').select(['user_id', 'partner_id']).where('workspace_id', '=', workspaceId).execute()
  const memberIds = new Set(members.map((m) => m.user_id))
  for (const id of userIds) {
    if (!memberIds.has(id)) {
      const label = tokens.find((t) => t.kind === 'user' && t.id === id)!.label
      throw validationFailed(`@${label} is not a member of this alliance.`, 'body', 'mention_unknown')
    }
  }
  if (partnerIds.length) {
    const partners = await db.selectFrom('partner').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', partnerIds).execute()
    const known = new Set(partners.map((p) => p.id))
    for (const id of partnerIds) {
      if (!known.has(id)) {
        const label = tokens.find((t) => t.kind === 'partner' && t.id === id)!.label
        throw validationFailed(`@${label} is not a partner of this alliance.`, 'body', 'mention_unknown')
      }
    }
  }
  const reached = new Set(userIds)
  for (const m of members) if (m.partner_id && partnerIds.includes(m.partner_id)) reached.add(m.user_id)
  return [...reached]
}
