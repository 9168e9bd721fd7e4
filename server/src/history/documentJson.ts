import { DOCUMENT_LAYOUT, docKind, typeLayoutRoots } from '@ensemble/shared'
import * as Y from 'yjs'

/** A rich-text node as ProseMirror's JSON has it: elements with attributes and content, text with marks. */
export type DocNode =
  | { type: 'text'; text: string; marks?: Record<string, unknown> }
  | { type: string; attrs?: Record<string, unknown>; content?: DocNode[] }

/** A document as plain JSON, one entry per root of its layout (maps as objects, XML as node trees). */
export type DocumentJson = Record<string, unknown>

function xmlNodes(parent: Y.XmlFragment | Y.XmlElement): DocNode[] {
  return parent.toArray().flatMap((node): DocNode[] => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((op) => ({
        type: 'text',
        text: typeof op.insert === 'string' ? op.insert : JSON.stringify(op.insert),
        ...(op.attributes ? { marks: op.attributes } : {}),
      }))
    }
    if (node instanceof Y.XmlElement) {
      const attrs = node.getAttributes() as Record<string, unknown>
      return [{ type: node.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), content: xmlNodes(node) }]
    }
    return []
  })
}

/**
 * The document's content in its own layout (docs/ARCHITECTURE.md §Documents), the same whatever
 * operations produced it: this is what versions show, restore reproduces and sign-off hashes.
 */
export function documentJson(doc: Y.Doc, docName: string): DocumentJson {
  const kind = docKind(docName)
  if (!kind) throw new Error(`unknown document ${docName}`)
  typeLayoutRoots(doc, kind)
  const out: DocumentJson = {}
  for (const [name, type] of Object.entries(DOCUMENT_LAYOUT[kind])) {
    out[name] = type === 'map' ? doc.getMap(name).toJSON() : xmlNodes(doc.getXmlFragment(name))
  }
  return out
}

/** Plain text of a node tree (for word diffs, clause titles and exports). */
export function nodeText(node: DocNode): string {
  if ('text' in node && typeof node.text === 'string') return node.text
  const content = (node as { content?: DocNode[] }).content ?? []
  const sep = content.some((child) => child.type !== 'text' && child.type !== 'hardBreak') ? '\n' : ''
  return content.map((child) => (child.type === 'hardBreak' ? '\n' : nodeText(child))).join(sep)
}
