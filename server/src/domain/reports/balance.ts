import { balanceOfJson, type BalanceSheet, type Participation, participationOf } from '@ensemble/shared'
import type { ReportData } from './data.ts'

/**
 * The partners' balance of a report (EXP8): the sheet drawn up on the report's day from the plan's
 * JSON (the same computeBalance as the balance page), every partner of the alliance first, and the
 * participation (BAL10) from the rows the event loop gathered and the plan's actions.
 */
export function reportBalance(data: ReportData): BalanceSheet {
  return balanceOfJson(
    data.plan,
    data.context.partners.map((p) => p.id),
    data.context.today,
  )
}

export function reportParticipation(data: ReportData): Participation {
  const { partnerOf, attendance, ballots } = data.context.participation
  return participationOf({ partnerIds: data.context.partners.map((p) => p.id), partnerOf: new Map(partnerOf), attendance, ballots, actions: data.actions })
}

/** A ratio as a percentage with one decimal (null when nothing is due). */
export const percent = (ratio: number | null): number | null => (ratio === null ? null : Math.round(ratio * 1000) / 10)
