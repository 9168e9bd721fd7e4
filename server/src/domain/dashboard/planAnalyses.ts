import { analysePlan, readPlanSnapshot, type PlanAnalysis } from '@ensemble/shared'
import type * as Y from 'yjs'

/**
 * DASH7: the reader-independent part of the dashboard, kept per live plan document until it changes
 * or the day turns. A request then reads the plan only when an edit came in since the last one:
 * a 5,000-action plan is read once per change, not once per reader.
 */
export class PlanAnalyses {
  private readonly kept = new WeakMap<Y.Doc, { analysis: PlanAnalysis | null }>()

  of(doc: Y.Doc, today: string): PlanAnalysis {
    let entry = this.kept.get(doc)
    if (!entry) {
      const fresh: { analysis: PlanAnalysis | null } = { analysis: null }
      doc.on('update', () => {
        fresh.analysis = null
      })
      this.kept.set(doc, (entry = fresh))
    }
    if (entry.analysis === null || entry.analysis.today !== today) entry.analysis = analysePlan(readPlanSnapshot(doc), today)
    return entry.analysis
  }
}
