import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MESSAGE } from './messageTypes.ts'

/**
 * The websocket URL's query parameter by which a client says it reads message type 102
 * (`?sync=v2`). Without it the server speaks plain y-websocket (stock providers are unchanged).
 */
export const SYNC_V2_PARAM = { name: 'sync', value: 'v2' } as const

/**
 * With `sync=v2`: the client holds nothing of the document yet (`?fresh=1`). A large document's last
 * full state may then be sent as soon as the socket opens, before the room is loaded (PROTOCOL §4c).
 */
export const FRESH_PARAM = { name: 'fresh', value: '1' } as const

/**
 * "Sync step 2, V2" (message type 102): the server's answer to an empty state vector, holding the
 * whole document as an update in Yjs's compact V2 encoding (`Y.applyUpdateV2`). It plays the part of
 * y-protocols' sync step 2: the client is synced once it has applied it. Encoded as varUint type,
 * varUint8Array update.
 */
export function encodeSyncStep2V2(updateV2: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.syncStep2V2)
  encoding.writeVarUint8Array(encoder, updateV2)
  return encoding.toUint8Array(encoder)
}

/** Reads the body (the V2 update) of a type-102 message after its message type has been read. */
export function readSyncStep2V2(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder)
}
