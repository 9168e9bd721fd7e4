import { HEADING_LEVELS, isAllowedHref, richTextMarkName, richTextNodes, type RichTextNode } from '@ensemble/shared'
import { createElement, Fragment, type ReactNode, useEffect, useState } from 'react'
import type * as Y from 'yjs'

/**
 * The editor's content as read-only HTML, built from the Yjs fragment without TipTap: the document
 * page shows it as soon as the document has arrived, while the editor's half-megabyte of code
 * loads (BENCH4; docs/BENCHMARKS.md, "Fifth round"). Same tags as the editor's own
 * rendering, inside the same `.prose` surface, so nothing moves when the editor takes its place.
 */
export function RichTextPreview({ fragment, label }: { fragment: Y.XmlFragment; label: string }) {
  const [blocks, setBlocks] = useState(() => richTextNodes(fragment))
  // Edits of the others may arrive while the editor loads: show them too.
  useEffect(() => {
    const changed = () => setBlocks(richTextNodes(fragment))
    fragment.observeDeep(changed)
    return () => fragment.unobserveDeep(changed)
  }, [fragment])
  return (
    <div className="prose prose--preview" aria-label={label} aria-busy="true" role="document" data-testid="document-preview">
      {blocks.length ? renderNodes(blocks) : <p>{textBlock([])}</p>}
    </div>
  )
}

/** How the editor (TipTap's StarterKit and TableKit) writes each node type as HTML. */
const BLOCK_TAGS: Readonly<Record<string, string>> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  tableRow: 'tr',
  tableCell: 'td',
  tableHeader: 'th',
}

/** Marks from the innermost out, as ProseMirror nests them (a link wraps the bold inside it). */
const MARK_TAGS: readonly (readonly [string, string])[] = [
  ['code', 'code'],
  ['strike', 's'],
  ['underline', 'u'],
  ['italic', 'em'],
  ['bold', 'strong'],
  ['link', 'a'],
]

export function renderNodes(nodes: readonly RichTextNode[]): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index))
}

function renderNode(node: RichTextNode, key: number): ReactNode {
  if (node.type === 'text' && 'text' in node) return renderText(node.text, node.marks ?? {}, key)
  const element = node as { type: string; attrs?: Record<string, unknown>; content?: RichTextNode[] }
  const attrs = element.attrs ?? {}
  const children = renderNodes(element.content ?? [])
  switch (element.type) {
    case 'heading':
      return createElement(`h${(HEADING_LEVELS as readonly unknown[]).includes(attrs.level) ? attrs.level : 1}`, { key }, textBlock(children))
    case 'paragraph':
      return createElement('p', { key }, textBlock(children))
    case 'orderedList':
      return createElement('ol', { key, start: typeof attrs.start === 'number' && attrs.start !== 1 ? attrs.start : undefined }, children)
    case 'codeBlock':
      return createElement('pre', { key }, createElement('code', null, children))
    case 'table':
      return createElement('div', { key, className: 'tableWrapper' }, createElement('table', null, createElement('tbody', null, children)))
    case 'horizontalRule':
      return createElement('hr', { key })
    case 'hardBreak':
      return createElement('br', { key })
    case 'tableCell':
    case 'tableHeader':
      return createElement(BLOCK_TAGS[element.type]!, { key, colSpan: spanOf(attrs.colspan), rowSpan: spanOf(attrs.rowspan) }, children)
    default:
      // The server accepts only the editor's schema (shared/src/rules/richText.ts); anything else shows as a block.
      return createElement(BLOCK_TAGS[element.type] ?? 'div', { key }, children)
  }
}

/** An empty paragraph keeps one line's height, as in the editor (ProseMirror puts a <br> in it). */
const textBlock = (children: ReactNode[]): ReactNode[] => (children.length ? children : [createElement('br', { key: 0 })])

const spanOf = (value: unknown): number | undefined => (typeof value === 'number' && value > 1 ? value : undefined)

function renderText(text: string, marks: Record<string, unknown>, key: number): ReactNode {
  const present = new Map(Object.entries(marks).map(([name, attrs]) => [richTextMarkName(name), attrs]))
  let out: ReactNode = text
  for (const [mark, tag] of MARK_TAGS) {
    if (!present.has(mark)) continue
    if (mark !== 'link') {
      out = createElement(tag, null, out)
      continue
    }
    const href = (present.get('link') as { href?: unknown } | null)?.href
    // Only what the server accepts is a link (VAL20); anything else stays text.
    if (isAllowedHref(href)) out = createElement('a', { href: href as string, rel: 'noopener noreferrer nofollow', target: '_blank' }, out)
  }
  return createElement(Fragment, { key }, out)
}
