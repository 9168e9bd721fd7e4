import type { BalancePeriod } from './balancePeriods.ts'
import type { BalanceSheet, PartnerPeriodBalance } from './balance.ts'

/**
 * The balance alerts (docs/SPEC.md BAL12–BAL13): which partners the dashboard and the agenda
 * suggestions name, and for which period. Pure: the sheet comes from computeBalance.
 */

/** One flagged partner in the period that matters now. */
export interface BalanceAlert {
  partnerId: string
  period: string
  /** declared / committedToDate (never null: a flagged period has something due). */
  ratio: number
  declared: number
  committedToDate: number
}

/**
 * BAL12: the period the balance is read in on `today`: the one containing it, else the last one
 * ended before it, else (the plan has not started) null.
 */
export function currentBalancePeriod(periods: readonly BalancePeriod[], today: string): BalancePeriod | null {
  let ended: BalancePeriod | null = null
  for (const p of periods) {
    if (p.start <= today && today <= p.end) return p
    if (p.end < today) ended = p
  }
  return ended
}

/** The last period ended before `today` (null when none is). */
function lastEnded(periods: readonly BalancePeriod[], today: string): BalancePeriod | null {
  let ended: BalancePeriod | null = null
  for (const p of periods) if (p.end < today) ended = p
  return ended
}

/**
 * BAL12: the partners flagged (BAL8) in the current period, else in the last ended one — a partner
 * behind on last year's commitments stays on the list while the new year has nothing due yet. One
 * alert per partner (the current period first), in the sheet's order of partners.
 */
export function balanceAlerts(sheet: BalanceSheet, today: string): BalanceAlert[] {
  const current = sheet.periods.find((p) => p.start <= today && today <= p.end) ?? null
  const ended = lastEnded(sheet.periods, today)
  const keys = [current?.key, ended?.key].filter((k): k is string => k !== undefined)
  const out: BalanceAlert[] = []
  for (const partner of sheet.partners) {
    const flagged = keys.map((key) => partner.periods.find((p) => p.period === key)).find((p): p is PartnerPeriodBalance => !!p?.flagged)
    if (!flagged) continue
    const { period, ratio, declared, committedToDate } = flagged
    out.push({ partnerId: partner.partnerId, period, ratio: ratio ?? 0, declared, committedToDate })
  }
  return out
}

/** « 42 % »: the ratio as the notes and the dashboard write it (whole percent, rounded down so 99.6 % is not « 100 % »). */
export const ratioPercent = (ratio: number): number => Math.floor(ratio * 100)
