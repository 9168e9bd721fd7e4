import * as Y from 'yjs'
import { captureTransactions } from '../capture.ts'
import type { EditStep } from './types.ts'

/**
 * Step 4: a refused edit cannot be dropped (its author's replica already has it), so it is reverted
 * at once by the connection's UndoManager. The edit and its compensation travel together from here:
 * stored as one update and broadcast as one, every replica (the author's included) lands on the
 * valid state and nobody else ever sees the invalid one.
 */
export const compensateRefusedEdit: EditStep = {
  name: 'compensateRefusedEdit',
  run(context) {
    const applied = context.applied!
    if (!context.refusal) {
      context.outgoing = applied
      return
    }
    const undoManager = context.room.undoManagerFor(context.connection)
    const captured = captureTransactions(context.room.doc, () => undoManager.undo())
    context.deleteSets.push(captured.deleteSet)
    context.outgoing = captured.update ? Y.mergeUpdates([applied, captured.update]) : applied
  },
}
