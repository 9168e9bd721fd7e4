import { describe, expect, it } from 'vitest'
import { RULES, validateAction, workspaceContextFrom, type ActionLike, type ActionRuleContext, type RuleId } from '../src/index.ts'

/**
 * Each action rule (VAL1–VAL14) against valid and invalid fixtures: a valid action, then one change
 * at a time that must break exactly the named rule on the named field.
 */
const workspace = workspaceContextFrom(
  [
    { userId: 'u-admin', role: 'admin', partnerId: 'p1' },
    { userId: 'u-steer', role: 'steering', partnerId: 'p1' },
    { userId: 'u-edit', role: 'editor', partnerId: 'p2' },
    { userId: 'u-edit2', role: 'editor', partnerId: 'p2' },
    { userId: 'u-comm', role: 'commenter', partnerId: null },
    { userId: 'u-obs', role: 'observer', partnerId: null },
  ],
  [{ id: 'p1' }, { id: 'p2' }],
)
const ctx: ActionRuleContext = { workspace, period: { start: '2026-01-01', end: '2028-12-31' } }

const milestone = { title: 'Maquette validée', date: '2026-06-12', done: false, order: 'a0' }
const resource = { label: 'Transport des classes', amount: 18000, unit: 'EUR', partnerId: 'p1' }
const valid = {
  title: 'Classes de mer',
  objective: 'Sensibiliser 4 000 élèves',
  description: 'Deux classes par mois.',
  start: '2026-03-01',
  deadline: '2026-12-18',
  status: 'in_progress',
  progress: 35,
  blockedReason: '',
  accountable: 'u-steer',
  responsible: ['u-steer', 'u-edit'],
  consulted: ['u-comm'],
  informed: ['u-obs'],
  milestones: { m1: milestone },
  resources: { r1: resource },
  order: 'a0',
} satisfies ActionLike

const violationsOf = (patch: Partial<Record<keyof typeof valid, unknown>>, context = ctx) => validateAction({ ...valid, ...patch }, context, 'actions/a1')

const VALID: [label: string, patch: Partial<Record<keyof typeof valid, unknown>>][] = [
  ['the base fixture', {}],
  ['the accountable also responsible (by design)', { accountable: 'u-edit', responsible: ['u-edit'] }],
  ['an admin accountable, editors responsible', { accountable: 'u-admin', responsible: ['u-edit', 'u-edit2'] }],
  [
    'a bare proposal: no dates, nobody accountable or responsible',
    { status: 'proposed', start: null, deadline: null, accountable: null, responsible: [], milestones: {} },
  ],
  ['a proposal with only a start', { status: 'proposed', deadline: null, accountable: null, responsible: [] }],
  ['start = deadline', { start: '2026-05-01', deadline: '2026-05-01', milestones: { m1: { ...milestone, date: '2026-05-01' } } }],
  ['dates on the bounds of the period', { start: '2026-01-01', deadline: '2028-12-31' }],
  ['a milestone on the deadline', { milestones: { m1: { ...milestone, date: '2026-12-18' } } }],
  ['done at 100 % with every milestone done', { status: 'done', progress: 100, milestones: { m1: { ...milestone, done: true } } }],
  ['done with no milestone', { status: 'done', progress: 100, milestones: {} }],
  ['blocked with a reason', { status: 'blocked', blockedReason: 'En attente du financement' }],
  ['cancelled', { status: 'cancelled' }],
  ['planned at 0 %', { status: 'planned', progress: 0 }],
  ['a resource of zero', { resources: { r1: { ...resource, amount: 0, unit: 'jours_homme' } } }],
  ['no resource, no consulted, no informed', { resources: {}, consulted: [], informed: [] }],
  ['a title of 200 characters', { title: 'x'.repeat(200) }],
]

