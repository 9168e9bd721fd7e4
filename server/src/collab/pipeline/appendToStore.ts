import type { EditStep } from './types.ts'

/**
 * Step 7: the update is durable before anyone else sees it, so an edit another partner has seen
 * survives a crash. The room runs edits one at a time, so the log keeps the room's order; while
 * storage fails the room retries here, and every later edit waits behind this one (DUR3).
 */
export const appendToStore: EditStep = {
  name: 'appendToStore',
  async run(context) {
    await context.room.appendDurably(context.outgoing!, context.connection.identity.userId)
  },
}
