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
  // websocket / document edits
  'edit_forbidden',
  'edit_invalid',
  'document_locked',
  // a stored document larger than LIMITS.maxDocumentBytes (refused at open; history answers 413)
  'document_too_large',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string }
}
