import type { ActionStatus } from '../entities/action.ts'
import type { ActualEntry, BalanceSettings } from '../entities/balance.ts'
import type { Resource } from '../entities/resource.ts'
import type { PlanPeriod } from '../rules/action.ts'
import { isIsoDate } from '../rules/values.ts'
import { balancePeriods, overlapDays, type BalancePeriod } from './balancePeriods.ts'

/**
 * The partners' balance as numbers (docs/SPEC.md BAL7–BAL8): pure functions the balance page, the
 * dashboard and the reports share. Table-driven tests in shared/test/balance-sheet.test.ts.
 */

/** What the balance reads of an action: its status, its dates and the resources partners bring. */
export interface BalanceAction {
  status: ActionStatus
  start: string | null
  deadline: string | null
  resources: Readonly<Record<string, Pick<Resource, 'amount' | 'unit' | 'partnerId'>>>
}

/** A partner's figures for one period, in euros (rounded to the cent). */
export interface PartnerPeriodBalance {
  period: string
  /** The resources it brings to actions, pro rata of the action's days falling in the period. */
  committed: number
  /** The part of `committed` due by `asOf` (all of it once the period is over, 0 before it starts). */
  committedToDate: number
  /** Its standing declarations for the period (an amendment stands for the entry it amends). */
  declared: number
  /** The standing declarations the steering committee validated. */
  validated: number
  /** declared / committedToDate, or null when nothing is due yet. */
  ratio: number | null
  /** BAL8: declared below (100 − threshold) % of committedToDate. */
  flagged: boolean
}

export interface PartnerBalance {
  partnerId: string
  periods: PartnerPeriodBalance[]
  /** The sums over all periods (`ratio` and `flagged` over the sums). */
  total: Omit<PartnerPeriodBalance, 'period'>
  /** Flagged in at least one period. */
  flagged: boolean
}

export interface BalanceSheet {
  periods: BalancePeriod[]
  partners: PartnerBalance[]
  threshold: number
}

export interface BalanceInput {
  plan: PlanPeriod
  settings: BalanceSettings
  actions: Iterable<BalanceAction>
  /** Every entry, by id (amended ones included: the function finds which stand). */
  actuals: Readonly<Record<string, ActualEntry>>
  /** Ids of the validated entries. */
  validated: ReadonlySet<string>
  /** The partners to report on (in this order); partners named only by entries are added after them. */
  partnerIds: readonly string[]
  /** The day the balance is drawn up (YYYY-MM-DD): what is due is due by then. */
  asOf: string
}

/** The worth of `amount` of `unit` in euros at the alliance's rates (EUR is worth one euro). */
export function euros(amount: number, unit: Resource['unit'], rates: BalanceSettings['rates']): number {
  const rate = unit === 'EUR' ? 1 : rates[unit]
  return Number.isFinite(amount) && typeof rate === 'number' && Number.isFinite(rate) ? amount * rate : 0
}

/** Statuses that commit nobody: a proposal is not accepted yet, a cancelled action no longer runs. */
const UNCOMMITTED: ReadonlySet<ActionStatus> = new Set(['proposed', 'cancelled'])

/**
 * The entries that stand, by id: an entry another amends is replaced by it (amendments of amendments
 * included). An amendment of an entry of another partner or period does not count (the server
 * refuses it, BAL6).
 */
export function standingActuals(actuals: Readonly<Record<string, ActualEntry>>): [string, ActualEntry][] {
  const amended = new Set<string>()
  for (const entry of Object.values(actuals)) {
    if (entry.amends === undefined) continue
    const target = actuals[entry.amends]
    if (target && target.partnerId === entry.partnerId && target.period === entry.period) amended.add(entry.amends)
  }
  return Object.entries(actuals).filter(([id]) => !amended.has(id))
}

/** The earlier of two ISO dates (strings: Math.min does not apply). */
const earlier = (a: string, b: string): string => (a < b ? a : b)

const cents = (value: number): number => Math.round(value * 100) / 100

function figures(committed: number, committedToDate: number, declared: number, validated: number, threshold: number): Omit<PartnerPeriodBalance, 'period'> {
  const ratio = committedToDate > 0 ? declared / committedToDate : null
  // Compared in cents, so that rounding never flags a partner that delivered exactly what was due.
  const flagged = committedToDate > 0 && cents(declared) < cents((committedToDate * (100 - threshold)) / 100)
  return { committed: cents(committed), committedToDate: cents(committedToDate), declared: cents(declared), validated: cents(validated), ratio, flagged }
}

/**
 * The balance sheet: for each partner and period, committed € (each resource of an accepted action
 * with both dates, valued at the rates, spread over the periods pro rata of the action's days),
 * the part of it due by `asOf`, declared € and validated €, their ratio and the imbalance flag.
 */
export function computeBalance(input: BalanceInput): BalanceSheet {
  const { settings, asOf } = input
  const periods = balancePeriods(input.plan, settings.periodLength)
  const index = new Map(periods.map((p, i) => [p.key, i]))
  const partnerIds = [...input.partnerIds]
  const rows = new Map<string, { committed: number[]; due: number[]; declared: number[]; validated: number[] }>()
  const row = (partnerId: string) => {
    let r = rows.get(partnerId)
    if (!r) {
      const zeros = () => periods.map(() => 0)
      rows.set(partnerId, (r = { committed: zeros(), due: zeros(), declared: zeros(), validated: zeros() }))
      if (!partnerIds.includes(partnerId)) partnerIds.push(partnerId)
    }
    return r
  }
  for (const id of partnerIds) row(id)

  for (const action of input.actions) {
    const { start, deadline } = action
    if (UNCOMMITTED.has(action.status) || !isIsoDate(start) || !isIsoDate(deadline) || start > deadline) continue
    const days = overlapDays(start, deadline, start, deadline)
    for (const resource of Object.values(action.resources)) {
      const worth = euros(resource.amount, resource.unit, settings.rates)
      if (worth <= 0 || typeof resource.partnerId !== 'string') continue
      const r = row(resource.partnerId)
      periods.forEach((p, i) => {
        const share = overlapDays(start, deadline, p.start, p.end) / days
        if (share === 0) return
        r.committed[i]! += worth * share
        if (asOf >= p.start) r.due[i]! += (worth * overlapDays(start, deadline, p.start, earlier(asOf, p.end))) / days
      })
    }
  }

  for (const [id, entry] of standingActuals(input.actuals)) {
    const i = index.get(entry.period)
    if (i === undefined) continue
    const worth = euros(entry.amount, entry.unit, settings.rates)
    const r = row(entry.partnerId)
    r.declared[i]! += worth
    if (input.validated.has(id)) r.validated[i]! += worth
  }

  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0)
  return {
    periods,
    threshold: settings.threshold,
    partners: partnerIds.map((partnerId) => {
      const r = rows.get(partnerId)!
      const list = periods.map((p, i) => ({ period: p.key, ...figures(r.committed[i]!, r.due[i]!, r.declared[i]!, r.validated[i]!, settings.threshold) }))
      return {
        partnerId,
        periods: list,
        total: figures(sum(r.committed), sum(r.due), sum(r.declared), sum(r.validated), settings.threshold),
        flagged: list.some((p) => p.flagged),
      }
    }),
  }
}
