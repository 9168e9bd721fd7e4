/**
 * How long a client waits before opening a refused or closed event stream again (SPEC LIM9). A
 * server that says when to come back (`Retry-After`: seconds or an HTTP date) is taken at its
 * word, plus up to a second so that tabs refused together do not all return at once; otherwise
 * the wait doubles with each failure in a row, from `minMs` up to `maxMs`, jittered the same way.
 */
export interface ReconnectPolicy {
  minMs: number
  maxMs: number
  /** A longer Retry-After is capped here, so one odd header cannot silence a page for good. */
  maxRetryAfterMs: number
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { minMs: 1000, maxMs: 30_000, maxRetryAfterMs: 10 * 60_000 }

/** Milliseconds a `Retry-After` value asks for; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/**
 * The wait before the next attempt: `failures` is how many attempts in a row have failed (0 for a
 * stream that was open and ended), `retryAfter` the server's header if it sent one, `random` in [0, 1).
 */
export function reconnectDelay(
  { failures, retryAfter = null, serverRetryMs = null }: { failures: number; retryAfter?: string | null; serverRetryMs?: number | null },
  policy: ReconnectPolicy = DEFAULT_RECONNECT,
  random: () => number = Math.random,
  now = Date.now(),
): number {
  const asked = retryAfterMs(retryAfter, now)
  if (asked !== null) return Math.min(asked, policy.maxRetryAfterMs) + Math.floor(random() * 1000)
  // A stream that was open and ended comes back after the `retry` its server set (SSE), or soon.
  if (failures === 0) return serverRetryMs ?? policy.minMs
  const base = Math.min(policy.maxMs, policy.minMs * 2 ** (failures - 1))
  return Math.floor(base / 2 + (random() * base) / 2)
}
