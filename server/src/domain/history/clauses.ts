import { ROOT, type RichTextNode } from '@ensemble/shared'
import { canonicalJson, sha256 } from './canonical.ts'
import { SIGNOFF_META_KEYS } from './restore.ts'
import { nodeText, type DocumentJson } from './documentJson.ts'

/** A section of a rich text: a heading of the clause level and the blocks up to the next heading of that level or above. */
export interface Clause {
  /** The heading's text (suffixed " (2)"… when repeated); '' for what precedes the first heading, or a text without headings. */
  key: string
  blocks: RichTextNode[]
}

const headingLevel = (node: RichTextNode): number | null =>
  node.type === 'heading' ? Number((node as { attrs?: { level?: unknown } }).attrs?.level ?? 1) : null

/** « Article 3 », « ARTICLE 12 — Durée », « Article premier »: a heading that names an article. */
const ARTICLE = /^article\s+\S/i

/**
 * The heading level a text's clauses start at (SIGN13): the shallowest level of its « Article … »
 * headings; without any, the shallowest level used more than once; else the shallowest level; null
 * without headings (the whole text is one clause). A single title above the articles stays a clause
 * of its own instead of swallowing them.
 */
export function clauseLevel(blocks: readonly RichTextNode[]): number | null {
  const headings = blocks.flatMap((b) => {
    const level = headingLevel(b)
    return level === null ? [] : [{ level, article: ARTICLE.test(nodeText(b).trim()) }]
  })
  if (headings.length === 0) return null
  const articles = headings.filter((h) => h.article).map((h) => h.level)
  if (articles.length) return Math.min(...articles)
  const counts = new Map<number, number>()
  for (const { level } of headings) counts.set(level, (counts.get(level) ?? 0) + 1)
  const repeated = [...counts].filter(([, n]) => n > 1).map(([level]) => level)
  return Math.min(...(repeated.length ? repeated : [...counts.keys()]))
}

/**
 * Splits a rich text into clauses at the headings of its clause level (or shallower). A clause's id
 * is its heading's text, so it stays the same whatever is edited around or inside it.
 */
export function clausesOf(json: DocumentJson): Clause[] {
  const blocks = (Array.isArray(json[ROOT.content]) ? json[ROOT.content] : []) as RichTextNode[]
  const top = clauseLevel(blocks)
  const clauses: Clause[] = []
  const seen = new Map<string, number>()
  for (const block of blocks) {
    const level = headingLevel(block)
    if (top !== null && level !== null && level <= top) {
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
