import type { AcceptedEdit } from '../../collab/pipeline/notifyAccepted.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'

/** DASH8: at most one `plan.changed` per workspace this often. */
export const PLAN_CHANGED_INTERVAL_MS = 1000

/**
 * Live edits of the plan become `plan.changed` workspace events (data `{ docName: 'plan' }`), so the
 * pages that show what the plan adds up to (the dashboard) read it again. Throttled per workspace:
 * the first edit after a quiet second is told at once, the edits within the next second in one
 * event at its end — a member typing in a cell does not make every dashboard read the plan per key.
 */
export class PlanChanges {
  private readonly lastSent = new Map<string, number>()
  private readonly waiting = new Map<string, ReturnType<typeof setTimeout>>()

  constructor(
    private readonly bus: WorkspaceEventBus,
    private readonly intervalMs = PLAN_CHANGED_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The collab core's OnEditAccepted observer. */
  readonly onEditAccepted = (edit: AcceptedEdit): void => {
    if (edit.docName === 'plan') this.changed(edit.workspaceId)
  }

  changed(workspaceId: string): void {
    if (this.waiting.has(workspaceId)) return
    const wait = (this.lastSent.get(workspaceId) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - this.now()
    if (wait <= 0) {
      this.send(workspaceId)
      return
    }
    const timer = setTimeout(() => {
      this.waiting.delete(workspaceId)
      this.send(workspaceId)
    }, wait)
    timer.unref?.()
    this.waiting.set(workspaceId, timer)
  }

  private send(workspaceId: string): void {
    this.lastSent.set(workspaceId, this.now())
    // Forget quiet workspaces: the map holds only those that changed within the interval.
    for (const [id, at] of this.lastSent) if (this.now() - at > this.intervalMs && id !== workspaceId) this.lastSent.delete(id)
    this.bus.publish({ workspaceId, type: 'plan.changed', data: { docName: 'plan' } })
  }

  close(): void {
    for (const timer of this.waiting.values()) clearTimeout(timer)
    this.waiting.clear()
  }
}
