import { EMPTY_WORKSPACE_CONTEXT, type WorkspaceContext } from '@ensemble/shared'
import type { CollabLogger } from './logger.ts'

/** Reads a workspace's members and partners from where they live (SQL, see server/src/workspaceContext.ts). */
export type LoadWorkspaceContext = (workspaceId: string) => Promise<WorkspaceContext>

interface Entry {
  context: WorkspaceContext
  /** Settles once the first load is applied (rejects, and the entry is gone, if it failed). */
  ready: Promise<void>
  /** Sequence number of the newest load started, and of the one whose result is applied. */
  started: number
  applied: number
}

/**
 * The workspace contexts of the loaded rooms, one per workspace, loaded with the first room of the
 * workspace and kept until its last room unloads. Edit checks read them synchronously; membership
 * and partner changes refresh them (the newest load wins when refreshes overlap).
 *
 * Without a loader every workspace is empty: rules that need a member or a partner then fail
 * closed (an action cannot be accepted into the plan), which is safer than passing unchecked.
 */
export class WorkspaceContexts {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly load: LoadWorkspaceContext | undefined,
    private readonly logger: CollabLogger,
  ) {}

  /** The context of a workspace whose rooms are loaded (empty when unknown). */
  current(workspaceId: string): WorkspaceContext {
    return this.entries.get(workspaceId)?.context ?? EMPTY_WORKSPACE_CONTEXT
  }

  /** Loads the workspace's context unless it is loaded already; rejects when that first load fails. */
  async ensure(workspaceId: string): Promise<void> {
    let entry = this.entries.get(workspaceId)
    if (!entry) {
      const fresh: Entry = { context: EMPTY_WORKSPACE_CONTEXT, ready: Promise.resolve(), started: 0, applied: 0 }
      this.entries.set(workspaceId, fresh)
      if (this.load) {
        fresh.ready = this.reload(workspaceId, fresh).catch((err: unknown) => {
          if (this.entries.get(workspaceId) === fresh) this.entries.delete(workspaceId)
          throw err
        })
      }
      entry = fresh
    }
    await entry.ready
  }

  /**
   * Re-reads a workspace's context if any of its rooms is loaded (a member's role or a partner
   * changed). A failure is logged and the previous context kept.
   */
  async refresh(workspaceId: string): Promise<void> {
    const entry = this.entries.get(workspaceId)
    if (!entry || !this.load) return
    try {
      await this.reload(workspaceId, entry)
    } catch (err) {
      this.logger.error({ err, workspaceId }, 'reloading the workspace context failed: keeping the previous one')
    }
  }

  /** The workspace has no room left: forget its context. */
  drop(workspaceId: string): void {
    this.entries.delete(workspaceId)
  }

  private async reload(workspaceId: string, entry: Entry): Promise<void> {
    const seq = ++entry.started
    const context = await this.load!(workspaceId)
    if (seq > entry.applied) {
      entry.context = context
      entry.applied = seq
    }
  }
}
