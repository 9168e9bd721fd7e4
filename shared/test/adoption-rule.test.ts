import { describe, expect, it } from 'vitest'
import { adoptionOutcome, adoptionRuleFor, approvalsNeeded, validateDocumentMeta, type AdoptionRule, type PartnerAnswer } from '../src/index.ts'

type Vote = PartnerAnswer['vote']
const PARTNERS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']

/** `votes` for the first partners, in order; the others have not answered. */
const answers = (votes: Vote[]): PartnerAnswer[] => votes.map((vote, i) => ({ partnerId: PARTNERS[i]!, vote }))

const A = 'approve' as const
const B = 'abstain' as const
const O = 'object' as const
const _ = null

// rule, partners, answers → adopted, blocked (cannot be met without someone changing their answer)
const SCENARIOS: [AdoptionRule, number, Vote[], boolean, boolean][] = [
  // unanimity: every partner approves; an abstention or an objection blocks
  ['unanimity', 3, [A, A, A], true, false],
  ['unanimity', 3, [A, A, _], false, false],
  ['unanimity', 3, [A, A, B], false, true],
  ['unanimity', 3, [A, A, O], false, true],
  ['unanimity', 1, [A], true, false],
  // consensus: everyone answers, nobody objects, abstentions do not block, one approval at least
  ['consensus', 3, [A, B, B], true, false],
  ['consensus', 3, [A, A, A], true, false],
  ['consensus', 3, [A, B, _], false, false],
  ['consensus', 3, [A, A, O], false, true],
  ['consensus', 3, [B, B, B], false, true],
  // two thirds of the partners approve (rounded up); objections and abstentions are just not approvals
  ['two_thirds', 3, [A, A, O], true, false],
  ['two_thirds', 3, [A, B, _], false, false],
  ['two_thirds', 3, [A, B, O], false, true],
  ['two_thirds', 6, [A, A, A, O, O, _], false, false],
  ['two_thirds', 6, [A, A, A, A, O, O], true, false],
  ['two_thirds', 4, [A, A, O, _], false, false],
  ['two_thirds', 4, [A, A, A, O], true, false],
  // majority: more than half of the partners approve
  ['majority', 4, [A, A, O, O], false, true],
  ['majority', 4, [A, A, A, _], true, false],
  ['majority', 5, [A, A, A, O, O], true, false],
  ['majority', 5, [A, A, B, B, _], false, false],
  ['majority', 5, [A, B, B, O, _], false, true],
  ['majority', 2, [A, _], false, false],
]

describe('adoption rule of a sign-off round', () => {
  it.each(SCENARIOS)('[SIGN9] %s of %i partners, answers %j: adopted %s, blocked %s', (rule, partners, votes, adopted, blocked) => {
    const outcome = adoptionOutcome(rule, answers(votes), PARTNERS.slice(0, partners))
    expect({ adopted: outcome.adopted, blocked: outcome.blocked }).toEqual({ adopted, blocked })
    expect(outcome.approvals + outcome.abstentions + outcome.objections + outcome.pending).toBe(partners)
    expect(outcome.rule).toBe(rule)
    // The explanation names the state in both languages.
    expect(outcome.explanation.fr).toMatch(adopted ? /^Adopté/ : /^Pas encore adopté/)
    expect(outcome.explanation.en).toMatch(adopted ? /^Adopted/ : /^Not adopted yet/)
  })

  it('[SIGN9] approvals needed per rule', () => {
    expect([3, 4, 5, 6].map((n) => approvalsNeeded('unanimity', n))).toEqual([3, 4, 5, 6])
    expect([3, 4, 5, 6].map((n) => approvalsNeeded('two_thirds', n))).toEqual([2, 3, 4, 4])
    expect([3, 4, 5, 6].map((n) => approvalsNeeded('majority', n))).toEqual([2, 3, 3, 4])
    expect([3, 4, 5, 6].map((n) => approvalsNeeded('consensus', n))).toEqual([1, 1, 1, 1])
  })

  it('[SIGN9] answers of partners that left the alliance do not count; no partner adopts nothing', () => {
    const outcome = adoptionOutcome('majority', [{ partnerId: 'gone', vote: 'approve' }, ...answers([A])], ['p1', 'p2'])
    expect(outcome).toMatchObject({ approvals: 1, pending: 1, adopted: false, needed: 2 })
    expect(adoptionOutcome('consensus', [], [])).toMatchObject({ adopted: false, blocked: true })
  })

  it('[SIGN9] the same answers adopt under one rule and not under another', () => {
    const votes = answers([A, A, B])
    const partners = PARTNERS.slice(0, 3)
    expect(adoptionOutcome('unanimity', votes, partners).adopted).toBe(false)
    expect(adoptionOutcome('consensus', votes, partners).adopted).toBe(true)
    expect(adoptionOutcome('two_thirds', votes, partners).adopted).toBe(true)
    expect(adoptionOutcome('unanimity', votes, partners).explanation.en).toContain('an abstention or an objection blocks')
  })

  it('[SIGN9] the charter’s setting: a rule per document kind, unanimity when unset or unreadable, held by the charter alone', () => {
    expect(adoptionRuleFor({ agreement: 'two_thirds' }, 'agreement')).toBe('two_thirds')
    expect(adoptionRuleFor({ agreement: 'two_thirds' }, 'convention')).toBe('unanimity')
    expect(adoptionRuleFor(undefined, 'agreement')).toBe('unanimity')
    expect(adoptionRuleFor({ agreement: 'loudest' }, 'agreement')).toBe('unanimity')
    expect(validateDocumentMeta({ adoptionRules: { agreement: 'majority', charter: 'two_thirds' } }, 'meta', 'charter')).toEqual([])
    expect(validateDocumentMeta({ adoptionRules: { agreement: 'loudest' } }, 'meta', 'charter').map((v) => v.field)).toEqual(['adoptionRules'])
    expect(validateDocumentMeta({ adoptionRules: { plan: 'majority' } }, 'meta', 'charter').map((v) => v.field)).toEqual(['adoptionRules'])
    expect(validateDocumentMeta({ adoptionRules: { agreement: 'majority' } }, 'meta', 'agreement').map((v) => v.field)).toEqual(['adoptionRules'])
  })
})
