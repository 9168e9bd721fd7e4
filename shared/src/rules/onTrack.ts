import type { IndicatorValue } from '../entities/indicator.ts'
import { isIsoDate } from './values.ts'

/**
 * Where an indicator stands (for the dashboard of issue 18): its latest value against the straight
 * path from its baseline at the plan's start to its target at the target date. Pure functions,
 * table-driven tests in shared/test/steering-on-track.test.ts.
 */
export type TrackStatus = 'no_target' | 'no_data' | 'achieved' | 'on_track' | 'off_track'

const DAY_MS = 86_400_000
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS

/**
 * The values that stand, oldest first (by date, then entry time, then id): a value another entry
 * corrects is replaced by it (corrections of corrections included).
 */
export function standingValues(values: Readonly<Record<string, IndicatorValue>>): [string, IndicatorValue][] {
  const corrected = new Set<string>()
  for (const value of Object.values(values)) if (value.corrects !== undefined) corrected.add(value.corrects)
  return Object.entries(values)
    .filter(([id]) => !corrected.has(id))
    .sort(([ia, a], [ib, b]) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.at !== b.at ? a.at - b.at : ia < ib ? -1 : ia > ib ? 1 : 0))
}

/** The value the straight path from `baseline` on `start` to `target` on `targetDate` gives on `date` (held flat outside). */
export function expectedValue(baseline: number, target: number, start: string, targetDate: string, date: string): number {
  const from = dayOf(start)
  const to = dayOf(targetDate)
  const at = dayOf(date)
  if (at >= to) return target
  if (at <= from) return baseline
  return baseline + ((target - baseline) * (at - from)) / (to - from)
}

export interface TrackedIndicator {
  baseline: number | null
  target: number | null
  targetDate: string | null
  values: Readonly<Record<string, IndicatorValue>>
}

/**
 * On track when the latest standing value is at least where the path says (at most, for an
 * indicator meant to go down); achieved once it reaches the target. `start` is the plan's start.
 */
export function trackStatus(indicator: TrackedIndicator, start: string | null): TrackStatus {
  const { baseline, target, targetDate } = indicator
  if (baseline === null || target === null || !isIsoDate(targetDate) || !isIsoDate(start)) return 'no_target'
  const standing = standingValues(indicator.values)
  const latest = standing.at(-1)?.[1]
  if (latest === undefined) return 'no_data'
  const rising = target >= baseline
  if (rising ? latest.value >= target : latest.value <= target) return 'achieved'
  const expected = expectedValue(baseline, target, start, targetDate, latest.date)
  return (rising ? latest.value >= expected : latest.value <= expected) ? 'on_track' : 'off_track'
}

/**
 * An objective's standing from its indicators': off track as soon as one is; achieved when every
 * indicator with a target is; on track when at least one measured indicator is on its path; else
 * waiting for data, or without any target to judge by.
 */
export function objectiveTrackStatus(indicators: readonly TrackStatus[]): TrackStatus {
  const judged = indicators.filter((s) => s !== 'no_target')
  if (judged.includes('off_track')) return 'off_track'
  if (judged.length > 0 && judged.every((s) => s === 'achieved')) return 'achieved'
  if (judged.some((s) => s === 'on_track' || s === 'achieved')) return 'on_track'
  return judged.length > 0 ? 'no_data' : 'no_target'
}
