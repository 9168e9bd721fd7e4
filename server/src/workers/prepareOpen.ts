import { actionsOf, encodePlanPreview, encodeSyncStep2V2, PLAN_PREVIEW_MIN_ACTIONS, planPreviewOf, type DocKind } from '@ensemble/shared'
import * as Y from 'yjs'
import { DocumentTooLargeError, type PreparedDoc } from '../collab/preparedDoc.ts'
import { encodeSyncStep2Update } from '../collab/protocol.ts'
import type { DocKey, DocStore } from '../storage/docStore.ts'
import { splitState } from './splitState.ts'

export interface PrepareOpenInput {
  key: DocKey
  kind: DocKind
  /** The largest state this document may have (LIMITS.maxDocumentBytes of its kind, or the server's own). */
  maxBytes: number
  pieceBytes: number
}

/**
 * Runs on a document thread when a large document's room opens (rooms.ts): reads the snapshot and
 * the log rows after it, rebuilds the document, refuses it when its state is larger than allowed,
 * and encodes what the room needs (collab/preparedDoc.ts) — the event loop only applies the pieces.
 */
export async function prepareOpen(store: DocStore, { key, kind, maxBytes, pieceBytes }: PrepareOpenInput): Promise<PreparedDoc> {
  const loaded = await store.load(key)
  const storedBytes = (loaded.snapshot?.byteLength ?? 0) + loaded.updates.reduce((sum, update) => sum + update.byteLength, 0)
  const doc = new Y.Doc({ gc: true })
  try {
    Y.transact(doc, () => {
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
      for (const update of loaded.updates) Y.applyUpdate(doc, update)
    })
    const update = Y.encodeStateAsUpdate(doc)
    if (update.byteLength > maxBytes) throw new DocumentTooLargeError(update.byteLength, maxBytes)
    const frameV1 = encodeSyncStep2Update(update)
    const large = kind === 'plan' && actionsOf(doc).size >= PLAN_PREVIEW_MIN_ACTIONS
    return {
      pieces: splitState(doc, pieceBytes),
      frameV1,
      v1Offset: frameV1.byteLength - update.byteLength,
      frameV2: encodeSyncStep2V2(Y.convertUpdateFormatV1ToV2(update)),
      stateVector: Y.encodeStateVector(doc),
      snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
      preview: large ? encodePlanPreview(planPreviewOf(doc)) : null,
      pendingUpdates: loaded.updates.length,
      storedBytes,
    }
  } finally {
    doc.destroy()
  }
}
