import type { CollectionFrequency, IndicatorValue } from '../entities/indicator.ts'
import { addDays } from '../dates.ts'
import { standingValues } from './onTrack.ts'
import { isIsoDate } from './values.ts'

/**
 * When an indicator's next value is expected (the dashboard's « valeurs attendues » and the
 * steering committee's agenda, issue 18 items 6–7). Collection dates run from the plan's start every
 * period of the indicator's frequency (once: its target date). A value is due on a collection date
 * when no standing value is dated within the period that ends there — or later: a fresher measure
 * replaces a missing one —; it is late once that date has passed, and due soon when the date falls
 * within the next `soonDays` days.
 */
export type ValueDueStatus = 'late' | 'due_soon'
export interface ValueDue {
  status: ValueDueStatus
  /** The collection date the missing value belongs to. */
  date: string
}

const MONTHS: Record<Exclude<CollectionFrequency, 'once'>, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 }

/** `date` plus `months` calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export interface ScheduledIndicator {
  frequency: CollectionFrequency
  targetDate: string | null
  values: Readonly<Record<string, IndicatorValue>>
}

/**
 * The value the indicator is waiting for on `today`, or null when nothing is due: the latest
 * collection date on or before `today` without a value in its period (late), else the next
 * collection date within `soonDays` (due soon). Collection stops after the target date.
 */
export function valueDue(indicator: ScheduledIndicator, planStart: string | null, today: string, soonDays = 7): ValueDue | null {
  if (!isIsoDate(planStart) || !isIsoDate(today)) return null
  const dates = standingValues(indicator.values).map(([, v]) => v.date)
  const covered = (from: string, to: string): boolean => dates.some((d) => d > from && d <= to)
  const soon = addDays(today, soonDays)
  if (indicator.frequency === 'once') {
    const due = indicator.targetDate
    if (!isIsoDate(due) || dates.length > 0) return null
    if (due <= today) return { status: 'late', date: due }
    return due <= soon ? { status: 'due_soon', date: due } : null
  }
  const step = MONTHS[indicator.frequency]
  const end = isIsoDate(indicator.targetDate) ? indicator.targetDate : null
  // The collection dates on or before today, newest last; at most one per month since the start.
  let previous = planStart
  let last: { from: string; to: string } | null = null
  for (let k = 1; ; k++) {
    const date = addMonths(planStart, k * step)
    if (date > today || (end !== null && previous >= end)) {
      if (last !== null && !covered(last.from, today)) return { status: 'late', date: last.to }
      if (date <= soon && (end === null || previous < end) && !covered(previous, date)) return { status: 'due_soon', date }
      return null
    }
    last = { from: previous, to: date }
    previous = date
  }
}
