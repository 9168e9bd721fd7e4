/** Stable error codes for REST `{error:{code,message,field?}}` bodies and websocket error messages. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'internal_error',
  // the sign-off rows or the adopted text do not match the sealed audit chain
  'audit_mismatch',
  // websocket / document edits
  'edit_forbidden',
  'edit_invalid',
  'document_locked',
  /** The update holds changes under a Yjs client id that belongs to another person (HOST1). */
  'client_id_taken',
  /** The update nests shared types deeper than LIMITS.maxNestingDepth, or has a key longer than LIMITS.maxKeyLength (HOST2). */
  'update_out_of_bounds',
  /** The edit would grow the document beyond LIMITS.maxDocumentBytes (HOST4); a stored document that large is not opened (LOOP6) and its history answers 413. */
  'document_too_large',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string }
}
