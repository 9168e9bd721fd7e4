import { actionsOf, readAction, type Action } from '@ensemble/shared'
import * as Y from 'yjs'
import type { LogRow } from '../../storage/docStore.ts'
import { canonicalJson } from './canonical.ts'
import { replay } from './replay.ts'

export type ActionField = keyof Action

/** One change of one field of an action, between two successive states of the plan. */
export interface FieldChange {
  /** `created` and `deleted` concern the whole action (field null). */
  kind: 'created' | 'changed' | 'deleted'
  field: ActionField | null
  before: unknown
  after: unknown
  rowId: number
  at: number
  authorId: string | null
}

const FIELDS = (a: Action) => Object.keys(a) as ActionField[]

/**
 * The history of every field of one action: the plan is replayed row by row and the action read
 * with the shared layout accessor after each row; a field whose value differs from the previous
 * state is a change attributed to that row's author. Only rows that touched the action are read.
 */
export function actionFieldHistory(rows: readonly LogRow[], actionId: string): FieldChange[] {
  const changes: FieldChange[] = []
  let previous: Action | null = null
  replay(
    rows,
    (row, doc, transaction) => {
      if (transaction && !touches(transaction, doc, actionId)) return
      const map = actionsOf(doc).get(actionId)
      const current = map instanceof Y.Map ? readAction(map) : null
      const base = { rowId: row.id, at: row.createdAt, authorId: row.authorId }
      if (!previous && current) changes.push({ ...base, kind: 'created', field: null, before: null, after: current })
      else if (previous && !current) changes.push({ ...base, kind: 'deleted', field: null, before: previous, after: null })
      else if (previous && current) {
        for (const field of FIELDS(current)) {
          if (canonicalJson(previous[field]) !== canonicalJson(current[field])) {
            changes.push({ ...base, kind: 'changed', field, before: previous[field], after: current[field] })
          }
        }
      }
      previous = current
    },
    'plan',
  ).destroy()
  return changes
}

/** Did the transaction change the action (itself, or the `actions` map's entry for it)? */
function touches(transaction: Y.Transaction, doc: Y.Doc, actionId: string): boolean {
  const actions = actionsOf(doc)
  for (const [type, keys] of transaction.changed) {
    if ((type as unknown) === actions) {
      if (keys.has(actionId)) return true
      continue
    }
    // Walk up to the child of `actions` this type lives in.
    let t: Y.AbstractType<unknown> | null = type as Y.AbstractType<unknown>
    while (t?._item && t._item.parent !== actions) t = t._item.parent as Y.AbstractType<unknown>
    if (t?._item?.parentSub === actionId) return true
  }
  return false
}
