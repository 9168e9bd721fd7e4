import * as Y from 'yjs'

/**
 * What one transaction changed, as paths from the document's root types. This is what edit checks
 * look at (permissions per field, schema validation of the changed entities only), so their cost
 * follows the size of the edit, not the size of the document.
 *
 * Example on the `plan` document: setting an action's title yields
 * `{ root: 'actions', path: ['a1'], keys: [{ key: 'title', change: 'update' }], content: false }`;
 * adding the action yields `{ root: 'actions', path: [], keys: [{ key: 'a1', change: 'add' }] }`.
 */
export interface EditChanges {
  types: TypeChange[]
  /** Number of items (characters, entries, nodes) the transaction deleted, from its delete set. */
  deletedItems: number
}

export interface TypeChange {
  /** Name of the top-level type, e.g. `actions`, `meta`, `content`. */
  root: string
  /**
   * Map keys from the root type down to the changed type. `null` marks a step through a sequence
   * (an element of a Y.Array or an XML node), which has no stable key.
   */
  path: (string | null)[]
  /** Map keys (or XML attributes) set or removed on the changed type. */
  keys: KeyChange[]
  /** True when the type's sequence content changed: array items, text, XML children. */
  content: boolean
  /**
   * The changed type itself. Its ancestors up to the root are the entities of `path`, reachable
   * without looking keys up again (`target._item.parent`…), which checks use to stay cheap.
   */
  target: SharedType
}

/** A shared type as Yjs' transaction records it (AbstractType of any event). */
export type SharedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never

export interface KeyChange {
  key: string
  change: 'add' | 'update' | 'delete'
  /**
   * The value the key held before the transaction, for an update or a delete: a plain value, or the
   * shared type that was replaced. Absent for an add (and when that value is no longer readable).
   */
  before?: unknown
}

/**
 * Derives EditChanges from a transaction. Call it while the transaction is still fresh (from an
 * `afterTransaction` handler), before garbage collection replaces deleted content.
 *
 * Only types that existed before the transaction are listed (Yjs' `transaction.changed`): content
 * created inside a new type shows up as the key or content change that created that type.
 */
export function describeChanges(transaction: Y.Transaction): EditChanges {
  const types: TypeChange[] = []
  transaction.changed.forEach((keys, type) => {
    const located = locate(type)
    if (!located) return
    const change: TypeChange = { ...located, keys: [], content: false, target: type }
    for (const key of keys) {
      if (key === null) change.content = true
      else change.keys.push(keyChange(transaction, type, key))
    }
    types.push(change)
  })
  let deletedItems = 0
  transaction.deleteSet.clients.forEach((ranges) => {
    for (const range of ranges) deletedItems += range.len
  })
  return { types, deletedItems }
}

/** Root name and key path of a type, or null for a type inside deleted content. */
function locate(type: SharedType): { root: string; path: (string | null)[] } | null {
  const path: (string | null)[] = []
  let current = type
  while (current._item !== null) {
    const item = current._item
    if (item.deleted) return null
    path.unshift(item.parentSub)
    current = item.parent as SharedType
  }
  return { root: Y.findRootTypeKey(current), path }
}

/**
 * Whether a map key was added, updated or deleted by the transaction. A map keeps every value ever
 * written to a key as a chain of items (newest last, linked by `left`); the value before the
 * transaction is the newest item that the transaction did not insert.
 */
function keyChange(transaction: Y.Transaction, type: SharedType, key: string): KeyChange {
  const newest = type._map.get(key)
  const existsAfter = newest !== undefined && !newest.deleted
  let item: Y.Item | null = newest ?? null
  while (item !== null && insertedBy(transaction, item)) item = item.left
  const existedBefore = item !== null && (!item.deleted || Y.isDeleted(transaction.deleteSet, item.id))
  if (!existedBefore) return { key, change: existsAfter ? 'add' : 'delete' }
  const change: KeyChange = { key, change: existsAfter ? 'update' : 'delete' }
  // The overwritten item is still intact here: garbage collection runs after the transaction.
  if (!(item!.content instanceof Y.ContentDeleted)) {
    const values = item!.content.getContent()
    change.before = values[values.length - 1]
  }
  return change
}

/**
 * The items a transaction created that are still alive at its end, in no particular order: what a
 * check must look at to judge new content (rich-text nodes, marks, attributes) at a cost that
 * follows the size of the edit. Call it from an `afterTransaction` handler, like describeChanges.
 */
export function insertedItems(transaction: Y.Transaction): Y.Item[] {
  const items: Y.Item[] = []
  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0
    if (after <= before) return
    const structs = transaction.doc.store.clients.get(client)
    if (!structs) return
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct.id.clock >= after) break
      if (struct instanceof Y.Item && !struct.deleted) items.push(struct)
    }
  })
  return items
}

const insertedBy = (transaction: Y.Transaction, item: Y.Item): boolean => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
