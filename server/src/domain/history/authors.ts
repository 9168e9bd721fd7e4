import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'

export interface Author {
  name: string
  /** The partner the author belongs to now, if any ("Claire (Ville de Lille)"). */
  partnerName: string | null
}

/** Names (and partners) of the users who wrote log rows; people who left keep their name. */
export async function loadAuthors(db: Kysely<Database>, workspaceId: string, userIds: Iterable<string | null>): Promise<Map<string, Author>> {
  const ids = [...new Set([...userIds].filter((id): id is string => id !== null))]
  const out = new Map<string, Author>()
  if (ids.length === 0) return out
  const users = await db.selectFrom('user').select(['id', 'name']).where('id', 'in', ids).execute()
  const partners = await db
    .selectFrom('member')
    .innerJoin('partner', 'partner.id', 'member.partner_id')
    .select(['member.user_id', 'partner.name'])
    .where('member.workspace_id', '=', workspaceId)
    .where('member.user_id', 'in', ids)
    .execute()
  const partnerOf = new Map(partners.map((p) => [p.user_id, p.name]))
  for (const user of users) out.set(user.id, { name: user.name, partnerName: partnerOf.get(user.id) ?? null })
  return out
}

/** "Claire (Ville de Lille)", "Claire", or the server's own label. */
export function authorLabel(author: Author | undefined, locale: 'fr' | 'en'): string {
  if (!author) return locale === 'fr' ? 'Ensemble (serveur)' : 'Ensemble (server)'
  return author.partnerName ? `${author.name} (${author.partnerName})` : author.name
}
