import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import type { LoadedDoc } from '../storage/docStore.ts'

/**
 * A storage-independent fingerprint of a Yjs document: the SHA-256 of a canonical JSON of its state
 * vector and of every root type's content (map keys sorted, rich text as formatted deltas, XML as
 * element trees). Two loads hash equal when they hold the same operations and the same content,
 * however the bytes were split between snapshot and log.
 */
export function docHash(loaded: LoadedDoc): string {
  const doc = new Y.Doc()
  try {
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
    for (const update of loaded.updates) Y.applyUpdate(doc, update)
    return createHash('sha256')
      .update(JSON.stringify(canonicalDoc(doc)))
      .digest('hex')
  } finally {
    doc.destroy()
  }
}

export function canonicalDoc(doc: Y.Doc): { stateVector: [number, number][]; roots: Record<string, unknown> } {
  const stateVector = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b)
  const names = [...doc.share.keys()].sort()
  const roots: Record<string, unknown> = {}
  for (const name of names) roots[name] = canonical(typedRoot(doc, name))
  return { stateVector, roots }
}

/**
 * Root types decoded from an update are untyped until someone asks for them by constructor; infer
 * the constructor from the content, as the application's `getMap`/`getText`/`getXmlFragment` would.
 */
function typedRoot(doc: Y.Doc, name: string): Y.AbstractType<any> {
  const type: Y.AbstractType<any> = doc.share.get(name)!
  const untyped = (type.constructor as unknown) === Y.AbstractType
  if (!untyped) return type
  if (type._start === null) return type._map.size > 0 ? doc.getMap(name) : doc.getArray(name)
  for (let item: Y.Item | null = type._start; item; item = item.right) {
    const content = item.content
    if (content instanceof Y.ContentDeleted) continue
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) return doc.getText(name)
    if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText || content.type instanceof Y.XmlHook)) {
      return doc.getXmlFragment(name)
    }
    return doc.getArray(name)
  }
  return doc.getArray(name)
}

const sortedObject = (entries: [string, unknown][]): Record<string, unknown> =>
  Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, canonical(v)]))

function canonicalDelta(delta: { insert?: unknown; attributes?: Record<string, unknown> }[]): unknown[] {
  return delta.map((op) => ({ insert: canonical(op.insert), attributes: op.attributes ? sortedObject(Object.entries(op.attributes)) : null }))
}

/** Subclasses first: XmlText is a Text, XmlElement an XmlFragment, XmlHook a Map. */
function canonical(value: unknown): unknown {
  if (value instanceof Y.XmlHook) return { hook: value.hookName, map: sortedObject([...value.entries()]) }
  if (value instanceof Y.XmlElement) {
    return { element: value.nodeName, attributes: sortedObject(Object.entries(value.getAttributes())), children: value.toArray().map(canonical) }
  }
  if (value instanceof Y.XmlText) return { xmlText: canonicalDelta(value.toDelta()) }
  if (value instanceof Y.XmlFragment) return { fragment: value.toArray().map(canonical) }
  if (value instanceof Y.Text) return { text: canonicalDelta(value.toDelta()) }
  if (value instanceof Y.Map) return { map: sortedObject([...value.entries()]) }
  if (value instanceof Y.Array) return { array: value.toArray().map(canonical) }
  if (value instanceof Y.Doc) return { subdoc: value.guid }
  if (value instanceof Y.AbstractType) return { unknownType: value.constructor.name }
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') }
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === 'object') return sortedObject(Object.entries(value))
  return value === undefined ? null : value
}
