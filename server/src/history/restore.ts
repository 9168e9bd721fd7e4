import { DOCUMENT_LAYOUT, docKind, ROOT, typeLayoutRoots } from '@ensemble/shared'
import * as Y from 'yjs'
import { canonicalJson } from './canonical.ts'

/** Sign-off state lives in `meta` but is not content: a restore keeps the live values. */
export const SIGNOFF_META_KEYS: ReadonlySet<string> = new Set(['status', 'adoptedVersionId'])

type Plain = unknown
const plain = (value: unknown): Plain => (value instanceof Y.AbstractType ? value.toJSON() : value)
const same = (a: unknown, b: unknown): boolean => canonicalJson(plain(a)) === canonicalJson(plain(b))

/** A value of `source` ready to be inserted into another document (types are cloned, JSON copied). */
function copy<T>(value: T): T {
  if (value instanceof Y.AbstractType) return (value as unknown as { clone(): T }).clone()
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

function restoreMap(live: Y.Map<unknown>, source: Y.Map<unknown>, keep: ReadonlySet<string>): void {
  for (const key of [...live.keys()]) if (!keep.has(key) && !source.has(key)) live.delete(key)
  source.forEach((value, key) => {
    if (keep.has(key)) return
    if (!live.has(key) || !same(live.get(key), value)) live.set(key, copy(value))
  })
}

/** Keeps the blocks both sides share at the start and the end; replaces only what lies between. */
function restoreXml(live: Y.XmlFragment, source: Y.XmlFragment): void {
  const a = live.toArray()
  const b = source.toArray()
  let start = 0
  while (start < a.length && start < b.length && same(a[start]!.toJSON(), b[start]!.toJSON())) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && same(a[a.length - 1 - end]!.toJSON(), b[b.length - 1 - end]!.toJSON())) end++
  const removed = a.length - start - end
  if (removed > 0) live.delete(start, removed)
  const inserted = b.slice(start, b.length - end).map((node) => node.clone())
  if (inserted.length > 0) live.insert(start, inserted as (Y.XmlElement | Y.XmlText)[])
}

/**
 * Makes `live` hold the content of `source` (a past state of the same document), as one change on
 * top of `live`: nothing of the log is rewritten, the history shows the restore. Sign-off keys of
 * `meta` keep their live values. Call inside a transaction on `live`.
 */
export function restoreInto(live: Y.Doc, source: Y.Doc, docName: string): void {
  const kind = docKind(docName)
  if (!kind) throw new Error(`unknown document ${docName}`)
  typeLayoutRoots(live, kind)
  typeLayoutRoots(source, kind)
  for (const [name, type] of Object.entries(DOCUMENT_LAYOUT[kind])) {
    if (type === 'map') restoreMap(live.getMap(name), source.getMap(name), kind === 'richText' && name === ROOT.meta ? SIGNOFF_META_KEYS : new Set())
    else restoreXml(live.getXmlFragment(name), source.getXmlFragment(name))
  }
}
