import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionsOf,
  buildAction,
  checkActionMap,
  entryInput,
  quickDatesValid,
  quickFieldValid,
  quickMilestoneValid,
  quickPeopleValid,
  workspaceContextFrom,
  type ActionStatus,
} from '../src/index.ts'

/**
 * The quick acceptances the server tries first are sufficient conditions: whenever one says "valid",
 * the rules that read what the edit changed find nothing. Checked on thousands of random actions
 * and edits, valid and invalid.
 */
const workspace = workspaceContextFrom(
  [
    { userId: 's', role: 'steering', partnerId: 'p1' },
    { userId: 'e1', role: 'editor', partnerId: 'p1' },
    { userId: 'e2', role: 'editor', partnerId: 'p1' },
    { userId: 'c', role: 'commenter', partnerId: null },
    { userId: 'o', role: 'observer', partnerId: null },
  ],
  [{ id: 'p1' }],
)
const PEOPLE = ['s', 'e1', 'e2', 'c', 'o', 'ghost']
const DATES = ['2026-01-01', '2026-03-01', '2026-06-01', '2026-09-30', '2026-12-31', '2027-06-01', '2025-12-31', '2026-02-30', null]
const STATUSES: ActionStatus[] = ['proposed', 'planned', 'in_progress', 'blocked', 'done', 'cancelled']
const period = { start: '2026-01-01', end: '2026-12-31' }

let seed = 11
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const some = (items: readonly string[]) => items.filter(() => random() < 0.3)

function randomAction(): Y.Map<unknown> {
  const doc = new Y.Doc()
  actionsOf(doc).set(
    'a1',
    buildAction({
      title: pick(['Atelier', '', 'x'.repeat(201)]),
      order: 'a0',
      status: pick(STATUSES),
      progress: pick([0, 50, 100]),
      start: pick(DATES),
      deadline: pick(DATES),
      accountable: pick([...PEOPLE, null]),
      responsible: some(PEOPLE),
      consulted: some(PEOPLE),
      informed: some(PEOPLE),
      milestones: Object.fromEntries(
        ['m1', 'm2']
          .filter(() => random() < 0.7)
          .map((id) => [id, { title: pick(['Étape', '']), date: pick(DATES) ?? '2026-05-01', done: random() < 0.5, order: 'a0' }]),
      ),
    }),
  )
  return actionsOf(doc).get('a1')!
}

describe('quick acceptance', () => {
  it('[VAL8] [VAL9] [VAL10] [VAL1] [VAL2] [VAL4] [VAL5] [VAL6] [VAL7] [VAL11] [VAL12] what a quick check accepts, the rules accept', () => {
    const context = { workspace, period }
    let accepted = 0
    for (let i = 0; i < 4000; i++) {
      const action = randomAction()
      const kind = pick(['dates', 'milestone', 'people', 'field'] as const)
      if (kind === 'dates') {
        const field = pick(['start', 'deadline'] as const)
        action.set(field, pick(DATES))
        if (quickDatesValid(action, period)) {
          accepted++
          expect(checkActionMap(action, context, 'actions/a1', [field])).toEqual([])
        }
      } else if (kind === 'milestone') {
        const milestones = action.get('milestones') as Y.Map<Y.Map<unknown>>
        const id = pick([...milestones.keys(), 'm1'])
        const entry = milestones.get(id)
        if (!entry) continue
        const key = pick(['done', 'date', 'title'] as const)
        entry.set(key, key === 'done' ? random() < 0.5 : key === 'date' ? (pick(DATES) ?? 'x') : pick(['Jalon', ' ']))
        if (quickMilestoneValid(action, entry, [key])) {
          accepted++
          expect(checkActionMap(action, context, 'actions/a1', [entryInput('milestones', key)], { milestones: new Set([id]) })).toEqual([])
        }
      } else if (kind === 'people') {
        const field = pick(['responsible', 'consulted', 'informed'] as const)
        const list = action.get(field) as Y.Array<string>
        if (list.length > 0 && random() < 0.4) list.delete(0, 1)
        else list.push([pick(PEOPLE)])
        if (quickPeopleValid(action, workspace)) {
          accepted++
          expect(checkActionMap(action, context, 'actions/a1', [field])).toEqual([])
        }
      } else {
        const field = pick(['title', 'progress', 'description', 'objective'] as const)
        if (field === 'title') action.set('title', pick(['Titre', '', '  ', 'x'.repeat(201)]))
        else if (field === 'progress') action.set('progress', pick([0, 40, 100, 101, -1, 2.5]))
        else if (field === 'objective') action.set('objective', pick(['Objectif', 'x'.repeat(5001)]))
        else (action.get('description') as Y.Text).insert(0, pick(['x', 'x'.repeat(5001)]))
        if (quickFieldValid(action, field)) {
          accepted++
          expect(checkActionMap(action, context, 'actions/a1', [field])).toEqual([])
        }
      }
    }
    // The generator produces enough valid edits for the property to mean something.
    expect(accepted).toBeGreaterThan(500)
  })
})
