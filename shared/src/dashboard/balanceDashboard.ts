import { balanceAlerts, currentBalancePeriod } from '../steering/balanceAlerts.ts'
import type { BalanceSheet } from '../steering/balance.ts'
import type { AllianceBalance, AttentionSection } from './dashboardView.ts'
import { bounded, type DashboardReader } from './planDashboard.ts'

/**
 * The balance on the dashboard (docs/SPEC.md DASH11–DASH12), from the sheet the server keeps per
 * plan state (reader-independent, DASH7) and the partners' names, in the alliance's order.
 */

/** DASH11: the flagged partners (BAL12), the reader's own partner first (« mon partenaire »). */
export function balanceAttention(sheet: BalanceSheet, today: string, reader: DashboardReader, names: ReadonlyMap<string, string>): AttentionSection {
  const items = balanceAlerts(sheet, today)
    .filter((a) => names.has(a.partnerId))
    .map((a) => ({ partnerId: a.partnerId, name: names.get(a.partnerId)!, period: a.period, ratio: a.ratio, mine: a.partnerId === reader.partnerId }))
    .sort((a, b) => Number(b.mine) - Number(a.mine))
  return bounded('balance_alerts', items)
}

/** DASH12: every partner's figures for the current period (zeros for a partner that brings nothing). */
export function allianceBalance(sheet: BalanceSheet, today: string, names: ReadonlyMap<string, string>): AllianceBalance {
  const period = currentBalancePeriod(sheet.periods, today)
  if (!period) return { period: null, partners: [] }
  const rows = new Map(sheet.partners.map((p) => [p.partnerId, p.periods.find((x) => x.period === period.key)]))
  return {
    period: period.key,
    partners: [...names].map(([partnerId, name]) => {
      const r = rows.get(partnerId)
      return {
        partnerId,
        name,
        committed: r?.committed ?? 0,
        committedToDate: r?.committedToDate ?? 0,
        declared: r?.declared ?? 0,
        validated: r?.validated ?? 0,
        flagged: r?.flagged ?? false,
      }
    }),
  }
}
