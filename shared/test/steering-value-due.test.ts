import { describe, expect, it } from 'vitest'
import { addMonths, objectiveTrackStatus, type IndicatorValue, type ScheduledIndicator, type TrackStatus, type ValueDue, valueDue } from '../src/index.ts'

/**
 * When an indicator waits for a value (issue 18 items 6–7): collection dates from the plan's start
 * (2026-01-01) every period of its frequency; each scenario written out with its expected answer.
 */
const START = '2026-01-01'
const value = (date: string, extra: Partial<IndicatorValue> = {}): IndicatorValue => ({
  value: 1,
  date,
  comment: '',
  by: 'u1',
  at: Date.parse(`${date}T12:00:00Z`),
  ...extra,
})
const quarterly = (values: Record<string, IndicatorValue> = {}, targetDate: string | null = '2028-12-31'): ScheduledIndicator => ({
  frequency: 'quarterly',
  targetDate,
  values,
})

const CASES: [label: string, indicator: ScheduledIndicator, start: string | null, today: string, due: ValueDue | null][] = [
  ['no plan start: nothing can be scheduled', quarterly(), null, '2026-05-01', null],
  ['before the first collection date, more than a week ahead', quarterly(), START, '2026-03-01', null],
  ['the first collection date within a week', quarterly(), START, '2026-03-28', { status: 'due_soon', date: '2026-04-01' }],
  ['the first collection date is today', quarterly(), START, '2026-04-01', { status: 'late', date: '2026-04-01' }],
  ['past the first collection date without a value', quarterly(), START, '2026-05-10', { status: 'late', date: '2026-04-01' }],
  ['a value in the quarter covers it', quarterly({ v1: value('2026-03-15') }), START, '2026-05-10', null],
  ['a value dated on the collection date covers it', quarterly({ v1: value('2026-04-01') }), START, '2026-05-10', null],
  ['only the latest quarter counts: the previous one is history', quarterly({ v1: value('2026-06-20') }), START, '2026-07-20', null],
  [
    'a value measured after the collection date answers it (a fresher measure replaces the missing one)',
    quarterly({ v1: value('2026-05-05') }),
    START,
    '2026-05-10',
    null,
  ],
  ['the latest quarter without value is late', quarterly({ v1: value('2026-03-15') }), START, '2026-07-20', { status: 'late', date: '2026-07-01' }],
  ['covered, and the next date within a week', quarterly({ v1: value('2026-06-20') }), START, '2026-09-26', { status: 'due_soon', date: '2026-10-01' }],
  [
    'a corrected value still covers its quarter through its correction',
    quarterly({ v1: value('2026-03-15'), v2: value('2026-03-15', { corrects: 'v1', at: Date.parse('2026-03-16T09:00:00Z') }) }),
    START,
    '2026-05-10',
    null,
  ],
  ['nothing after the target date', quarterly({ v1: value('2026-06-20') }, '2026-07-01'), START, '2026-12-01', null],
  [
    'the period ending on the target date is still due',
    quarterly({ v1: value('2026-03-20') }, '2026-07-01'),
    START,
    '2026-12-01',
    { status: 'late', date: '2026-07-01' },
  ],
  [
    'monthly, the 31st clamps to February’s end',
    { frequency: 'monthly', targetDate: null, values: {} },
    '2026-01-31',
    '2026-03-01',
    { status: 'late', date: '2026-02-28' },
  ],
  ['yearly, first anniversary late', { frequency: 'yearly', targetDate: null, values: {} }, START, '2027-02-01', { status: 'late', date: '2027-01-01' }],
  [
    'once: due at the target date',
    { frequency: 'once', targetDate: '2026-06-30', values: {} },
    START,
    '2026-06-25',
    { status: 'due_soon', date: '2026-06-30' },
  ],
  ['once: late after it', { frequency: 'once', targetDate: '2026-06-30', values: {} }, START, '2026-07-05', { status: 'late', date: '2026-06-30' }],
  ['once: any value answers it', { frequency: 'once', targetDate: '2026-06-30', values: { v1: value('2026-05-01') } }, START, '2026-07-05', null],
  ['once without target date: never due', { frequency: 'once', targetDate: null, values: {} }, START, '2026-07-05', null],
]

describe('IND — when an indicator waits for a value', () => {
  it.each(CASES)('%s', (_label, indicator, start, today, due) => {
    expect(valueDue(indicator, start, today)).toEqual(due)
  })

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-05-10', 12, '2027-05-10'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected)
  })
})

const OBJECTIVES: [label: string, indicators: TrackStatus[], status: TrackStatus][] = [
  ['no indicator', [], 'no_target'],
  ['no indicator with a target', ['no_target', 'no_target'], 'no_target'],
  ['one off track makes the objective off track', ['on_track', 'off_track', 'achieved'], 'off_track'],
  ['all achieved', ['achieved', 'achieved', 'no_target'], 'achieved'],
  ['one on track, one waiting for data', ['on_track', 'no_data'], 'on_track'],
  ['one achieved, one waiting for data', ['achieved', 'no_data'], 'on_track'],
  ['only waiting for data', ['no_data', 'no_target'], 'no_data'],
]

describe('IND — an objective stands where its indicators do', () => {
  it.each(OBJECTIVES)('%s', (_label, indicators, status) => {
    expect(objectiveTrackStatus(indicators)).toBe(status)
  })
})
