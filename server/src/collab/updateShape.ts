import * as Y from 'yjs'

/** A Yjs update as `Y.decodeUpdate` reads it, without applying it to any document. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>
type Struct = DecodedUpdate['structs'][number]

export interface ShapeLimits {
  /** Nesting of shared types, the document's root types counting as 1 (LIMITS.maxNestingDepth). */
  maxDepth: number
  /** Longest map key (an item's parentSub) or root type name (LIMITS.maxKeyLength). */
  maxKeyLength: number
}

/** What is wrong with an update's shape: a type nested too deep, or a key too long. */
export type ShapeViolation = { kind: 'depth'; depth: number } | { kind: 'key'; length: number }

/**
 * Checks an update's shape before it is applied: how deep the shared types it creates are nested
 * (counting the document's existing ancestors), and how long its keys are. Yjs deletes and collects
 * nested types recursively, so a deep enough update overflows the stack of every replica that
 * applies or loads it; and a key survives the deletion of its value, so a long one would cost its
 * length in storage even when the edit is refused.
 *
 * An item names its parent type only when it has no neighbour; otherwise it lives in the type of
 * its origin (left or right neighbour), which may sit in the update itself or in `doc`. That chain is
 * followed with an explicit stack: a long run of typed characters is a long chain of origins.
 */
export function checkUpdateShape(update: DecodedUpdate, doc: Y.Doc, limits: ShapeLimits): ShapeViolation | null {
  const inUpdate = indexByClient(update.structs)
  /** Depth of the type an item of the update lives in (0: unknown, the update cannot integrate it anyway). */
  const containerDepth = new Map<Struct, number>()
  const resolving = new Set<Struct>()

  /** The struct of the update covering `id`, or undefined. */
  const find = (id: Y.ID): Struct | undefined => {
    const structs = inUpdate.get(id.client)
    if (!structs) return undefined
    let low = 0
    let high = structs.length - 1
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = structs[mid]!
      if (id.clock < struct.id.clock) high = mid - 1
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1
      else return struct
    }
    return undefined
  }

  /**
   * What `item`'s container depth depends on: a number when known right away, or a struct of the
   * update whose own container depth must be known first.
   */
  const dependency = (item: Y.Item): number | { struct: Struct; nested: boolean } => {
    const parent = item.parent as unknown
    if (typeof parent === 'string') return 1
    const ref = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin)
    if (!ref) return 0
    const nested = parent instanceof Y.ID
    const struct = find(ref)
    if (struct) return { struct, nested }
    // In the document already: the depth of its type (a parent), or of the type it lives in (an origin).
    const known = depthInDoc(doc, ref, nested, limits.maxDepth)
    return known
  }

  const resolve = (start: Y.Item): number => {
    const stack: Y.Item[] = [start]
    while (stack.length > 0) {
      const item = stack[stack.length - 1]!
      if (containerDepth.has(item)) {
        stack.pop()
        continue
      }
      const dep = dependency(item)
      if (typeof dep === 'number') {
        containerDepth.set(item, dep)
        resolving.delete(item)
        stack.pop()
        continue
      }
      const { struct, nested } = dep
      if (!(struct instanceof Y.Item)) {
        // A GC or skip struct as parent or origin: Yjs turns such an item into a GC struct.
        containerDepth.set(item, 0)
        stack.pop()
        continue
      }
      const known = containerDepth.get(struct)
      if (known !== undefined) {
        containerDepth.set(item, nested ? typeDepth(struct, known) : known)
        resolving.delete(item)
        stack.pop()
        continue
      }
      if (resolving.has(struct) || struct === item) {
        // A cycle of origins: no real client writes one, and Yjs cannot integrate it.
        containerDepth.set(item, 0)
        stack.pop()
        continue
      }
      resolving.add(item)
      stack.push(struct)
    }
    return containerDepth.get(start)!
  }

  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue
    // Decoded without a document, a root parent is its name (a string), whatever Yjs's types say.
    const parent = struct.parent as unknown
    if (typeof parent === 'string' && parent.length > limits.maxKeyLength) return { kind: 'key', length: parent.length }
    if (struct.parentSub !== null && struct.parentSub.length > limits.maxKeyLength) return { kind: 'key', length: struct.parentSub.length }
    if (!(struct.content instanceof Y.ContentType)) continue
    const depth = typeDepth(struct, resolve(struct))
    if (depth > limits.maxDepth) return { kind: 'depth', depth }
  }
  return null
}

/** Depth of the type an item creates, from the depth of the type it lives in (0 stays unknown). */
const typeDepth = (item: Y.Item, container: number): number => (container === 0 || !(item.content instanceof Y.ContentType) ? 0 : container + 1)

/** The update's structs by client, each list in clock order (as `Y.decodeUpdate` returns them per client). */
function indexByClient(structs: readonly Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    let list = byClient.get(struct.id.client)
    if (!list) byClient.set(struct.id.client, (list = []))
    list.push(struct)
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  return byClient
}

/**
 * For an id already in `doc`: the depth of the type its item creates (`asParent`), or of the type it
 * lives in. Counted up to `cap + 1` at most: a stored document is never walked further than that.
 */
function depthInDoc(doc: Y.Doc, id: Y.ID, asParent: boolean, cap: number): number {
  const structs = doc.store.clients.get(id.client)
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return 0
  const struct = structs[Y.findIndexSS(structs, id.clock)]
  if (!(struct instanceof Y.Item)) return 0
  let type: Y.AbstractType<unknown> | null = asParent
    ? struct.content instanceof Y.ContentType
      ? struct.content.type
      : null
    : (struct.parent as Y.AbstractType<unknown> | null)
  if (!type) return 0
  let depth = 1
  while (type._item !== null && depth <= cap) {
    depth++
    type = type._item.parent as Y.AbstractType<unknown> | null
    if (!type) return 0
  }
  return depth
}
