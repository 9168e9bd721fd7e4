import type { ActionStatus } from '../entities/action.ts'

/**
 * DASH5: an operational objective's progress from its actions'. A cancelled action does not count;
 * a done action counts as 100 % whatever its progress says; the objective's progress is the mean of
 * the rest, rounded, or null when no action counts. The input is one row per action naming its
 * objective, so the call site alone changes when actions point to objectives by id.
 */
export interface ActionObjectiveRow {
  objectiveId: string
  progress: number
  status: ActionStatus
}

export interface ObjectiveRollUp {
  /** Actions serving the objective, cancelled ones included. */
  actions: number
  done: number
  blocked: number
  cancelled: number
  /** 0–100, or null when no action counts. */
  progress: number | null
}

const clampProgress = (p: number): number => (Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0)

export function rollUpObjectives(rows: Iterable<ActionObjectiveRow>): Map<string, ObjectiveRollUp> {
  const sums = new Map<string, { rollUp: ObjectiveRollUp; sum: number; counted: number }>()
  for (const row of rows) {
    let entry = sums.get(row.objectiveId)
    if (!entry) sums.set(row.objectiveId, (entry = { rollUp: { actions: 0, done: 0, blocked: 0, cancelled: 0, progress: null }, sum: 0, counted: 0 }))
    entry.rollUp.actions++
    if (row.status === 'cancelled') {
      entry.rollUp.cancelled++
      continue
    }
    if (row.status === 'done') entry.rollUp.done++
    if (row.status === 'blocked') entry.rollUp.blocked++
    entry.sum += row.status === 'done' ? 100 : clampProgress(row.progress)
    entry.counted++
  }
  const out = new Map<string, ObjectiveRollUp>()
  for (const [id, { rollUp, sum, counted }] of sums) out.set(id, { ...rollUp, progress: counted === 0 ? null : Math.round(sum / counted) })
  return out
}
