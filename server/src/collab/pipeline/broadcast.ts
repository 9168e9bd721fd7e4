import { encodeSyncUpdate } from '../protocol.ts'
import type { ChangeStep } from './types.ts'

/**
 * Step 8: sends the stored update to the room's connections, encoded once: every connection but the
 * one that sent it, or all of them for a change the server made or another instance stored. A
 * compensated edit also goes back to its author, whose replica must drop what was refused.
 */
export const broadcast: ChangeStep = {
  name: 'broadcast',
  run(context) {
    const frame = encodeSyncUpdate(context.outgoing!)
    for (const connection of context.room.connections()) {
      if (connection !== context.connection || context.refusal) connection.send(frame)
    }
  },
}

/**
 * Step 9: publishes the stored update to the other server instances holding the document (fan-out),
 * tagged with this instance, which stored it. An update another instance stored is not published again.
 */
export const publishToPeers: ChangeStep = {
  name: 'publishToPeers',
  run(context) {
    // Other instances get exactly what was stored (never a sync reply meant for one client).
    context.room.publishUpdate(context.outgoing!)
  },
}
