import { CLOSE } from '@ensemble/shared'
import * as Y from 'yjs'
import { captureTransactions } from '../capture.ts'
import { MalformedMessageError } from '../errors.ts'
import { STOP, type EditStep } from './types.ts'

/**
 * Step 3: applies the update in a transaction whose origin is the connection, so the room's
 * UndoManager (which tracks every attached connection's origin) records it as one undo step, and
 * collects what it changed.
 */
export const applyUpdate: EditStep = {
  name: 'applyUpdate',
  run(context) {
    const { doc } = context.room
    const undoManager = context.room.undoManagerFor(context.connection)
    // One incoming update = one undo step, never merged with the previous one.
    undoManager.stopCapturing()
    const hadPending = hasPending(doc)
    let failure: unknown = null
    const captured = captureTransactions(doc, () => {
      try {
        Y.applyUpdate(doc, context.incoming, context.connection.origin)
      } catch (error) {
        failure = error
      }
    })
    undoManager.stopCapturing()
    if (failure !== null) {
      // Yjs can give up half-way through an update that decoded fine (BAD4). Nothing applied: a
      // malformed message. Something applied: it is in the document, so it is checked, stored and
      // broadcast like any edit (never left unchecked in memory), then the sender is closed.
      if (captured.update === null) throw new MalformedMessageError('update could not be applied', { cause: failure })
      context.closeAfter = { code: CLOSE.malformedMessage, reason: 'update could not be applied' }
    }
    context.applied = captured.update
    context.changes = captured.changes
    context.inserted = captured.inserted
    context.deleteSets.push(captured.deleteSet)

    // Parts whose dependencies the room lacks would wait in the document and be integrated later by
    // someone else's transaction, escaping this connection's checks. Drop them; the client resyncs.
    if (!hadPending && hasPending(doc)) {
      doc.store.pendingStructs = null
      doc.store.pendingDs = null
      context.closeAfter = { code: CLOSE.internalError, reason: 'update depends on unknown state' }
    }
    if (context.applied === null) {
      if (context.closeAfter) context.connection.close(context.closeAfter.code, context.closeAfter.reason)
      return STOP
    }
  },
}

const hasPending = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null
