import { MESSAGE } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { MalformedMessageError } from './errors.ts'

/**
 * The y-websocket wire format as small pure functions (no I/O): the socket code only moves bytes.
 * Frames are `varUint messageType` followed by the body of that type; see docs/PROTOCOL.md.
 * Writers reuse y-protocols; readers use lib0 directly because y-protocols' readers apply what they
 * read to a document, while the server must look at an update before accepting it.
 */

// ---- frame envelope ---------------------------------------------------------------------------

/** Starts reading a frame: returns its message type and a decoder positioned on the body. */
export function readMessageType(frame: Uint8Array): { type: number; decoder: decoding.Decoder } {
  if (frame.byteLength === 0) throw new MalformedMessageError('empty frame')
  const decoder = decoding.createDecoder(frame)
  return { type: readVarUint(decoder, 'message type'), decoder }
}

// ---- sync (type 0) ----------------------------------------------------------------------------

export type SyncMessage = { kind: 'step1'; stateVector: Uint8Array } | { kind: 'step2'; update: Uint8Array } | { kind: 'update'; update: Uint8Array }

/** Reads the body of a sync message (after its message type). */
export function readSyncMessage(decoder: decoding.Decoder): SyncMessage {
  const step = readVarUint(decoder, 'sync message type')
  const payload = readVarUint8Array(decoder, 'sync payload')
  switch (step) {
    case syncProtocol.messageYjsSyncStep1:
      return { kind: 'step1', stateVector: payload }
    case syncProtocol.messageYjsSyncStep2:
      return { kind: 'step2', update: payload }
    case syncProtocol.messageYjsUpdate:
      return { kind: 'update', update: payload }
    default:
      throw new MalformedMessageError(`unknown sync message type ${step}`)
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame(MESSAGE.sync, (encoder) => syncProtocol.writeSyncStep1(encoder, doc))
}

/** The state `doc` has and the holder of `stateVector` lacks (everything when no state vector). */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return frame(MESSAGE.sync, (encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector))
}

/** A sync step 2 carrying an already encoded (V1) update, e.g. a room's full state. */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
  return frame(MESSAGE.sync, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2)
    encoding.writeVarUint8Array(encoder, update)
  })
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame(MESSAGE.sync, (encoder) => syncProtocol.writeUpdate(encoder, update))
}

// ---- awareness (type 1) and query awareness (type 3) ------------------------------------------

/** Reads the body of an awareness message: an encoded awareness update. */
export function readAwarenessMessage(decoder: decoding.Decoder): Uint8Array {
  return readVarUint8Array(decoder, 'awareness update')
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  return frame(MESSAGE.awareness, (encoder) => encoding.writeVarUint8Array(encoder, awarenessUpdate))
}

/** The awareness message carrying the current state of `clientIds` in `awareness` (null = removed). */
export function encodeAwarenessStates(awareness: awarenessProtocol.Awareness, clientIds: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clientIds))
}

/** One client's entry in an awareness update. `state` null means the client went away. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: Record<string, unknown> | null
}

/**
 * Decodes an awareness update into its entries (the same layout y-protocols' encodeAwarenessUpdate
 * writes). A state that is not a JSON object or null is malformed.
 */
export function decodeAwarenessUpdate(update: Uint8Array, skip?: (clientId: number, clock: number, removal: boolean) => boolean): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = readVarUint(decoder, 'awareness entry count')
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = readVarUint(decoder, 'awareness client id')
    const clock = readVarUint(decoder, 'awareness clock')
    const bytes = readVarUint8Array(decoder, 'awareness state')
    // Entries the caller would ignore (stock providers echo every presence they receive: N - 1
    // echoes per change) are passed over before the costly UTF-8 and JSON decoding.
    if (skip?.(clientId, clock, isJsonNull(bytes))) continue
    const json = guarded('awareness state', () => textDecoder.decode(bytes))
    let state: unknown
    try {
      state = JSON.parse(json)
    } catch (cause) {
      throw new MalformedMessageError('awareness state is not JSON', { cause })
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new MalformedMessageError('awareness state is not an object')
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
  }
  return entries
}

const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }) // as lib0's readVarString
const NULL_JSON = [0x6e, 0x75, 0x6c, 0x6c] // "null"
const isJsonNull = (bytes: Uint8Array): boolean => bytes.length === 4 && NULL_JSON.every((byte, i) => bytes[i] === byte)

/** Encodes entries back into an awareness update (the inverse of decodeAwarenessUpdate). */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}

// ---- helpers ----------------------------------------------------------------------------------

function frame(type: number, writeBody: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  writeBody(encoder)
  return encoding.toUint8Array(encoder)
}

/** lib0 readers throw plain errors on truncated or overlong input; name them for the close code. */
function guarded<T>(what: string, read: () => T): T {
  try {
    return read()
  } catch (cause) {
    throw new MalformedMessageError(`cannot read ${what}`, { cause })
  }
}

function readVarUint(decoder: decoding.Decoder, what: string): number {
  const value = guarded(what, () => decoding.readVarUint(decoder))
  if (!Number.isSafeInteger(value)) throw new MalformedMessageError(`${what} out of range`)
  return value
}

function readVarUint8Array(decoder: decoding.Decoder, what: string): Uint8Array {
  return guarded(what, () => decoding.readVarUint8Array(decoder))
}
