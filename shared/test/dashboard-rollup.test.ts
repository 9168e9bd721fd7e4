import { describe, expect, it } from 'vitest'
import { rollUpObjectives, type ActionObjectiveRow, type ObjectiveRollUp } from '../src/index.ts'

/** DASH5: an operational objective's progress from its actions' progress and status, each scenario written out. */
const row = (progress: number, status: ActionObjectiveRow['status'], objectiveId = 'o1'): ActionObjectiveRow => ({ objectiveId, progress, status })
const r = (actions: number, progress: number | null, extra: Partial<ObjectiveRollUp> = {}): ObjectiveRollUp => ({
  actions,
  done: 0,
  blocked: 0,
  cancelled: 0,
  progress,
  ...extra,
})

const CASES: [label: string, rows: ActionObjectiveRow[], expected: Record<string, ObjectiveRollUp>][] = [
  ['no action: no entry', [], {}],
  ['one action at 40 %', [row(40, 'in_progress')], { o1: r(1, 40) }],
  ['the mean of its actions', [row(0, 'planned'), row(50, 'in_progress'), row(100, 'in_progress')], { o1: r(3, 50) }],
  ['rounded to the unit', [row(0, 'planned'), row(0, 'planned'), row(100, 'in_progress')], { o1: r(3, 33) }],
  ['a done action counts as 100 % whatever its progress', [row(20, 'done'), row(0, 'planned')], { o1: r(2, 50, { done: 1 }) }],
  ['a cancelled action does not count', [row(0, 'cancelled'), row(80, 'in_progress')], { o1: r(2, 80, { cancelled: 1 }) }],
  ['only cancelled actions: no progress', [row(60, 'cancelled')], { o1: r(1, null, { cancelled: 1 }) }],
  ['a blocked action counts with its progress and is counted as blocked', [row(30, 'blocked'), row(70, 'in_progress')], { o1: r(2, 50, { blocked: 1 }) }],
  ['an out-of-range progress is held within 0–100', [row(250, 'in_progress'), row(-10, 'planned')], { o1: r(2, 50) }],
  [
    'each objective on its own',
    [row(100, 'done', 'o1'), row(10, 'proposed', 'o2'), row(30, 'in_progress', 'o2')],
    { o1: r(1, 100, { done: 1 }), o2: r(2, 20) },
  ],
]

describe('DASH5 roll-up from actions to operational objectives', () => {
  it.each(CASES)('DASH5 %s', (_label, rows, expected) => {
    expect(Object.fromEntries(rollUpObjectives(rows))).toEqual(expected)
  })
})
