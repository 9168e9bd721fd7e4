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
  /** Blocks and entries past DIFF_MAX_ITEMS, left out of this answer (0 when all are in). */
  omitted: { blocks: number; entries: number }
}

/**
 * Bounds of one diff, so its cost follows the size of the change, not a request's wish (LOOP4).
 * Beyond DIFF_MAX_EDITS blocks changed, the texts are shown as all removed then all added; beyond
 * WORD_MAX_EDITS words changed in one block, the block is shown as removed then added whole; a diff
 * lists at most DIFF_MAX_ITEMS blocks and entries each (the rest counted in `omitted`).
 */
export const DIFF_MAX_EDITS = 2_000
export const WORD_MAX_EDITS = 1_000
export const DIFF_MAX_ITEMS = 5_000

const blockOf = (node: RichTextNode, status: BlockDiff['status'], parts: TextPart[]): BlockDiff => {
  const attrs = (node as { attrs?: Record<string, unknown> }).attrs
  return { status, type: node.type, ...(attrs ? { attrs } : {}), parts }
}

/** Blocks aligned as a whole, then a removed block followed by an added one is shown as a word diff. */
export function diffBlocks(before: RichTextNode[], after: RichTextNode[]): BlockDiff[] {
  const out: BlockDiff[] = []
  const [from, to] = [before.map((b) => canonicalJson(b)), after.map((b) => canonicalJson(b))]
  const changes = diffArrays(from, to, { maxEditLength: DIFF_MAX_EDITS }) ?? [
    { value: from, count: from.length, added: false, removed: true },
    { value: to, count: to.length, added: true, removed: false },
  ]
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
      for (let k = 0; k < paired; k++) out.push(blockOf(after[b + k]!, 'changed', wordDiff(nodeText(before[a + k]!), nodeText(after[b + k]!))))
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

/** Words removed and added in one block; past WORD_MAX_EDITS, the old text removed and the new one added whole. */
function wordDiff(before: string, after: string): TextPart[] {
  const changes = diffWords(before, after, { maxEditLength: WORD_MAX_EDITS })
  if (!changes) return [...(before ? [{ text: before, op: 'delete' as const }] : []), ...(after ? [{ text: after, op: 'insert' as const }] : [])]
  return changes.map((p): TextPart => ({ text: p.value, op: p.added ? 'insert' : p.removed ? 'delete' : 'equal' }))
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

/** The difference between two states of one document, in the document's own layout (bounded: see DIFF_MAX_ITEMS). */
export function diffDocuments(before: DocumentJson, after: DocumentJson): DocumentDiff {
  const blocks = diffBlocks((before[ROOT.content] ?? []) as RichTextNode[], (after[ROOT.content] ?? []) as RichTextNode[])
  const entries: EntryDiff[] = []
  for (const root of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (root === ROOT.content) continue
    for (const entry of diffEntries(root, (before[root] ?? {}) as Record<string, unknown>, (after[root] ?? {}) as Record<string, unknown>)) entries.push(entry)
  }
  return {
    blocks: blocks.slice(0, DIFF_MAX_ITEMS),
    entries: entries.slice(0, DIFF_MAX_ITEMS),
    omitted: { blocks: Math.max(0, blocks.length - DIFF_MAX_ITEMS), entries: Math.max(0, entries.length - DIFF_MAX_ITEMS) },
  }
}
