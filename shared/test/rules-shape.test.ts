import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionsOf,
  bodiesOf,
  buildAction,
  buildBody,
  checkActionMap,
  planMetaOf,
  readAction,
  readBodyShape,
  validateDocument,
  workspaceContextFrom,
  type NewAction,
} from '../src/index.ts'

/** VAL1 at the Yjs level: entities keep the Yjs types of the layout, so every client can edit them field by field. */
const ctx = workspaceContextFrom(
  [
    { userId: 'u1', role: 'steering', partnerId: 'p1' },
    { userId: 'u2', role: 'editor', partnerId: 'p1' },
  ],
  [{ id: 'p1' }],
)
const planned: NewAction = {
  title: 'Atelier',
  order: 'a0',
  status: 'planned',
  start: '2026-02-01',
  deadline: '2026-03-01',
  accountable: 'u1',
  responsible: ['u2'],
  milestones: { m1: { title: 'Lancement', date: '2026-02-10', done: false, order: 'a0' } },
  resources: { r1: { label: 'Salle', amount: 1, unit: 'unites', partnerId: 'p1' } },
}

function plan(): Y.Doc {
  const doc = new Y.Doc()
  planMetaOf(doc).set('start', '2026-01-01')
  planMetaOf(doc).set('end', '2026-12-31')
  actionsOf(doc).set('a1', buildAction(planned))
  return doc
}

describe('shape of entities in their Yjs documents', () => {
  it('[VAL1] an action built by buildAction passes every rule, read field by field from its Y.Map', () => {
    const map = buildActionIn(planned)
    expect(checkActionMap(map, { workspace: ctx, period: { start: '2026-01-01', end: '2026-12-31' } }, 'actions/a1')).toEqual([])
    expect(readAction(map)).toMatchObject({ title: 'Atelier', responsible: ['u2'], milestones: { m1: { title: 'Lancement' } } })
    expect(validateDocument(plan(), 'plan', ctx)).toEqual([])
  })

  const BROKEN: [string, (a: Y.Map<unknown>) => void, string][] = [
    ['an unknown field', (a) => a.set('hack', 1), 'hack'],
    ['a missing field', (a) => a.delete('status'), 'status'],
    ['a description that is a plain string', (a) => a.set('description', 'plain'), 'description'],
    ['responsible as a plain array', (a) => a.set('responsible', ['u2']), 'responsible'],
    ['a title that is a shared text', (a) => a.set('title', new Y.Text('Atelier')), 'title'],
    ['milestones as a plain object', (a) => a.set('milestones', { m1: {} }), 'milestones'],
    ['a milestone that is a plain object', (a) => (a.get('milestones') as Y.Map<unknown>).set('m2', { title: 'x' }), 'milestones'],
    ['a milestone field that is a shared type', (a) => (a.get('milestones') as Y.Map<Y.Map<unknown>>).get('m1')!.set('title', new Y.Text('x')), 'title'],
    ['an unknown resource field', (a) => (a.get('resources') as Y.Map<Y.Map<unknown>>).get('r1')!.set('note', 'x'), 'note'],
  ]

  it.each(BROKEN)('[VAL1] %s is out of shape', (_label, breakIt, field) => {
    const doc = plan()
    const action = actionsOf(doc).get('a1')!
    breakIt(action)
    const violations = validateDocument(doc, 'plan', ctx)
    // Out-of-shape values fail their field's rule: VAL1 (shape), VAL2 (titles), VAL11 (status), VAL14 (resources).
    expect(
      violations.some((v) => ['VAL1', 'VAL2', 'VAL11', 'VAL14'].includes(v.rule) && v.field === field),
      JSON.stringify(violations),
    ).toBe(true)
  })

  it('[VAL1] only the rules reading the changed fields run: a broken description is not blamed on a title edit', () => {
    const doc = plan()
    const action = actionsOf(doc).get('a1')!
    action.set('description', 'plain')
    const context = { workspace: ctx, period: { start: '2026-01-01', end: '2026-12-31' } }
    expect(checkActionMap(action, context, 'actions/a1', new Set(['title']))).toEqual([])
    expect(checkActionMap(action, context, 'actions/a1', new Set(['description']))).toMatchObject([{ rule: 'VAL1', field: 'description' }])
    action.set('hack', 1)
    expect(checkActionMap(action, context, 'actions/a1', new Set(['hack']))).toMatchObject([{ rule: 'VAL1', field: 'hack' }])
    action.delete('hack')
    expect(checkActionMap(action, context, 'actions/a1', new Set(['hack']))).toEqual([])
  })

  it('[VAL1] an action that is not a map, and a body out of shape, are refused', () => {
    const doc = plan()
    ;(actionsOf(doc) as Y.Map<unknown>).set('a2', 'not a map')
    expect(validateDocument(doc, 'plan', ctx).map((v) => v.rule)).toContain('VAL1')

    const governance = new Y.Doc()
    bodiesOf(governance).set(
      'b1',
      buildBody({
        name: 'COPIL',
        level: 'strategic',
        mandate: '',
        seats: { p1: 1 },
        decisionRule: 'consensus',
        quorum: 1,
        cadence: 'monthly',
        chair: null,
        order: 'a0',
      }),
    )
    expect(validateDocument(governance, 'governance', ctx)).toEqual([])
    bodiesOf(governance).get('b1')!.set('seats', { p1: 1 })
    expect(readBodyShape(bodiesOf(governance).get('b1')!, 'bodies/b1').violations).toMatchObject([{ rule: 'VAL1', field: 'seats' }])
  })

  it('[VAL22] a plan holds only its layout roots', () => {
    const doc = plan()
    doc.getMap('hack').set('x', 1)
    expect(validateDocument(doc, 'plan', ctx).map((v) => v.rule)).toEqual(['VAL22'])
  })
})

