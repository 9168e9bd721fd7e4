import { DOCUMENT_LAYOUT, docKind, ROOT, typeLayoutRoots } from '@ensemble/shared'
import * as Y from 'yjs'
import { cloneBounded } from './boundedClone.ts'
import { canonicalJson } from './canonical.ts'
import { richTextNodeJson, typeJson } from './documentJson.ts'
import { boundPlain } from './readDepth.ts'

/** Sign-off state lives in `meta` but is not content: a restore keeps the live values. */
export const SIGNOFF_META_KEYS: ReadonlySet<string> = new Set(['status', 'adoptedVersionId'])

// Read and copied with the bounded readers (readDepth.ts): a legacy document nested deeper than
// LIMITS.maxNestingDepth is restored as its versions show it, flattened, never overflowing the stack.
const plain = (value: unknown): unknown => (value instanceof Y.AbstractType ? typeJson(value, 2) : boundPlain(value))
const same = (a: unknown, b: unknown): boolean => canonicalJson(plain(a)) === canonicalJson(plain(b))
const sameNode = (a: Y.XmlElement | Y.XmlText | Y.XmlHook, b: Y.XmlElement | Y.XmlText | Y.XmlHook): boolean =>
  canonicalJson(richTextNodeJson(a)) === canonicalJson(richTextNodeJson(b))

/** A value of a map of `source` ready to be inserted into another document (types are cloned, JSON copied). */
function copy(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return cloneBounded(value, 2)
  return value === undefined ? value : JSON.parse(JSON.stringify(plain(value)))
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
  while (start < a.length && start < b.length && sameNode(a[start]!, b[start]!)) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && sameNode(a[a.length - 1 - end]!, b[b.length - 1 - end]!)) end++
  const removed = a.length - start - end
  if (removed > 0) live.delete(start, removed)
  const inserted = b.slice(start, b.length - end).map((node) => cloneBounded(node, 2))
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
