import { captureTransactions } from '../capture.ts'
import { encodeRefusedEdit, firstClocks } from '../refusedEdit.ts'
import type { EditStep } from './types.ts'

/**
 * Step 6: a refused edit cannot be dropped (its author's replica already has it), so it is reverted
 * at once by the room's UndoManager. The edit and its compensation travel together from here as one
 * update, stored and broadcast, so every replica (the author's included) lands on the valid state and
 * nobody else ever sees the invalid one. That update carries what the edit costs to undo, not its
 * content (HOST3): the room collects what the edit inserted, and the ids, neighbours and deletions
 * are all that is encoded (refusedEdit.ts), whatever the size of what was refused.
 */
export const compensateRefusedEdit: EditStep = {
  name: 'compensateRefusedEdit',
  run(context) {
    const applied = context.applied!
    if (!context.refusal) {
      context.outgoing = applied
      return
    }
    const { room } = context
    const undoManager = room.undoManagerFor(context.connection)
    const captured = captureTransactions(room.doc, () => undoManager.undo())
    context.deleteSets.push(captured.deleteSet)
    const from = firstClocks(applied)
    if (captured.update) {
      for (const [client, clock] of firstClocks(captured.update)) from.set(client, Math.min(clock, from.get(client) ?? clock))
    }
    room.collectEdit(context.deleteSets)
    context.outgoing = encodeRefusedEdit(room.doc, from, context.deleteSets)
  },
}
