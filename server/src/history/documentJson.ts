import { DOCUMENT_LAYOUT, docKind, richTextNodes, type RichTextNode, typeLayoutRoots } from '@ensemble/shared'
import type * as Y from 'yjs'

/** A document as plain JSON, one entry per root of its layout (maps as objects, XML as node trees). */
export type DocumentJson = Record<string, unknown>

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
    out[name] = type === 'map' ? doc.getMap(name).toJSON() : richTextNodes(doc.getXmlFragment(name))
  }
  return out
}

/** Plain text of a node tree (for word diffs, clause titles and exports). */
export function nodeText(node: RichTextNode): string {
  if ('text' in node && typeof node.text === 'string') return node.text
  const content = (node as { content?: RichTextNode[] }).content ?? []
  const sep = content.some((child) => child.type !== 'text' && child.type !== 'hardBreak') ? '\n' : ''
  return content.map((child) => (child.type === 'hardBreak' ? '\n' : nodeText(child))).join(sep)
}
