import type { ErrorCode, ErrorReason } from '@ensemble/shared'

/**
 * An error that is safe to show: stable code, HTTP status, human message, optional field.
 * Anything else thrown becomes a 500 `internal_error` with no detail (the log keeps the detail).
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** A finer, stable reason within `code` (e.g. `double_vote` for a refused ballot). */
    readonly reason?: string,
  ) {
    super(message)
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, 'bad_request', message, field)
export const validationFailed = (message: string, field?: string, reason?: ErrorReason) => new AppError(422, 'validation_failed', message, field, reason)
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Sign in first.')
export const forbidden = (message = 'You are not allowed to do this.', reason?: ErrorReason) => new AppError(403, 'forbidden', message, undefined, reason)
export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found.`)
export const conflict = (message: string, field?: string, reason?: ErrorReason) => new AppError(409, 'conflict', message, field, reason)

/**
 * Past a member's cap or rate (docs/SPEC.md LIM2–LIM6): 429, and the response says in `Retry-After`
 * how many seconds to wait (at most) before the same request can succeed.
 */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests: wait before trying again.',
    /** Which budget ran out, when the client may tell them apart (e.g. `history_jobs_per_member`). */
    reason?: string,
  ) {
    super(429, 'rate_limited', message, undefined, reason)
  }
}
