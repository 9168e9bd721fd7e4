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
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string }
}
