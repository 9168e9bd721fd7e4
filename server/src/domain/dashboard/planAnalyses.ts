import { analysePlan, balanceOfDoc, readPlanSnapshot, type BalanceSheet, type PlanAnalysis } from '@ensemble/shared'
import type * as Y from 'yjs'

/**
 * DASH7: the reader-independent part of the dashboard, kept per live plan document until it changes
 * or the day turns. A request then reads the plan only when an edit came in since the last one:
 * a 5,000-action plan is read once per change, not once per reader. The balance sheet (DASH11) is
 * kept the same way: actuals, validations and settings are plan edits too.
 */
interface Kept {
  analysis: PlanAnalysis | null
  balance: { today: string; sheet: BalanceSheet } | null
}

export class PlanAnalyses {
  private readonly kept = new WeakMap<Y.Doc, Kept>()

  private entry(doc: Y.Doc): Kept {
    let entry = this.kept.get(doc)
    if (!entry) {
      const fresh: Kept = { analysis: null, balance: null }
      doc.on('update', () => {
        fresh.analysis = null
        fresh.balance = null
      })
      this.kept.set(doc, (entry = fresh))
    }
    return entry
  }

  of(doc: Y.Doc, today: string): PlanAnalysis {
    const entry = this.entry(doc)
    if (entry.analysis === null || entry.analysis.today !== today) entry.analysis = analysePlan(readPlanSnapshot(doc), today)
    return entry.analysis
  }

  /** The balance sheet drawn up on `today`, every partner with figures (names are added per request). */
  balanceOf(doc: Y.Doc, today: string): BalanceSheet {
    const entry = this.entry(doc)
    if (entry.balance === null || entry.balance.today !== today) entry.balance = { today, sheet: balanceOfDoc(doc, [], today) }
    return entry.balance.sheet
  }
}
