import * as Y from 'yjs'

/**
 * A rich-text node as ProseMirror's JSON has it, read from the Yjs view of the editor's content
 * (richTextLayout.ts): elements with their attributes and children, and text runs whose marks are
 * the Yjs formatting attributes, `{ bold: {}, link: { href } }`.
 */
export type RichTextNode =
  | { type: 'text'; text: string; marks?: Record<string, unknown> }
  | { type: string; attrs?: Record<string, unknown>; content?: RichTextNode[] }

/** The nodes under a fragment or element: versions, diffs and exports read them, and the page's first screen. */
export function richTextNodes(parent: Y.XmlFragment | Y.XmlElement): RichTextNode[] {
  return parent.toArray().flatMap((node): RichTextNode[] => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((op) => ({
        type: 'text',
        text: typeof op.insert === 'string' ? op.insert : JSON.stringify(op.insert),
        ...(op.attributes ? { marks: op.attributes } : {}),
      }))
    }
    if (node instanceof Y.XmlElement) {
      const attrs = node.getAttributes() as Record<string, unknown>
      return [{ type: node.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), content: richTextNodes(node) }]
    }
    return []
  })
}

/** y-prosemirror names overlapping marks of one type `name--hash`; the schema knows them by `name`. */
export const richTextMarkName = (key: string): string => key.replace(/--[^-]+$/, '')
