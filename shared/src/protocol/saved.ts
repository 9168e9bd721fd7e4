import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MESSAGE } from './messageTypes.ts'

/** The storage behind the room: appending works, or it is failing and the server retries. */
export const STORAGE_STATE = { ok: 0, failing: 1 } as const
export type StorageState = (typeof STORAGE_STATE)[keyof typeof STORAGE_STATE]

/**
 * The "saved" acknowledgement (message type 101), sent to one connection only. `saved` counts the
 * updates (sync step 2 and update messages) this connection has sent since it opened that are now
 * durably stored (or were already); a client that counts what it sent knows everything is saved when
 * both counts are equal. `storage` tells it the server cannot store right now and keeps retrying.
 * Encoded as varUint type, varUint saved, varUint storage.
 */
export interface SavedMessage {
  saved: number
  storage: StorageState
}

export function encodeSaved(message: SavedMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.saved)
  encoding.writeVarUint(encoder, message.saved)
  encoding.writeVarUint(encoder, message.storage)
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a saved message after its message type has been read. */
export function readSaved(decoder: decoding.Decoder): SavedMessage {
  const saved = decoding.readVarUint(decoder)
  const storage = decoding.readVarUint(decoder)
  if (storage !== STORAGE_STATE.ok && storage !== STORAGE_STATE.failing) throw new Error('malformed saved message')
  return { saved, storage }
}

/** True for a frame the client sends that carries document content (sync step 2 or update). */
export function isUpdateFrame(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readVarUint(decoder) !== MESSAGE.sync) return false
    const step = decoding.readVarUint(decoder)
    return step === 1 || step === 2
  } catch {
    return false
  }
}
