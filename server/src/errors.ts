import type { ErrorCode } from '@ensemble/shared'

/**
 * An error that is safe to show: stable code, HTTP status, human message, optional field.
 * Anything else thrown becomes a 500 `internal_error` with no detail (the log keeps the detail).
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** A finer, stable reason within `code` (e.g. `double_vote` for a refused ballot). */
    readonly reason?: string,
    /** Seconds before trying again is worth it, sent as `Retry-After` (a 429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, 'bad_request', message, field)
export const validationFailed = (message: string, field?: string) => new AppError(422, 'validation_failed', message, field)
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Sign in first.')
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(403, 'forbidden', message)
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found.`)
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, field)
