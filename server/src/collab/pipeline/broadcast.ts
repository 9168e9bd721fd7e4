import { encodeSyncUpdate } from '../protocol.ts'
import type { EditStep } from './types.ts'

/**
 * Step 8: sends the stored update to the other connections, encoded once. A compensated edit also
 * goes back to its author, whose replica must drop what was refused. Then publishes it to the other
 * server instances holding the document (fan-out), tagged with this instance, which stored it.
 */
export const broadcast: EditStep = {
  name: 'broadcast',
  run(context) {
    const frame = encodeSyncUpdate(context.outgoing!)
    for (const connection of context.room.connections()) {
      if (connection !== context.connection || context.refusal) connection.send(frame)
    }
    // Other instances get exactly what was stored (never a sync reply meant for one client).
    context.room.publishUpdate?.(context.outgoing!)
  },
}