function buildActionIn(input: NewAction): Y.Map<unknown> {
  const doc = new Y.Doc()
  actionsOf(doc).set('a1', buildAction(input))
  return actionsOf(doc).get('a1')!
}

describe('rules judged per entry', () => {
  it('[VAL10] [VAL12] an edit inside one milestone judges that milestone only; a date or status change judges them all', () => {
    const doc = new Y.Doc()
    actionsOf(doc).set(
      'a1',
      buildAction({
        ...planned,
        milestones: {
          m1: { title: 'Lancement', date: '2026-02-10', done: false, order: 'a0' },
          m2: { title: 'Bilan', date: '2026-02-20', done: false, order: 'a1' },
        },
      }),
    )
    const action = actionsOf(doc).get('a1')!
    const context = { workspace: ctx, period: { start: '2026-01-01', end: '2026-12-31' } }
    // m2 is made invalid behind the rules' back (as a stale state would be).
    ;(action.get('milestones') as Y.Map<Y.Map<unknown>>).get('m2')!.set('date', '2027-01-01')
    // Ticking m1 is judged on m1 alone: m2 is not blamed on it.
    ;(action.get('milestones') as Y.Map<Y.Map<unknown>>).get('m1')!.set('done', true)
    expect(checkActionMap(action, context, 'actions/a1', ['milestones.done'], { milestones: new Set(['m1']) })).toEqual([])
    // Changing m2's date, or the deadline, judges the dates: m2 is out of range.
    expect(checkActionMap(action, context, 'actions/a1', ['milestones.date'], { milestones: new Set(['m2']) })).toMatchObject([
      { rule: 'VAL10', entity: 'actions/a1/milestones/m2' },
    ])
    expect(checkActionMap(action, context, 'actions/a1', ['deadline'])).toMatchObject([{ rule: 'VAL10', entity: 'actions/a1/milestones/m2' }])
    // A done action with one milestone un-ticked: judged on that milestone.
    action.set('status', 'done')
    action.set('progress', 100)
    expect(checkActionMap(action, context, 'actions/a1', ['milestones.done'], { milestones: new Set(['m1']) })).toEqual([])
    expect(checkActionMap(action, context, 'actions/a1', ['milestones.done'], { milestones: new Set(['m2']) })).toMatchObject([
      { rule: 'VAL12', field: 'milestones' },
    ])
  })
})