const INVALID: [rule: RuleId, label: string, patch: Partial<Record<keyof typeof valid, unknown>>, field: string, entity?: string][] = [
  ['VAL1', 'an objective over 5000 characters', { objective: 'x'.repeat(5001) }, 'objective'],
  ['VAL1', 'a description that is not text', { description: 42 }, 'description'],
  ['VAL1', 'an accountable that is not an id', { accountable: 7 }, 'accountable'],
  ['VAL1', 'responsible that is not a list', { responsible: 'u-edit' }, 'responsible'],
  ['VAL1', 'an invalid order key', { order: 'a' }, 'order'],
  ['VAL1', 'an unknown milestone field', { milestones: { m1: { ...milestone, colour: 'red' } } }, 'colour', 'actions/a1/milestones/m1'],
  ['VAL1', 'a milestone with an invalid date', { milestones: { m1: { ...milestone, date: '2026-02-30' } } }, 'date', 'actions/a1/milestones/m1'],
  ['VAL2', 'an empty title', { title: '' }, 'title'],
  ['VAL2', 'a blank title', { title: '   ' }, 'title'],
  ['VAL2', 'a title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
  ['VAL2', 'a milestone without title', { milestones: { m1: { ...milestone, title: ' ' } } }, 'title', 'actions/a1/milestones/m1'],
  ['VAL3', 'no accountable once planned', { accountable: null }, 'accountable'],
  ['VAL4', 'nobody responsible once planned', { responsible: [] }, 'responsible'],
  ['VAL5', 'an accountable who is not a member', { accountable: 'u-ghost' }, 'accountable'],
  ['VAL5', 'an observer accountable', { accountable: 'u-obs', informed: [] }, 'accountable'],
  ['VAL5', 'a commenter responsible', { responsible: ['u-edit', 'u-comm'], consulted: [] }, 'responsible'],
  ['VAL6', 'a consulted who is not a member', { consulted: ['u-ghost'] }, 'consulted'],
  ['VAL6', 'an informed who is not a member', { informed: ['u-ghost'] }, 'informed'],
  ['VAL7', 'the same responsible twice', { responsible: ['u-edit', 'u-edit'] }, 'responsible'],
  ['VAL7', 'the accountable also consulted', { consulted: ['u-steer'] }, 'consulted'],
  ['VAL7', 'a responsible also informed', { informed: ['u-edit'] }, 'informed'],
  ['VAL7', 'someone both consulted and informed', { consulted: ['u-obs'], informed: ['u-obs'] }, 'informed'],
  ['VAL8', 'a start that does not exist', { start: '2026-02-30' }, 'start'],
  ['VAL8', 'a deadline in another format', { deadline: '18/12/2026' }, 'deadline'],
  ['VAL8', 'no start once planned', { start: null }, 'start'],
  ['VAL8', 'no deadline once planned', { deadline: null }, 'deadline'],
  ['VAL8', 'a deadline before the start', { start: '2026-12-19', milestones: {} }, 'deadline'],
  [
    'VAL8',
    'a proposal whose deadline precedes its start',
    { status: 'proposed', accountable: null, responsible: [], start: '2026-12-19', milestones: {} },
    'deadline',
  ],
  ['VAL9', 'a start before the plan', { start: '2025-12-31', milestones: {} }, 'start'],
  ['VAL9', 'a deadline after the plan', { deadline: '2029-01-01' }, 'deadline'],
  ['VAL10', 'a milestone before the start', { milestones: { m1: { ...milestone, date: '2026-02-28' } } }, 'date', 'actions/a1/milestones/m1'],
  ['VAL10', 'a milestone after the deadline', { milestones: { m1: { ...milestone, date: '2026-12-19' } } }, 'date', 'actions/a1/milestones/m1'],
  ['VAL11', 'an unknown status', { status: 'paused' }, 'status'],
  ['VAL11', 'progress over 100', { progress: 101 }, 'progress'],
  ['VAL11', 'negative progress', { progress: -1 }, 'progress'],
  ['VAL11', 'fractional progress', { progress: 33.3 }, 'progress'],
  ['VAL12', 'done below 100 %', { status: 'done', progress: 90, milestones: { m1: { ...milestone, done: true } } }, 'progress'],
  ['VAL12', 'done with a milestone still open', { status: 'done', progress: 100 }, 'milestones'],
  ['VAL13', 'blocked without a reason', { status: 'blocked' }, 'blockedReason'],
  ['VAL13', 'blocked with a blank reason', { status: 'blocked', blockedReason: '   ' }, 'blockedReason'],
  ['VAL14', 'a negative amount', { resources: { r1: { ...resource, amount: -5 } } }, 'amount', 'actions/a1/resources/r1'],
  ['VAL14', 'an infinite amount', { resources: { r1: { ...resource, amount: Infinity } } }, 'amount', 'actions/a1/resources/r1'],
  ['VAL14', 'an unknown unit', { resources: { r1: { ...resource, unit: 'USD' } } }, 'unit', 'actions/a1/resources/r1'],
  ['VAL14', 'no unit', { resources: { r1: { label: 'Transport', amount: 1, partnerId: 'p1' } } }, 'unit', 'actions/a1/resources/r1'],
  ['VAL14', 'a partner outside the alliance', { resources: { r1: { ...resource, partnerId: 'p-other' } } }, 'partnerId', 'actions/a1/resources/r1'],
  ['VAL14', 'a resource without label', { resources: { r1: { ...resource, label: '' } } }, 'label', 'actions/a1/resources/r1'],
]

describe('action rules', () => {
  it.each(VALID)('[VAL1] [VAL14] a valid action passes every rule: %s', (_label, patch) => {
    expect(violationsOf(patch)).toEqual([])
  })

  it.each(INVALID)('[%s] %s is refused on that field', (rule, _label, patch, field, entity = 'actions/a1') => {
    const violations = violationsOf(patch)
    expect(violations.map((v) => v.rule)).toContain(rule)
    expect(violations.find((v) => v.rule === rule)).toMatchObject({ rule, entity, field })
  })

  it.each(INVALID)('[%s] %s: the message exists in French and English', (rule, _label, patch) => {
    const violation = violationsOf(patch).find((v) => v.rule === rule)!
    expect(violation.message.fr.length).toBeGreaterThan(10)
    expect(violation.message.en.length).toBeGreaterThan(10)
    expect(violation.message.fr).not.toBe(violation.message.en)
    expect(Object.keys(RULES)).toContain(rule)
  })

  it('[VAL3] the accountable rule speaks French first: « Une action doit avoir exactement un responsable final (A) »', () => {
    const [violation] = violationsOf({ accountable: null })
    expect(violation).toEqual({
      rule: 'VAL3',
      entity: 'actions/a1',
      field: 'accountable',
      message: { fr: 'Une action doit avoir exactement un responsable final (A).', en: 'An action must have exactly one accountable member (A).' },
      inputs: ['status', 'accountable'],
    })
  })

  it('[VAL9] without a plan period (or with one bound only) the dates are free on the open side', () => {
    expect(violationsOf({ start: '2020-01-01', milestones: {} }, { workspace })).toEqual([])
    expect(violationsOf({ deadline: '2040-01-01' }, { workspace, period: { start: '2026-01-01', end: null } })).toEqual([])
    expect(violationsOf({ start: '2020-01-01', milestones: {} }, { workspace, period: { start: '2026-01-01' } }).map((v) => v.rule)).toEqual(['VAL9'])
  })

  it('[VAL5] [VAL6] [VAL14] an empty workspace knows nobody: a planned action fails closed', () => {
    const rules = validateAction(valid, { workspace: workspaceContextFrom([], []) }, 'actions/a1').map((v) => v.rule)
    expect(rules).toEqual(expect.arrayContaining(['VAL5', 'VAL6', 'VAL14']))
  })

  it('[VAL1] each violation names what it depends on, so the server blames only the edits that changed it', () => {
    const deps = (patch: Partial<Record<keyof typeof valid, unknown>>, rule: RuleId) =>
      violationsOf(patch).find((v) => v.rule === rule)!.inputs ?? [violationsOf(patch).find((v) => v.rule === rule)!.field]
    expect(deps({ accountable: null }, 'VAL3')).toEqual(['status', 'accountable'])
    expect(deps({ status: 'blocked' }, 'VAL13')).toEqual(['status', 'blockedReason'])
    expect(deps({ milestones: { m1: { ...milestone, date: '2026-01-02' } } }, 'VAL10')).toEqual(['milestones', 'start', 'deadline'])
    expect(deps({ deadline: '2029-01-01' }, 'VAL9')).toEqual(['deadline', '@period'])
  })
})
