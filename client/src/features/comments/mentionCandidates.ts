import type { Member, Partner } from '@ensemble/shared'

/** Someone (or a partner, reaching its members) the composer can mention. */
export interface MentionCandidate {
  kind: 'user' | 'partner'
  id: string
  label: string
  /** The member's partner, or the partner's member count. */
  detail: string | null
  memberCount: number
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

/** The `@query` being typed just before the caret, with where it starts; null when not in a mention. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[\s(])@([^\s@[\]()]{0,40})$/u.exec(text.slice(0, caret))
  if (!match) return null
  return { start: caret - match[1]!.length - 1, query: match[1]! }
}

export function mentionCandidates(members: readonly Member[], partners: readonly Partner[]): MentionCandidate[] {
  const partnerName = new Map(partners.map((p) => [p.id, p.name]))
  return [
    ...members.map((m) => ({
      kind: 'user' as const,
      id: m.userId,
      label: m.name,
      detail: m.partnerId ? (partnerName.get(m.partnerId) ?? null) : null,
      memberCount: 0,
    })),
    ...partners.map((p) => ({
      kind: 'partner' as const,
      id: p.id,
      label: p.name,
      detail: null,
      memberCount: members.filter((m) => m.partnerId === p.id).length,
    })),
  ]
}

/**
 * Candidates matching the query, accents and case ignored: a word of the name (or of the member's
 * partner) starting with it comes first, then names merely containing it.
 */
export function filterCandidates(candidates: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = fold(query)
  if (!q) return candidates.slice(0, limit)
  const rank = (c: MentionCandidate): number => {
    const words = fold(`${c.label} ${c.detail ?? ''}`).split(/[\s'’-]+/)
    if (fold(c.label).startsWith(q)) return 0
    if (words.some((w) => w.startsWith(q))) return 1
    return fold(`${c.label} ${c.detail ?? ''}`).includes(q) ? 2 : -1
  }
  return candidates
    .map((c) => ({ c, r: rank(c) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .slice(0, limit)
    .map((x) => x.c)
}
