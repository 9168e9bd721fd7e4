import { z } from 'zod'

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

/**
 * Every REST error answer: a stable code, a human message, the field it is about (a form shows it
 * beside the field) and, where the client words it itself, a finer `reason` (e.g. `password_common`).
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
    reason: z.string().optional(),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>
