/**
 * An error answered by the server (`{error:{code,message,field?}}`), by better-auth (`{code,message}`)
 * or by the network (status 0). Forms show `field` errors beside the field, others in a banner.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** A finer reason within `code`, when the server gives one (e.g. `double_vote`). */
    readonly reason?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  get isUnauthenticated(): boolean {
    return this.status === 401
  }
}

interface ErrorShape {
  error?: { code?: unknown; message?: unknown; field?: unknown; reason?: unknown }
  code?: unknown
  message?: unknown
}

/** Reads whichever error body the server sent; falls back to the HTTP status. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  let body: ErrorShape | null = null
  try {
    body = (await response.json()) as ErrorShape
  } catch {
    // Not JSON (proxy error page, empty body): the status alone tells the story.
  }
  const inner = body?.error && typeof body.error === 'object' ? body.error : body
  const code = typeof inner?.code === 'string' ? inner.code : `http_${response.status}`
  const message = typeof inner?.message === 'string' ? inner.message : response.statusText
  const field = body?.error && typeof body.error.field === 'string' ? body.error.field : undefined
  const reason = body?.error && typeof body.error.reason === 'string' ? body.error.reason : undefined
  return new ApiError(response.status, code, message, field, reason)
}
