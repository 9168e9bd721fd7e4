import { describe, expect, it } from 'vitest'
import { validateBody, workspaceContextFrom, type BodyLike, type RuleId } from '../src/index.ts'

/** Governance body rules (VAL1, VAL2, VAL15–VAL17) against valid and invalid fixtures. */
const ctx = workspaceContextFrom([{ userId: 'u1', role: 'admin', partnerId: 'p1' }], [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }])

const valid = {
  name: 'Comité de pilotage',
  level: 'strategic',
  mandate: 'Suit le plan d’action.',
  seats: { p1: 2, p2: 1 },
  decisionRule: 'simple_majority',
  quorum: 2,
  cadence: 'monthly',
  chair: 'u1',
  order: 'a0',
} satisfies BodyLike

const violationsOf = (patch: Partial<Record<keyof typeof valid, unknown>>) => validateBody({ ...valid, ...patch }, ctx, 'bodies/b1')

const VALID: [string, Partial<Record<keyof typeof valid, unknown>>][] = [
  ['the base fixture', {}],
  ['quorum = total seats', { quorum: 3 }],
  ['quorum of one', { quorum: 1 }],
  ['no seats and a quorum of 0', { seats: {}, quorum: 0 }],
  ['a partner with zero seats', { seats: { p1: 2, p3: 0 } }],
  ['no chair', { chair: null }],
  ...(['consensus', 'two_thirds', 'unanimity'] as const).map((rule): [string, Partial<Record<keyof typeof valid, unknown>>] => [
    `decision rule ${rule}`,
    { decisionRule: rule },
  ]),
]

const INVALID: [RuleId, string, Partial<Record<keyof typeof valid, unknown>>, string][] = [
  ['VAL1', 'an unknown level', { level: 'global' }, 'level'],
  ['VAL1', 'an unknown cadence', { cadence: 'daily' }, 'cadence'],
  ['VAL1', 'a negative number of seats', { seats: { p1: -1 } }, 'seats'],
  ['VAL1', 'a fractional number of seats', { seats: { p1: 1.5 } }, 'seats'],
  ['VAL1', 'a fractional quorum', { quorum: 1.5 }, 'quorum'],
  ['VAL1', 'an invalid order key', { order: '' }, 'order'],
  ['VAL2', 'an empty name', { name: ' ' }, 'name'],
  ['VAL2', 'a name of 161 characters', { name: 'x'.repeat(161) }, 'name'],
  ['VAL15', 'a quorum above the seats', { quorum: 4 }, 'quorum'],
  ['VAL15', 'a quorum of 0 with seats', { quorum: 0 }, 'quorum'],
  ['VAL15', 'a quorum without seats', { seats: {}, quorum: 1 }, 'quorum'],
  ['VAL16', 'a seat for a partner outside the alliance', { seats: { p1: 2, 'p-gone': 1 } }, 'seats'],
  ['VAL17', 'an unknown decision rule', { decisionRule: 'majority' }, 'decisionRule'],
]

describe('governance body rules', () => {
  it.each(VALID)('[VAL15] [VAL16] [VAL17] a valid body passes: %s', (_label, patch) => {
    expect(violationsOf(patch)).toEqual([])
  })

  it.each(INVALID)('[%s] %s is refused on that field', (rule, _label, patch, field) => {
    const violations = violationsOf(patch)
    expect(violations.find((v) => v.rule === rule)).toMatchObject({ rule, entity: 'bodies/b1', field })
    expect(violations.find((v) => v.rule === rule)!.message.fr).toBeTruthy()
  })
})
