import { StorageFailure } from '../errors.ts'
import type { ChangeContext, ChangeStep, EditRoom } from './types.ts'

/**
 * Step 7: the update is durable before anyone else sees it, so an edit another partner has seen
 * survives a crash. The room runs changes one at a time, so the log keeps the room's order.
 *
 * While storage fails the append is retried here with backoff (25 ms → 1 s), and every later change
 * waits behind this one, unapplied: the document never gets ahead of the log by more than this
 * change. The connections are told (`storage = 1`). The wait is bounded by time and by the number of
 * waiting changes; past either this throws StorageFailure and the room gives up (DUR3, ROOM7).
 */
export const appendToStore: ChangeStep = {
  name: 'appendToStore',
  async run(context: ChangeContext) {
    const { room } = context
    const update = context.outgoing!
    await appendWithRetry(room, update, context.authorId)
    room.appended(update.byteLength)
  },
}

async function appendWithRetry(room: EditRoom, update: Uint8Array, authorId: string | null): Promise<void> {
  const { retryMs, maxQueued } = room.storageRetry
  const giveUpAt = Date.now() + retryMs
  for (let attempt = 0; ; attempt++) {
    try {
      await room.store.append(room.key, update, authorId)
      break
    } catch (cause) {
      // Changes keep arriving behind this one (the room's queue holds them, unapplied): bounded in time and count.
      const remaining = giveUpAt - Date.now()
      if (remaining <= 0 || room.queuedTasks > maxQueued) throw new StorageFailure('append failed', { cause })
      if (!room.storageFailing) {
        room.logger.error({ err: cause, ...room.key }, 'append failed: retrying, nothing is acknowledged meanwhile')
        room.setStorageFailing(true)
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(25 * 2 ** attempt, 1000, remaining)))
    }
  }
  if (room.storageFailing) {
    room.logger.warn({ ...room.key }, 'storage recovered')
    room.setStorageFailing(false)
  }
}
