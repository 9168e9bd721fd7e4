import { ROOT, type RichTextNode } from '@ensemble/shared'
import { canonicalJson, sha256 } from './canonical.ts'
import { SIGNOFF_META_KEYS } from './restore.ts'
import { nodeText, type DocumentJson } from './documentJson.ts'

/** A top-level section of a rich text: a heading and the blocks up to the next heading of its level. */
export interface Clause {
  /** The heading's text (suffixed " (2)"… when repeated); '' for what precedes the first heading. */
  key: string
  blocks: RichTextNode[]
}

const headingLevel = (node: RichTextNode): number | null =>
  node.type === 'heading' ? Number((node as { attrs?: { level?: unknown } }).attrs?.level ?? 1) : null

/** Splits a rich text into clauses at its highest-level headings. */
export function clausesOf(json: DocumentJson): Clause[] {
  const blocks = (Array.isArray(json[ROOT.content]) ? json[ROOT.content] : []) as RichTextNode[]
  const levels = blocks.map(headingLevel).filter((l): l is number => l !== null)
  const top = levels.length ? Math.min(...levels) : null
  const clauses: Clause[] = []
  const seen = new Map<string, number>()
  for (const block of blocks) {
    if (top !== null && headingLevel(block) === top) {
      const title = nodeText(block).trim()
      const n = (seen.get(title) ?? 0) + 1
      seen.set(title, n)
      clauses.push({ key: n > 1 ? `${title} (${n})` : title, blocks: [block] })
    } else {
      if (clauses.length === 0) clauses.push({ key: '', blocks: [] })
      clauses.at(-1)!.blocks.push(block)
    }
  }
  return clauses
}

/** Clauses added, removed or changed between two texts, in the order of `after` then removed ones. */
export function changedClauses(before: DocumentJson, after: DocumentJson): string[] {
  const old = new Map(clausesOf(before).map((c) => [c.key, canonicalJson(c.blocks)]))
  const now = clausesOf(after)
  const changed = now.filter((c) => old.get(c.key) !== canonicalJson(c.blocks)).map((c) => c.key)
  const removed = [...old.keys()].filter((key) => !now.some((c) => c.key === key))
  return [...changed, ...removed]
}

/** What partners sign: the document's content without its sign-off state. */
export function signedContent(json: DocumentJson): DocumentJson {
  const meta = json[ROOT.meta]
  if (!meta || typeof meta !== 'object') return json
  const kept = Object.fromEntries(Object.entries(meta as Record<string, unknown>).filter(([key]) => !SIGNOFF_META_KEYS.has(key)))
  return { ...json, [ROOT.meta]: kept }
}

/** The content hash frozen by a proposal: SHA-256 of the canonical JSON of the signed content. */
export const contentHash = (json: DocumentJson): string => sha256(canonicalJson(signedContent(json)))
