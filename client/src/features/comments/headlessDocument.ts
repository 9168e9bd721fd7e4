import type { Node as PmNode } from '@tiptap/pm/model'
import { initProseMirrorDoc } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { richTextSchema } from '../documents/richTextExtensions.ts'
import type { ProsemirrorMapping } from './anchors.ts'

/**
 * A rich-text fragment as the editor would render it, without a view: the ProseMirror document and the
 * Yjs → ProseMirror mapping the anchors need. For code that reads anchors outside an editor (tests).
 */
export function headlessDocument(fragment: Y.XmlFragment): { doc: PmNode; mapping: ProsemirrorMapping } {
  const { doc, mapping } = initProseMirrorDoc(fragment, richTextSchema())
  return { doc, mapping: mapping as ProsemirrorMapping }
}
