import { LIMITS } from '@ensemble/shared'
import { TokenBucket, type RateSpec } from '../collab/rateLimit.ts'

/** The kinds of REST request a member has a budget for (LIMITS.memberRate). */
export type MemberRateKind = keyof typeof LIMITS.memberRate
export type MemberRateSpecs = Record<MemberRateKind, RateSpec>

interface Held {
  bucket: TokenBucket
  usedAt: number
}

/**
 * Token buckets per member and kind of request (docs/SPEC.md LIM2–LIM6), in this process's memory.
 * The key is usually a user id; the password-reset budgets key them on an address (ACCT17).
 *
 * Memory stays bounded: a bucket left unused for as long as it takes to refill from empty is full
 * again, which is the same as having none, so it is dropped. Each kind keeps its buckets in order of
 * last use, so dropping them stops at the first one still in use; past `maxPerKind` buckets, the
 * least recently used is dropped too (its member gets a full bucket back, never less).
 */
export class MemberRates<Kind extends string = MemberRateKind> {
  private readonly held = new Map<Kind, Map<string, Held>>()

  constructor(
    private readonly specs: Record<Kind, RateSpec>,
    private readonly now: () => number,
    private readonly maxPerKind: number = LIMITS.maxMemberBuckets,
  ) {}

  /** Takes one token of `kind` for `userId`: null when allowed, otherwise the seconds to wait (at most). */
  take(kind: Kind, userId: string): number | null {
    const spec = this.specs[kind]
    const buckets = this.bucketsOf(kind)
    const now = this.now()
    this.dropIdle(buckets, now, (spec.burst / spec.perSecond) * 1000)
    let held = buckets.get(userId)
    if (held)
      buckets.delete(userId) // set again below: the map stays in order of last use
    else held = { bucket: new TokenBucket(spec, this.now), usedAt: now }
    held.usedAt = now
    buckets.set(userId, held)
    if (buckets.size > this.maxPerKind) buckets.delete(buckets.keys().next().value!)
    if (held.bucket.take()) return null
    // The bucket holds less than one token: one more comes within 1 / perSecond seconds.
    return Math.max(1, Math.ceil(1 / spec.perSecond))
  }

  /** Buckets held now, all kinds together (tests check the memory bound with it). */
  get size(): number {
    let total = 0
    for (const buckets of this.held.values()) total += buckets.size
    return total
  }

  private bucketsOf(kind: Kind): Map<string, Held> {
    let buckets = this.held.get(kind)
    if (!buckets) this.held.set(kind, (buckets = new Map()))
    return buckets
  }

  /** Drops the buckets unused for `idleMs` or more: they would be full again. */
  private dropIdle(buckets: Map<string, Held>, now: number, idleMs: number): void {
    for (const [userId, held] of buckets) {
      if (now - held.usedAt < idleMs) return
      buckets.delete(userId)
    }
  }
}
