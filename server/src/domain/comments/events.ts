import type { WorkspaceEventName } from '@ensemble/shared'

/**
 * In-process bus of workspace events (comments, inbox). Routes publish after their transaction
 * commits; each open `GET /api/workspaces/:id/events` stream subscribes to its workspace. A Redis
 * bridge can subscribe to every workspace with `subscribeAll` and `publish` what other instances send.
 */
export interface WorkspaceEvent {
  workspaceId: string
  type: WorkspaceEventName
  data: unknown
  /** When set, only this member receives the event (e.g. their inbox changed). */
  userId?: string
  /** Set by a cross-instance bridge on events it received, so it does not send them back out. */
  fromPeer?: boolean
  /** For this instance's streams only: each instance publishes its own (e.g. `member.changed`). */
  localOnly?: boolean
}

export type WorkspaceEventListener = (event: WorkspaceEvent & { seq: number }) => void

export class WorkspaceEventBus {
  private readonly byWorkspace = new Map<string, Set<WorkspaceEventListener>>()
  private readonly everywhere = new Set<WorkspaceEventListener>()
  private seq = 0

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  /** Listens to one workspace; returns the unsubscribe function. */
  subscribe(workspaceId: string, listener: WorkspaceEventListener): () => void {
    let set = this.byWorkspace.get(workspaceId)
    if (!set) this.byWorkspace.set(workspaceId, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0 && this.byWorkspace.get(workspaceId) === set) this.byWorkspace.delete(workspaceId)
    }
  }

  /** Listens to every workspace (for a cross-instance bridge). */
  subscribeAll(listener: WorkspaceEventListener): () => void {
    this.everywhere.add(listener)
    return () => this.everywhere.delete(listener)
  }

  publish(event: WorkspaceEvent): void {
    const stamped = { ...event, seq: ++this.seq }
    for (const listener of [...(this.byWorkspace.get(event.workspaceId) ?? []), ...this.everywhere]) {
      try {
        listener(stamped)
      } catch (err) {
        this.onListenerError(err)
      }
    }
  }

  listenerCount(workspaceId: string): number {
    return this.byWorkspace.get(workspaceId)?.size ?? 0
  }
}
