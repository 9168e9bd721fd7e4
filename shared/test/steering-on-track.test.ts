import { describe, expect, it } from 'vitest'
import { expectedValue, standingValues, trackStatus, type IndicatorValue, type TrackStatus, type TrackedIndicator } from '../src/index.ts'

/**
 * Where an indicator stands: its latest standing value against the straight path from its
 * baseline (on the plan's start, 2026-01-01) to its target on its target date. Each scenario is
 * written out with its expected answer.
 */
const START = '2026-01-01'
const value = (v: number, date: string, extra: Partial<IndicatorValue> = {}): IndicatorValue => ({
  value: v,
  date,
  comment: '',
  by: 'u1',
  at: Date.parse(`${date}T12:00:00Z`),
  ...extra,
})
/** 0 → 100 over 2026 (365 days): the path is at ≈50 on 2026-07-02. */
const RISING: Omit<TrackedIndicator, 'values'> = { baseline: 0, target: 100, targetDate: '2027-01-01' }
/** 50 → 10 (e.g. dropouts), the same year. */
const FALLING: Omit<TrackedIndicator, 'values'> = { baseline: 50, target: 10, targetDate: '2027-01-01' }

const CASES: [label: string, indicator: TrackedIndicator, start: string | null, status: TrackStatus][] = [
  ['no baseline', { ...RISING, baseline: null, values: { v1: value(10, '2026-03-01') } }, START, 'no_target'],
  ['no target', { ...RISING, target: null, values: {} }, START, 'no_target'],
  ['no target date', { ...RISING, targetDate: null, values: {} }, START, 'no_target'],
  ['no plan start', { ...RISING, values: { v1: value(10, '2026-03-01') } }, null, 'no_target'],
  ['no value yet', { ...RISING, values: {} }, START, 'no_data'],
  ['rising, ahead of the path', { ...RISING, values: { v1: value(60, '2026-07-02') } }, START, 'on_track'],
  ['rising, exactly on the path', { ...RISING, values: { v1: value(50, '2026-07-02') } }, START, 'on_track'],
  ['rising, behind the path', { ...RISING, values: { v1: value(30, '2026-07-02') } }, START, 'off_track'],
  ['rising, target reached early', { ...RISING, values: { v1: value(100, '2026-05-01') } }, START, 'achieved'],
  ['rising, the latest value counts, not the best', { ...RISING, values: { v1: value(90, '2026-03-01'), v2: value(30, '2026-07-02') } }, START, 'off_track'],
  ['rising, a value past the target date short of the target', { ...RISING, values: { v1: value(95, '2027-03-01') } }, START, 'off_track'],
  ['falling, ahead (lower than the path)', { ...FALLING, values: { v1: value(25, '2026-07-02') } }, START, 'on_track'],
  ['falling, behind (higher than the path)', { ...FALLING, values: { v1: value(40, '2026-07-02') } }, START, 'off_track'],
  ['falling, target reached', { ...FALLING, values: { v1: value(8, '2026-07-02') } }, START, 'achieved'],
  [
    'a correction replaces the value it corrects',
    { ...RISING, values: { v1: value(30, '2026-07-02'), v2: value(60, '2026-07-02', { corrects: 'v1', at: Date.parse('2026-07-03T09:00:00Z') }) } },
    START,
    'on_track',
  ],
  [
    'a correction of a correction stands alone',
    { ...RISING, values: { v1: value(30, '2026-07-02'), v2: value(60, '2026-07-02', { corrects: 'v1' }), v3: value(20, '2026-07-02', { corrects: 'v2' }) } },
    START,
    'off_track',
  ],
  [
    'a value measured earlier but entered later is not the latest',
    { ...RISING, values: { v1: value(60, '2026-07-02'), v2: value(5, '2026-02-01', { at: Date.parse('2026-08-01T00:00:00Z') }) } },
    START,
    'on_track',
  ],
]

describe('[IND5] on-track status of an indicator', () => {
  it.each(CASES)('[IND5] %s', (_label, indicator, start, status) => {
    expect(trackStatus(indicator, start)).toBe(status)
  })

  it.each([
    ['on the start', '2026-01-01', 0],
    ['before the start', '2025-06-01', 0],
    ['half-way', '2026-07-02', 50],
    ['on the target date', '2027-01-01', 100],
    ['after the target date', '2028-01-01', 100],
  ] as const)('[IND5] the straight path %s', (_label, date, expected) => {
    expect(expectedValue(0, 100, '2026-01-01', '2027-01-01', date)).toBeCloseTo(expected, 0)
  })

  it('[IND5] standing values are ordered by date, then entry time, corrected ones left out', () => {
    const values = {
      b: value(2, '2026-02-01'),
      a: value(1, '2026-01-15'),
      c: value(3, '2026-02-01', { corrects: 'b', at: Date.parse('2026-03-01T00:00:00Z') }),
    }
    expect(standingValues(values).map(([id]) => id)).toEqual(['a', 'c'])
  })
})
