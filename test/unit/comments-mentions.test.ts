import { type Member, mentionToken, type Partner, parseMentions, renderMarkdownLight } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { filterCandidates, mentionCandidates, mentionQueryAt } from '../../client/src/features/comments/mentionCandidates.ts'

const partners: Partner[] = [
  { id: 'p-estran', name: 'Association Estran', type: 'association', family: 'pairs', representativeId: null },
  { id: 'p-ville', name: 'Ville de Brest', type: 'collectivite_territoriale', family: 'acteurs_publics', representativeId: null },
]
const member = (userId: string, name: string, partnerId: string | null): Member =>
  ({ userId, name, email: `${userId}@example.org`, role: 'editor', partnerId, representative: false, color: '#000' }) as Member
const members = [member('u-claire', 'Claire Admin', null), member('u-bruno', 'Bruno Éditeur', 'p-estran'), member('u-elise', 'Élise Martin', 'p-ville')]

describe('mention autocomplete (pure part of the composer)', () => {
  it('[COMM12] finds the @query being typed just before the caret, and nothing elsewhere', () => {
    expect(mentionQueryAt('Avis de @cla', 12)).toEqual({ start: 8, query: 'cla' })
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryAt('(@Bru', 5)).toEqual({ start: 1, query: 'Bru' })
    // An e-mail address, a finished mention or text after a space is not a mention being typed.
    expect(mentionQueryAt('ecrire a claire@exemple.org', 27)).toBeNull()
    expect(mentionQueryAt('@Claire merci', 13)).toBeNull()
    expect(mentionQueryAt('@[Claire Admin](user:u-claire) ', 31)).toBeNull()
  })

  it('[COMM12] offers members (with their partner) and partners, matched on name or partner, accents and case ignored', () => {
    const all = mentionCandidates(members, partners)
    expect(all.find((c) => c.id === 'u-bruno')).toMatchObject({ kind: 'user', label: 'Bruno Éditeur', detail: 'Association Estran' })
    expect(all.find((c) => c.id === 'p-estran')).toMatchObject({ kind: 'partner', label: 'Association Estran', memberCount: 1 })
    expect(filterCandidates(all, 'cla').map((c) => c.id)).toEqual(['u-claire'])
    expect(filterCandidates(all, 'elise').map((c) => c.id)).toEqual(['u-elise'])
    expect(filterCandidates(all, 'EDIT').map((c) => c.id)).toEqual(['u-bruno'])
    // A partner's name offers its members and the partner itself.
    expect(filterCandidates(all, 'estran').map((c) => c.id)).toEqual(['u-bruno', 'p-estran'])
    expect(filterCandidates(all, '').length).toBe(5)
    expect(filterCandidates(all, 'zzz')).toEqual([])
  })

  it('[COMM12] the inserted token is the syntax the server resolves, rendered as a mention', () => {
    const body = `Avis de ${mentionToken('user', 'u-claire', 'Claire Admin')} et ${mentionToken('partner', 'p-estran', 'Association [Estran]')}`
    expect(parseMentions(body)).toEqual([
      { kind: 'user', id: 'u-claire', label: 'Claire Admin' },
      { kind: 'partner', id: 'p-estran', label: 'Association Estran' },
    ])
    expect(renderMarkdownLight(body)).toContain('<span class="mention" data-mention="user" data-id="u-claire">@Claire Admin</span>')
  })
})
