import { canonicalJson } from './canonical.ts'
import { clausesOf } from './clauses.ts'
import { DIFF_MAX_ITEMS, diffBlocks, type BlockDiff } from './diff.ts'
import type { DocumentJson } from './documentJson.ts'

/** One clause of a proposed text against the adopted one (SIGN14): its word diff, or nothing when unchanged. */
export interface ClauseDiff {
  key: string
  status: 'unchanged' | 'changed' | 'added' | 'removed'
  /** The clause's blocks with their word diff; empty for an unchanged clause (nothing to read again). */
  blocks: BlockDiff[]
  /** Blocks left out past DIFF_MAX_ITEMS for the whole text (0 when all are in). */
  omitted: number
}

/**
 * The clauses of `after` in order, then those `before` had and `after` lost, each with the word
 * diff of its own blocks (diff.ts): a reader approves an article on what changed in it. Without
 * `before` (no adopted text yet), every clause is added. Bounded like a document diff: at most
 * DIFF_MAX_ITEMS blocks in all.
 */
export function clauseDiffs(before: DocumentJson | null, after: DocumentJson): ClauseDiff[] {
  const old = new Map((before ? clausesOf(before) : []).map((c) => [c.key, c.blocks]))
  const now = clausesOf(after)
  const out: Omit<ClauseDiff, 'omitted'>[] = []
  for (const clause of now) {
    const was = old.get(clause.key)
    if (was && canonicalJson(was) === canonicalJson(clause.blocks)) out.push({ key: clause.key, status: 'unchanged', blocks: [] })
    else out.push({ key: clause.key, status: was ? 'changed' : 'added', blocks: diffBlocks(was ?? [], clause.blocks) })
  }
  const kept = new Set(now.map((c) => c.key))
  for (const [key, blocks] of old) if (!kept.has(key)) out.push({ key, status: 'removed', blocks: diffBlocks(blocks, []) })
  let room = DIFF_MAX_ITEMS
  return out.map((clause) => {
    const blocks = clause.blocks.slice(0, room)
    room -= blocks.length
    return { ...clause, blocks, omitted: clause.blocks.length - blocks.length }
  })
}
