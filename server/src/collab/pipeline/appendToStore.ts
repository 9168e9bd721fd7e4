import { StorageFailure } from '../errors.ts'
import type { EditStep } from './types.ts'

/**
 * Step 5: the update is durable before anyone else sees it, so an edit another partner has seen
 * survives a crash. The room runs edits one at a time, so the log keeps the room's order.
 */
export const appendToStore: EditStep = {
  name: 'appendToStore',
  async run(context) {
    try {
      await context.room.store.append(context.room.key, context.outgoing!, context.connection.identity.userId)
    } catch (cause) {
      throw new StorageFailure('append failed', { cause })
    }
    context.room.noteAppended()
  },
}
