import { describe, expect, it } from 'vitest'
import { missingSmartLetters, type SmartIndicator, type SmartLetter, type SmartObjective } from '../src/index.ts'

/**
 * OBJ5: which SMART letters an operational objective still misses, scenario by scenario, each
 * written out with its expected answer. The plan runs 2026-01-01 → 2028-12-31; `s1` is strategic.
 */
const PERIOD = { start: '2026-01-01', end: '2028-12-31' }
const SMART: SmartObjective = { statement: 'Accueillir 40 classes de mer par an', resources: '2 animateurs, 1 car', parentId: 's1', targetDate: '2027-06-30' }
const MEASURE: SmartIndicator = { unit: 'classes', baseline: 10, target: 40 }

const CASES: [label: string, objective: SmartObjective, indicators: SmartIndicator[], missing: SmartLetter[]][] = [
  ['every letter holds', SMART, [MEASURE], []],
  ['no statement: S', { ...SMART, statement: '' }, [MEASURE], ['S']],
  ['a blank statement: S', { ...SMART, statement: '   ' }, [MEASURE], ['S']],
  ['no indicator: M', SMART, [], ['M']],
  ['an indicator without a unit: M', SMART, [{ ...MEASURE, unit: '' }], ['M']],
  ['an indicator without a baseline: M', SMART, [{ ...MEASURE, baseline: null }], ['M']],
  ['an indicator without a target: M', SMART, [{ ...MEASURE, target: null }], ['M']],
  ['a target that is not a number: M', SMART, [{ ...MEASURE, target: '40' }], ['M']],
  ['one measuring indicator among incomplete ones is enough', SMART, [{ unit: '' }, MEASURE], []],
  ['no resources: A', { ...SMART, resources: '' }, [MEASURE], ['A']],
  ['no parent: R', { ...SMART, parentId: null }, [MEASURE], ['R']],
  ['an operational parent: R', { ...SMART, parentId: 'o2' }, [MEASURE], ['R']],
  ['a parent that does not exist: R', { ...SMART, parentId: 'ghost' }, [MEASURE], ['R']],
  ['no target date: T', { ...SMART, targetDate: null }, [MEASURE], ['T']],
  ['a target date after the plan: T', { ...SMART, targetDate: '2029-01-01' }, [MEASURE], ['T']],
  ['a target date before the plan: T', { ...SMART, targetDate: '2025-12-31' }, [MEASURE], ['T']],
  ['a target date on the plan’s last day', { ...SMART, targetDate: '2028-12-31' }, [MEASURE], []],
  ['a date that does not exist: T', { ...SMART, targetDate: '2027-02-30' }, [MEASURE], ['T']],
  ['an empty draft misses everything, in order', {}, [], ['S', 'M', 'A', 'R', 'T']],
]

describe('[OBJ5] SMART letters of an operational objective', () => {
  it.each(CASES)('[OBJ5] %s', (_label, objective, indicators, missing) => {
    expect(missingSmartLetters(objective, { period: PERIOD, isStrategic: (id) => id === 's1', indicators })).toEqual(missing)
  })

  it('[OBJ5] an open period bound accepts any date on that side', () => {
    expect(
      missingSmartLetters(
        { ...SMART, targetDate: '2040-01-01' },
        { period: { start: '2026-01-01', end: null }, isStrategic: () => true, indicators: [MEASURE] },
      ),
    ).toEqual([])
  })
})
