import { actionsOf, readAction } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type * as Y from 'yjs'
import type { EditChanges } from '../../collab/changes.ts'
import type { AcceptedEdit } from '../../collab/pipeline/notifyAccepted.ts'
import type { Database } from '../../db/schema.ts'
import type { Logger } from '../../logger.ts'
import type { Clock } from '../clock.ts'
import type { InboxService } from './service.ts'

/** Fields whose change is not news to the action's people (moving a row in the plan). */
const QUIET_FIELDS = new Set(['order'])

export interface ActionChange {
  actionId: string
  fields: string[]
  /** Who must hear about it: the action's accountable and responsible members (and a replaced accountable). */
  people: string[]
}

/**
 * The existing actions of the `plan` document an edit changed, with the fields it touched. Adding or
 * removing a whole action is not listed. Read synchronously, while the document is as the edit left it.
 */
export function changedActions(docName: string, changes: EditChanges, doc: Y.Doc): ActionChange[] {
  if (docName !== 'plan') return []
  const byAction = new Map<string, { fields: Set<string>; formerAccountable: string | null }>()
  for (const change of changes.types) {
    if (change.root !== 'actions' || change.path.length === 0) continue
    const actionId = change.path[0]
    if (typeof actionId !== 'string') continue
    const entry = byAction.get(actionId) ?? { fields: new Set<string>(), formerAccountable: null }
    byAction.set(actionId, entry)
    if (change.path.length > 1) {
      if (typeof change.path[1] === 'string') entry.fields.add(change.path[1])
      continue
    }
    for (const key of change.keys) {
      entry.fields.add(key.key)
      if (key.key === 'accountable' && typeof key.before === 'string') entry.formerAccountable = key.before
    }
  }
  const out: ActionChange[] = []
  const actions = actionsOf(doc)
  for (const [actionId, { fields, formerAccountable }] of byAction) {
    const map = actions.get(actionId)
    const loud = [...fields].filter((f) => !QUIET_FIELDS.has(f)).sort()
    if (!map || loud.length === 0) continue
    const action = readAction(map)
    const people = new Set([...(action.accountable ? [action.accountable] : []), ...action.responsible])
    if (formerAccountable) people.add(formerAccountable)
    out.push({ actionId, fields: loud, people: [...people] })
  }
  return out
}

/**
 * "Actions I am R/A on that changed": for every accepted live edit of the plan, each of the changed
 * action's accountable and responsible members other than the author gets an `action.changed` inbox
 * item naming the fields. Items coalesce: while a member has not read it, further edits update their
 * one item (fields added, moved to the top) instead of adding new ones.
 */
export class ActionWatch {
  private chain: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** Where the items go (inbox/service.ts, the owner of `inbox_item`). */
    private readonly inbox: InboxService,
    private readonly logger: Logger,
  ) {}

  /** The collab core's OnEditAccepted observer: reads the edit now, records it in the background, in order. */
  readonly onEditAccepted = (edit: AcceptedEdit): void => {
    const changes = changedActions(edit.docName, edit.changes, edit.doc)
    if (changes.length === 0) return
    const at = this.clock().toISOString()
    this.chain = this.chain
      .then(() => this.record(edit.workspaceId, edit.authorId, changes, at))
      .catch((err: unknown) => this.logger.error({ err, workspaceId: edit.workspaceId }, 'action.changed inbox items not recorded'))
  }

  /** Resolves once every edit seen so far is recorded. */
  idle(): Promise<void> {
    return this.chain
  }

  private async record(workspaceId: string, authorId: string, changes: ActionChange[], at: string): Promise<void> {
    const everyone = [...new Set(changes.flatMap((c) => c.people))].filter((u) => u !== authorId)
    if (everyone.length === 0) return
    // Only current members hear about it (an action may still name someone who left).
    const members = new Set(
      (await this.db.selectFrom('member').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', 'in', everyone).execute()).map(
        (m) => m.user_id,
      ),
    )
    const notified = new Set<string>()
    for (const change of changes) {
      for (const userId of change.people) {
        if (userId === authorId || !members.has(userId)) continue
        await this.inbox.noteActionChanged(workspaceId, userId, authorId, change.actionId, change.fields, at)
        notified.add(userId)
      }
    }
    await this.inbox.announce(workspaceId, [...notified])
  }
}
