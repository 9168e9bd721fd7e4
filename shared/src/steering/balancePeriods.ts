import type { BalancePeriodLength } from '../entities/balance.ts'
import type { PlanPeriod } from '../rules/action.ts'
import { isIsoDate } from '../rules/values.ts'

/** One period of the balance: its key (`2026`, `2026-H2`, `2026-Q3`) and its dates, both included. */
export interface BalancePeriod {
  key: string
  start: string
  end: string
}

/** More periods than this (a plan over 50 years in quarters) is not a plan: the list stops there. */
const MAX_PERIODS = 200

const pad = (n: number): string => String(n).padStart(2, '0')
const LAST_DAY = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The calendar slices of one year for a period length: [key suffix, first month, last month]. */
const SLICES: Record<BalancePeriodLength, readonly [string, number, number][]> = {
  year: [['', 1, 12]],
  half_year: [
    ['-H1', 1, 6],
    ['-H2', 7, 12],
  ],
  quarter: [
    ['-Q1', 1, 3],
    ['-Q2', 4, 6],
    ['-Q3', 7, 9],
    ['-Q4', 10, 12],
  ],
}

/**
 * The periods of the balance (BAL7): calendar years, half-years or quarters, the first and the last
 * cut to the plan's period. A plan without both dates has no period (nothing can be declared yet).
 */
export function balancePeriods(plan: PlanPeriod, length: BalancePeriodLength): BalancePeriod[] {
  const { start, end } = plan
  if (!isIsoDate(start) || !isIsoDate(end) || start > end) return []
  const out: BalancePeriod[] = []
  for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)) && out.length < MAX_PERIODS; year++) {
    for (const [suffix, first, last] of SLICES[length]) {
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      const from = `${year}-${pad(first)}-01`
      const to = `${year}-${pad(last)}-${pad(last === 2 && leap ? 29 : LAST_DAY[last - 1]!)}`
      if (to < start || from > end) continue
      out.push({ key: `${year}${suffix}`, start: from < start ? start : from, end: to > end ? end : to })
    }
  }
  return out
}

const DAY_MS = 86_400_000
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS

/** Days shared by two date ranges, both ends included (0 when they do not meet). */
export function overlapDays(aStart: string, aEnd: string, bStart: string, bEnd: string): number {
  const from = aStart > bStart ? aStart : bStart
  const to = aEnd < bEnd ? aEnd : bEnd
  return to < from ? 0 : dayOf(to) - dayOf(from) + 1
}
