import { docKind, typeLayoutRoots } from '@ensemble/shared'
import * as Y from 'yjs'
import type { LogRow } from '../../storage/docStore.ts'

/** An empty document to replay a log into; with `docName`, the layout's roots are typed first. */
export function replayDoc(docName?: string): Y.Doc {
  const doc = new Y.Doc()
  // Typed roots before the first row: a root typed later would be a new object, unknown to the
  // transactions already recorded against the untyped one.
  const kind = docName === undefined ? null : docKind(docName)
  if (kind) typeLayoutRoots(doc, kind)
  return doc
}

/**
 * Applies log rows to `doc` in order (a new document, or one that already holds the rows before
 * them). `onRow` sees the document right after each row, with the transaction that applied it, from
 * Yjs' `afterTransaction` (before garbage collection, as describeChanges needs).
 */
export function replayInto(doc: Y.Doc, rows: readonly LogRow[], onRow?: (row: LogRow, doc: Y.Doc, transaction: Y.Transaction | null) => void): Y.Doc {
  let current: LogRow | null = null
  let seen = false
  const hook = (transaction: Y.Transaction) => {
    if (!current || seen) return
    seen = true
    onRow?.(current, doc, transaction)
  }
  if (onRow) doc.on('afterTransaction', hook)
  for (const row of rows) {
    current = row
    seen = false
    Y.applyUpdate(doc, row.data)
    if (!seen) onRow?.(row, doc, null)
  }
  doc.off('afterTransaction', hook)
  return doc
}

/**
 * Rebuilds a document from its log rows alone (rows are never deleted; compaction only adds a
 * snapshot), calling `onRow` after each row (see replayInto).
 */
export function replay(rows: readonly LogRow[], onRow?: (row: LogRow, doc: Y.Doc, transaction: Y.Transaction | null) => void, docName?: string): Y.Doc {
  return replayInto(replayDoc(docName), rows, onRow)
}

/** The document as it was right after row `upTo` (its whole log when omitted). */
export function stateAt(rows: readonly LogRow[], upTo?: number): Y.Doc {
  return replay(upTo === undefined ? rows : rows.filter((row) => row.id <= upTo))
}
