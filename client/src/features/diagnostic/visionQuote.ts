import { ROOT } from '@ensemble/shared'
import * as Y from 'yjs'

/** The plain text of the first non-empty paragraph of a rich-text document (its marks dropped), or ''. */
export function firstParagraph(doc: Y.Doc): string {
  for (const node of doc.getXmlFragment(ROOT.content).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue
    const text = node
      .toArray()
      .map((child) =>
        child instanceof Y.XmlText ? (child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('') : '',
      )
      .join('')
      .trim()
    if (text) return text
  }
  return ''
}
