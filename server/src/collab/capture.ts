import * as Y from 'yjs'
import { describeChanges, insertedItems, type EditChanges } from './changes.ts'

/** Yjs does not export the DeleteSet class as a type; take it from the transaction. */
export type DeleteSet = Y.Transaction['deleteSet']

/** What the transactions run by `captureTransactions` did to the document. */
export interface CapturedTransactions {
  /** The Yjs update they produced (merged), or null when the document did not change. */
  update: Uint8Array | null
  /** What they changed, derived while each transaction was fresh. */
  changes: EditChanges
  /** Their delete sets, to garbage-collect what an UndoManager kept alive once it lets go. */
  deleteSet: DeleteSet
  /** The items they created that were alive at the end of their transaction (see insertedItems). */
  inserted: Y.Item[]
}

/**
 * Runs `run` (which applies or undoes something on `doc` synchronously) and collects the updates and
 * changes of the transactions it caused. The room runs one edit at a time, so nothing else can
 * transact on the document while this listens.
 */
export function captureTransactions(doc: Y.Doc, run: () => void): CapturedTransactions {
  const changes: EditChanges = { types: [], deletedItems: 0 }
  const deleteSets: DeleteSet[] = []
  const inserted: Y.Item[] = []
  const onAfterTransaction = (transaction: Y.Transaction) => {
    const described = describeChanges(transaction)
    changes.types.push(...described.types)
    changes.deletedItems += described.deletedItems
    deleteSets.push(transaction.deleteSet)
    for (const item of insertedItems(transaction)) inserted.push(item)
  }
  doc.on('afterTransaction', onAfterTransaction)
  let update: Uint8Array | null
  try {
    update = captureUpdate(doc, run)
  } finally {
    doc.off('afterTransaction', onAfterTransaction)
  }
  return { update, changes, deleteSet: Y.mergeDeleteSets(deleteSets), inserted }
}

/**
 * Runs `run` (which changes `doc` synchronously) and returns the update its transactions produced
 * (merged), or null when the document did not change: what a change the server makes, or one already
 * stored, sends on to the store and the connections.
 */
export function captureUpdate(doc: Y.Doc, run: () => void): Uint8Array | null {
  const updates: Uint8Array[] = []
  const onUpdate = (update: Uint8Array) => {
    updates.push(update)
  }
  doc.on('update', onUpdate)
  try {
    run()
  } finally {
    doc.off('update', onUpdate)
  }
  return updates.length === 0 ? null : updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
}
