import { describe, expect, it } from 'vitest'
import { DEFAULT_RECONNECT, reconnectDelay, retryAfterMs } from '../../client/src/api/reconnectDelay.ts'

/** When a refused or closed event stream is opened again (LIM9): the server's word first, then a growing wait. */
describe('reconnecting an event stream', () => {
  const now = Date.parse('2026-03-02T10:00:00Z')

  it('[LIM9] Retry-After is honoured, in seconds or as an HTTP date, plus at most a second of spread; an absurd one is capped', () => {
    expect(retryAfterMs('10')).toBe(10_000)
    expect(retryAfterMs(' 3 ')).toBe(3000)
    expect(retryAfterMs('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0)
    expect([retryAfterMs(null), retryAfterMs(''), retryAfterMs('bientôt')]).toEqual([null, null, null])
    expect(reconnectDelay({ failures: 1, retryAfter: '10' }, DEFAULT_RECONNECT, () => 0)).toBe(10_000)
    expect(reconnectDelay({ failures: 7, retryAfter: '10' }, DEFAULT_RECONNECT, () => 0.999)).toBe(10_999)
    expect(reconnectDelay({ failures: 1, retryAfter: '86400' }, DEFAULT_RECONNECT, () => 0)).toBe(DEFAULT_RECONNECT.maxRetryAfterMs)
  })

  it('[LIM9] without Retry-After the wait doubles with each failure in a row, jittered between half and all of it, up to the maximum; a stream that was open comes back after the server’s retry', () => {
    const waits = (random: number) => [1, 2, 3, 4, 5, 6, 7, 12].map((failures) => reconnectDelay({ failures }, DEFAULT_RECONNECT, () => random))
    expect(waits(0)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000])
    expect(waits(0.9999)).toEqual([999, 1999, 3999, 7999, 15_999, 29_998, 29_998, 29_998])
    expect(reconnectDelay({ failures: 0, serverRetryMs: 3000 })).toBe(3000)
    expect(reconnectDelay({ failures: 0 })).toBe(DEFAULT_RECONNECT.minMs)
  })
})
