import type * as Y from 'yjs'
import type { DocumentMeta } from '../entities/documentMeta.ts'
import { ROOT } from './documents.ts'

export const contentOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(ROOT.content)
export const documentMetaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.meta)
export const readDocumentMeta = (doc: Y.Doc): Partial<DocumentMeta> => documentMetaOf(doc).toJSON() as Partial<DocumentMeta>
