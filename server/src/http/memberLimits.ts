import type { MiddlewareHandler } from 'hono'
import { LIMITS } from '@ensemble/shared'
import { ConnectionCaps } from '../collab/transport/connectionCaps.ts'
import { AppError, RateLimitedError } from '../errors.ts'
import type { AppEnv } from './appEnv.ts'
import { MemberRates, type MemberRateKind, type MemberRateSpecs } from './memberRates.ts'

/** A member at their cap of open event streams is told to try again after this many seconds. */
const STREAM_CAP_RETRY_AFTER_SECONDS = 10

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface MemberLimitsOptions {
  /** Multiplies every burst, rate and cap (env MEMBER_LIMITS_SCALE; the benchmark lifts them). */
  scale?: number
  /** Milliseconds, for the buckets (tests inject a clock to see a window pass without waiting). */
  now?: () => number
}

/**
 * What one member may use of this server instance through REST (docs/SPEC.md LIM2–LIM6): the token
 * buckets of `LIMITS.memberRate`, the open event streams, and the unused tickets they may hold
 * (counted by the ticket store, which knows when one is spent).
 */
export class MemberLimits {
  readonly rates: MemberRates
  readonly streams: ConnectionCaps
  readonly maxOutstandingTickets: number

  constructor({ scale = 1, now = performance.now.bind(performance) }: MemberLimitsOptions = {}) {
    const specs = Object.fromEntries(
      Object.entries(LIMITS.memberRate).map(([kind, spec]) => [kind, { burst: spec.burst * scale, perSecond: spec.perSecond * scale }]),
    ) as MemberRateSpecs
    this.rates = new MemberRates(specs, now)
    this.streams = new ConnectionCaps({ perUser: Math.round(LIMITS.maxEventStreamsPerUser * scale), total: Math.round(LIMITS.maxEventStreams * scale) })
    this.maxOutstandingTickets = Math.round(LIMITS.maxOutstandingTicketsPerUser * scale)
  }

  /** Takes a token of `kind` for `userId`, or throws the 429 that says how long to wait. */
  take(kind: MemberRateKind, userId: string): void {
    const wait = this.rates.take(kind, userId)
    if (wait !== null) throw new RateLimitedError(wait)
  }

  /** A slot for one more open event stream of `userId`: its release, or the 429 (503 when the whole instance is full). */
  openStream(userId: string): () => void {
    const slot = this.streams.acquire(userId)
    if ('release' in slot) return slot.release
    if (slot.refused === 'process') throw new AppError(503, 'internal_error', 'This server holds as many event streams as it can.')
    throw new RateLimitedError(STREAM_CAP_RETRY_AFTER_SECONDS, 'Too many open event streams for this member.')
  }
}

/** Every state-changing request of a signed-in member takes a `writes` token first (LIM2). */
export function limitWrites(limits: MemberLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user')
    if (user && STATE_CHANGING.has(c.req.method)) limits.take('writes', user.id)
    await next()
  }
}

/** A tighter budget for one costly route, after its membership check (LIM3–LIM5). */
export function limitRate(limits: MemberLimits, kind: MemberRateKind): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user')
    if (user) limits.take(kind, user.id)
    await next()
  }
}
