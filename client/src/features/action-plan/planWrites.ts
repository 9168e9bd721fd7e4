import {
  type ActionListField,
  type ActionMap,
  type ActionScalarField,
  actionsOf,
  buildAction,
  isOrderKey,
  keyBetween,
  keysAfter,
  type Milestone,
  newId,
  planMetaOf,
  type Resource,
  setListField,
  sortedActionIds,
} from '@ensemble/shared'
import * as Y from 'yjs'
import { replaceText } from '../collab/replaceText.ts'

/**
 * Every write of the action plan, each one field of one entity in its own transaction, so two people
 * editing two cells of the same row both keep their edit.
 */
const actionOf = (doc: Y.Doc, id: string): ActionMap | undefined => actionsOf(doc).get(id)

export function setActionField(doc: Y.Doc, id: string, field: ActionScalarField, value: string | number | null): void {
  doc.transact(() => {
    const action = actionOf(doc, id)
    if (action && action.get(field) !== value) action.set(field, value)
  })
}

/** Several fields of one action that must change together (e.g. status `done` and progress 100). */
export function setActionFields(doc: Y.Doc, id: string, change: Partial<Record<ActionScalarField, string | number | null>>): void {
  doc.transact(() => {
    const action = actionOf(doc, id)
    if (!action) return
    for (const [field, value] of Object.entries(change)) if (action.get(field) !== value) action.set(field, value)
  })
}

/** The description is a Y.Text: only the changed part is rewritten, so concurrent edits merge. */
export function setActionDescription(doc: Y.Doc, id: string, next: string): void {
  doc.transact(() => {
    const action = actionOf(doc, id)
    if (!action) return
    const text = action.get('description')
    if (text instanceof Y.Text) replaceText(text, next)
    else action.set('description', new Y.Text(next))
  })
}

/** Adds or removes one person from R, C or I, reading the list as it is now (not as rendered). */
export function toggleInList(doc: Y.Doc, id: string, field: ActionListField, memberId: string, on: boolean): void {
  doc.transact(() => {
    const action = actionOf(doc, id)
    if (!action) return
    const current = action.get(field)
    const ids = current instanceof Y.Array ? (current.toArray() as string[]) : []
    const next = on ? (ids.includes(memberId) ? ids : [...ids, memberId]) : ids.filter((m) => m !== memberId)
    setListField(action, field, next)
  })
}

function orderKeys(doc: Y.Doc): { ids: string[]; orders: string[] } {
  const actions = actionsOf(doc)
  const ids = sortedActionIds(doc)
  return { ids, orders: ids.map((id) => String(actions.get(id)?.get('order') ?? '')) }
}

/** Gives every action a fresh distinct key: only needed when concurrent inserts produced equal keys. */
function rekey(doc: Y.Doc): void {
  const { ids } = orderKeys(doc)
  const keys = keysAfter(null, ids.length)
  ids.forEach((id, i) => actionOf(doc, id)?.set('order', keys[i]!))
}

function between(doc: Y.Doc, before: number, after: number): string {
  const { orders } = orderKeys(doc)
  const lo = before >= 0 ? (orders[before] ?? null) : null
  const hi = after < orders.length ? (orders[after] ?? null) : null
  try {
    return keyBetween(lo, hi)
  } catch {
    rekey(doc)
    const fresh = orderKeys(doc).orders
    return keyBetween(before >= 0 ? (fresh[before] ?? null) : null, after < fresh.length ? (fresh[after] ?? null) : null)
  }
}

/** A new action at the end of the plan; it starts as `proposed` (buildAction's default). */
export function addAction(doc: Y.Doc, title: string): string {
  const id = newId()
  doc.transact(() => {
    const { orders } = orderKeys(doc)
    const order = between(doc, orders.length - 1, orders.length)
    actionsOf(doc).set(id, buildAction({ title, order }))
  })
  return id
}

export function deleteAction(doc: Y.Doc, id: string): void {
  doc.transact(() => actionsOf(doc).delete(id))
}

/** Moves an action one place up or down by rewriting its `order` key only. */
export function moveAction(doc: Y.Doc, id: string, direction: -1 | 1): void {
  doc.transact(() => {
    const { ids } = orderKeys(doc)
    const index = ids.indexOf(id)
    const target = index + direction
    if (index < 0 || target < 0 || target >= ids.length) return
    // Up: between the two rows above; down: between the two rows below.
    const key = direction === -1 ? between(doc, index - 2, index - 1) : between(doc, index + 1, index + 2)
    actionOf(doc, id)?.set('order', key)
  })
}

// --- milestones and resources: Y.Maps keyed by id inside the action ---------------------------

function nested(action: ActionMap, name: 'milestones' | 'resources'): Y.Map<Y.Map<unknown>> {
  let map = action.get(name)
  if (!(map instanceof Y.Map)) {
    map = new Y.Map<Y.Map<unknown>>()
    action.set(name, map)
  }
  return map as Y.Map<Y.Map<unknown>>
}

export function addMilestone(doc: Y.Doc, actionId: string, input: Omit<Milestone, 'order'>): void {
  doc.transact(() => {
    const action = actionOf(doc, actionId)
    if (!action) return
    const milestones = nested(action, 'milestones')
    let last: string | null = null
    milestones.forEach((m) => {
      const order = m.get('order')
      if (typeof order === 'string' && isOrderKey(order) && (last === null || order > last)) last = order
    })
    const milestone: Milestone = { ...input, order: keyBetween(last, null) }
    milestones.set(newId(), new Y.Map(Object.entries(milestone)))
  })
}

export function addResource(doc: Y.Doc, actionId: string, input: Resource): void {
  doc.transact(() => {
    const action = actionOf(doc, actionId)
    if (action) nested(action, 'resources').set(newId(), new Y.Map(Object.entries(input)))
  })
}

export function setNestedField(doc: Y.Doc, actionId: string, name: 'milestones' | 'resources', itemId: string, field: string, value: unknown): void {
  doc.transact(() => {
    const item = actionOf(doc, actionId)?.get(name)
    const entry = item instanceof Y.Map ? item.get(itemId) : undefined
    if (entry instanceof Y.Map && entry.get(field) !== value) entry.set(field, value)
  })
}

export function removeNested(doc: Y.Doc, actionId: string, name: 'milestones' | 'resources', itemId: string): void {
  doc.transact(() => {
    const item = actionOf(doc, actionId)?.get(name)
    if (item instanceof Y.Map) item.delete(itemId)
  })
}

export function setPlanPeriod(doc: Y.Doc, field: 'start' | 'end' | 'title', value: string): void {
  doc.transact(() => {
    const meta = planMetaOf(doc)
    if (meta.get(field) !== value) meta.set(field, value)
  })
}
