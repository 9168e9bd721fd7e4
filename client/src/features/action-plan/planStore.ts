import { type Action, actionsOf, readAction, sortedActionIds } from '@ensemble/shared'
import * as Y from 'yjs'

export interface PlanSnapshot {
  /** Action ids in plan order (fractional `order` keys, ties broken by id). */
  ids: readonly string[]
  /** One plain object per action; an object is replaced only when that action changed. */
  byId: ReadonlyMap<string, Action>
}

/**
 * An incremental view of the `actions` map for React: a change inside one action re-reads that
 * action only, so the other rows keep their identity and do not re-render.
 */
export function createPlanStore(doc: Y.Doc) {
  const actions = actionsOf(doc)
  const listeners = new Set<() => void>()
  const readAll = (): PlanSnapshot => {
    const started = performance.now()
    const byId = new Map<string, Action>()
    actions.forEach((action, id) => byId.set(id, readAction(action)))
    const ids = sortedActionIds(doc)
    if (ids.length > 0) performance.measure('plan:read-all', { start: started, detail: { actions: ids.length } })
    return { ids, byId }
  }
  let snapshot = readAll()

  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<string>()
    let structural = false
    for (const event of events) {
      if (event.target === actions) {
        structural = true
        event.changes.keys.forEach((_change, key) => touched.add(key))
      } else if (typeof event.path[0] === 'string') {
        touched.add(event.path[0])
      }
    }
    if (touched.size === 0) return
    const started = performance.now()
    const byId = new Map(snapshot.byId)
    let reorder = structural
    for (const id of touched) {
      const action = actions.get(id)
      const before = byId.get(id)
      if (action instanceof Y.Map) {
        const after = readAction(action)
        byId.set(id, after)
        if (before?.order !== after.order) reorder = true
      } else {
        byId.delete(id)
        reorder = true
      }
    }
    snapshot = { ids: reorder ? sortedActionIds(doc) : snapshot.ids, byId }
    // Only large changes (a full state arriving): a mark per keystroke would pile up in the timeline.
    if (touched.size >= 100) performance.measure('plan:read-changes', { start: started, detail: { actions: touched.size } })
    for (const listener of listeners) listener()
  }

  // The document is observed only while someone subscribes (React may unsubscribe and subscribe
  // again, e.g. StrictMode); what changed in between is caught by re-reading on subscribe.
  return {
    subscribe(listener: () => void): () => void {
      if (listeners.size === 0) {
        snapshot = readAll()
        actions.observeDeep(onChange)
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) actions.unobserveDeep(onChange)
      }
    },
    getSnapshot: (): PlanSnapshot => snapshot,
  }
}
