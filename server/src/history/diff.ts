import { ROOT, type RichTextNode } from '@ensemble/shared'
import { diffArrays, diffWords } from 'diff'
import { canonicalJson } from './canonical.ts'
import { nodeText, type DocumentJson } from './documentJson.ts'

export interface TextPart {
  text: string
  op: 'equal' | 'insert' | 'delete'
}

/** One block of a rich text in a diff: kept, inserted, deleted, or changed (with a word diff). */
export interface BlockDiff {
  status: 'equal' | 'inserted' | 'deleted' | 'changed'
  type: string
  attrs?: Record<string, unknown>
  parts: TextPart[]
}

/** One entry of a map root (an action, a body, a meta key) in a diff. */
export interface EntryDiff {
  root: string
  key: string
  status: 'inserted' | 'deleted' | 'changed'
  before: unknown
  after: unknown
}

export interface DocumentDiff {
  blocks: BlockDiff[]
  entries: EntryDiff[]
}

const blockOf = (node: RichTextNode, status: BlockDiff['status'], parts: TextPart[]): BlockDiff => {
  const attrs = (node as { attrs?: Record<string, unknown> }).attrs
  return { status, type: node.type, ...(attrs ? { attrs } : {}), parts }
}

/** Blocks aligned as a whole, then a removed block followed by an added one is shown as a word diff. */
function diffBlocks(before: RichTextNode[], after: RichTextNode[]): BlockDiff[] {
  const out: BlockDiff[] = []
  const changes = diffArrays(before.map((b) => canonicalJson(b)), after.map((b) => canonicalJson(b)))
  let a = 0
  let b = 0
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!
    const n = change.count ?? change.value.length
    if (!change.added && !change.removed) {
      for (let k = 0; k < n; k++) out.push(blockOf(after[b + k]!, 'equal', [{ text: nodeText(after[b + k]!), op: 'equal' }]))
      a += n
      b += n
      continue
    }
    if (change.removed && changes[i + 1]?.added) {
      const next = changes[i + 1]!
      const m = next.count ?? next.value.length
      const paired = Math.min(n, m)
      for (let k = 0; k < paired; k++) {
        const parts = diffWords(nodeText(before[a + k]!), nodeText(after[b + k]!)).map(
          (p): TextPart => ({ text: p.value, op: p.added ? 'insert' : p.removed ? 'delete' : 'equal' }),
        )
        out.push(blockOf(after[b + k]!, 'changed', parts))
      }
      for (let k = paired; k < n; k++) out.push(blockOf(before[a + k]!, 'deleted', [{ text: nodeText(before[a + k]!), op: 'delete' }]))
      for (let k = paired; k < m; k++) out.push(blockOf(after[b + k]!, 'inserted', [{ text: nodeText(after[b + k]!), op: 'insert' }]))
      a += n
      b += m
      i++
      continue
    }
    if (change.removed) {
      for (let k = 0; k < n; k++) out.push(blockOf(before[a + k]!, 'deleted', [{ text: nodeText(before[a + k]!), op: 'delete' }]))
      a += n
    } else {
      for (let k = 0; k < n; k++) out.push(blockOf(after[b + k]!, 'inserted', [{ text: nodeText(after[b + k]!), op: 'insert' }]))
      b += n
    }
  }
  return out
}

function diffEntries(root: string, before: Record<string, unknown>, after: Record<string, unknown>): EntryDiff[] {
  const out: EntryDiff[] = []
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const had = Object.hasOwn(before, key)
    const has = Object.hasOwn(after, key)
    if (had && has && canonicalJson(before[key]) === canonicalJson(after[key])) continue
    out.push({ root, key, status: !had ? 'inserted' : !has ? 'deleted' : 'changed', before: had ? before[key] : null, after: has ? after[key] : null })
  }
  return out
}

/** The difference between two states of one document, in the document's own layout. */
export function diffDocuments(before: DocumentJson, after: DocumentJson): DocumentDiff {
  const blocks = diffBlocks((before[ROOT.content] ?? []) as RichTextNode[], (after[ROOT.content] ?? []) as RichTextNode[])
  const entries: EntryDiff[] = []
  for (const root of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (root === ROOT.content) continue
    entries.push(...diffEntries(root, (before[root] ?? {}) as Record<string, unknown>, (after[root] ?? {}) as Record<string, unknown>))
  }
  return { blocks, entries }
}
