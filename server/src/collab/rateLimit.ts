import { LIMITS } from '@ensemble/shared'

/** A bucket's size and how fast it refills. */
export interface RateSpec {
  burst: number
  perSecond: number
}

/**
 * The token buckets of one connection: every frame, presence updates, sync step 1 requests (one token
 * each), and the bytes of updates received and of updates refused (one token per byte).
 */
export interface ConnectionRates {
  frames: RateSpec
  awareness: RateSpec
  syncStep1: RateSpec
  updateBytes: RateSpec
  refusedBytes: RateSpec
}

export const DEFAULT_RATES: ConnectionRates = LIMITS.rate

/**
 * A token bucket: `burst` tokens at first, refilled continuously at `perSecond`. Taking from an
 * empty bucket fails; the caller decides what that means (the connection closes with 4429).
 */
export class TokenBucket {
  private tokens: number
  private refilledAt: number

  constructor(
    private readonly spec: RateSpec,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = spec.burst
    this.refilledAt = now()
  }

  take(count = 1): boolean {
    const now = this.now()
    this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.spec.perSecond)
    this.refilledAt = now
    if (this.tokens < count) return false
    this.tokens -= count
    return true
  }
}

/**
 * Every frame takes a `frames` token; presence updates and sync step 1 also take one of their own;
 * an update takes as many `updateBytes` tokens as it has bytes, and as many `refusedBytes` if refused.
 */
export type FrameKind = keyof ConnectionRates

/** The buckets of one connection. `admit` says whether one more frame of that kind is allowed now. */
export class ConnectionRateLimiter {
  private readonly buckets: Record<FrameKind, TokenBucket>

  constructor(rates: ConnectionRates = DEFAULT_RATES, now?: () => number) {
    const bucket = (kind: FrameKind) => new TokenBucket(rates[kind], now)
    this.buckets = {
      frames: bucket('frames'),
      awareness: bucket('awareness'),
      syncStep1: bucket('syncStep1'),
      updateBytes: bucket('updateBytes'),
      refusedBytes: bucket('refusedBytes'),
    }
  }

  /** Takes `count` tokens of `kind`: false (and nothing taken) when the bucket holds fewer. */
  admit(kind: FrameKind, count = 1): boolean {
    return this.buckets[kind].take(count)
  }
}
