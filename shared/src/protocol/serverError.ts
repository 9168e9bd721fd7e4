import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ErrorCode } from './errorCodes.ts'
import { MESSAGE } from './messageTypes.ts'

/**
 * A typed error the server sends on the websocket (message type 100): which rule refused what.
 * Encoded as varUint type + a JSON string, so it is readable by any client and trivially extended.
 */
export interface ServerErrorMessage {
  code: ErrorCode
  /** The rule of docs/RULES.md that refused the edit (e.g. `VAL3`, `PERM6`), when one did. */
  rule?: string
  /** Which entity the error is about, e.g. `actions/abc123`, or empty for the document. */
  entity: string
  field?: string
  /** Human message, already in the member's language. */
  message: string
}

export function writeServerError(encoder: encoding.Encoder, error: ServerErrorMessage): void {
  encoding.writeVarUint(encoder, MESSAGE.serverError)
  encoding.writeVarString(encoder, JSON.stringify(error))
}

export function encodeServerError(error: ServerErrorMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  writeServerError(encoder, error)
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a server error after its message type has been read. */
export function readServerError(decoder: decoding.Decoder): ServerErrorMessage {
  const parsed = JSON.parse(decoding.readVarString(decoder)) as ServerErrorMessage
  if (typeof parsed?.code !== 'string' || typeof parsed.message !== 'string') throw new Error('malformed server error')
  return parsed
}
