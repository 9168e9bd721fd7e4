import { randomBytes } from 'node:crypto'
import { LIMITS } from '@ensemble/shared'
import type { Redis } from 'ioredis'
import { RateLimitedError } from '../errors.ts'

export interface TicketClaim {
  userId: string
  workspaceId: string
  /** The session that asked for the ticket: signing it out closes the socket (AUTHZ3). */
  sessionId?: string
}

/**
 * Websocket tickets: single use, short lived, bound to one user and one workspace. A browser cannot
 * set headers on a websocket, so the session cookie is exchanged for a ticket over REST first; the
 * ticket then travels in the URL, where a leak is harmless because it is spent on first use.
 *
 * Two implementations: in this process's memory (`TicketStore`, one instance) and in Redis
 * (`RedisTicketStore`, several instances: a ticket issued by one is redeemed on any other, no
 * sticky sessions needed). Methods may answer synchronously or with a promise.
 */
export interface IssueOptions {
  /**
   * Unused, unexpired tickets the member may hold (LIM4): at that many, `issue` throws a
   * `RateLimitedError` saying when the oldest one expires. No bound when absent.
   */
  maxOutstanding?: number
}

export interface TicketStorage {
  issue(claim: TicketClaim, options?: IssueOptions): string | Promise<string>
  /** Returns the claim and forgets the ticket; null if unknown, expired or already used. */
  consume(ticket: string): TicketClaim | null | Promise<TicketClaim | null>
  close?(): Promise<void>
}

const newTicket = (): string => randomBytes(24).toString('base64url')

/** The refusal of a member holding `maxOutstanding` unused tickets: wait for the oldest to expire. */
const tooManyTickets = (oldestExpiresAt: number, now: number) =>
  new RateLimitedError(Math.max(1, Math.ceil((oldestExpiresAt - now) / 1000)), 'Too many unused websocket tickets for this member.')

/** Tickets in this process's memory (single instance). */
export class TicketStore implements TicketStorage {
  /** In order of issue, which is also the order of expiry (one TTL for all). */
  private readonly tickets = new Map<string, TicketClaim & { expiresAt: number }>()
  /** Each member's unused tickets, oldest first. */
  private readonly byUser = new Map<string, Set<string>>()

  constructor(
    private readonly ttlMs: number = LIMITS.ticketTtlMs,
    private readonly now: () => number = Date.now,
  ) {}

  issue(claim: TicketClaim, { maxOutstanding }: IssueOptions = {}): string {
    this.sweep()
    const mine = this.byUser.get(claim.userId)
    if (maxOutstanding !== undefined && mine && mine.size >= maxOutstanding) {
      throw tooManyTickets(this.tickets.get(mine.values().next().value!)!.expiresAt, this.now())
    }
    const ticket = newTicket()
    this.tickets.set(ticket, { ...claim, expiresAt: this.now() + this.ttlMs })
    if (mine) mine.add(ticket)
    else this.byUser.set(claim.userId, new Set([ticket]))
    return ticket
  }

  /** Returns the claim and forgets the ticket; null if unknown, expired or already used. */
  consume(ticket: string): TicketClaim | null {
    const entry = this.tickets.get(ticket)
    if (!entry) return null
    this.forget(ticket, entry.userId)
    if (entry.expiresAt <= this.now()) return null
    return { userId: entry.userId, workspaceId: entry.workspaceId, ...(entry.sessionId ? { sessionId: entry.sessionId } : {}) }
  }

  private forget(ticket: string, userId: string): void {
    this.tickets.delete(ticket)
    const mine = this.byUser.get(userId)
    mine?.delete(ticket)
    if (mine?.size === 0) this.byUser.delete(userId)
  }

  /** Forgets expired tickets; they expire in order of issue, so it stops at the first live one. */
  private sweep(): void {
    const now = this.now()
    for (const [ticket, entry] of this.tickets) {
      if (entry.expiresAt > now) return
      this.forget(ticket, entry.userId)
    }
  }
}

/**
 * Issues a ticket in one step on the Redis server, so concurrent requests on several instances
 * cannot both pass the count: forgets the member's expired tickets, refuses at `max` unused ones
 * (answering the oldest one's expiry), else stores the claim with its TTL and notes the ticket in
 * the member's sorted set (score: its expiry).
 * KEYS: ticket key, member's set. ARGV: ticket, claim JSON, TTL ms, now ms, max (0: no bound).
 */
const ISSUE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
local max = tonumber(ARGV[5])
if max > 0 and redis.call('ZCARD', KEYS[2]) >= max then
  return {1, redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2]}
end
if not redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3], 'NX') then return {2} end
redis.call('ZADD', KEYS[2], tonumber(ARGV[4]) + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {0}
`

/**
 * Tickets in Redis, shared by every instance: stored with their TTL to issue, `GETDEL` to consume,
 * so a ticket is spent exactly once whichever instance sees it first, and Redis expires what nobody
 * used. Each member's unused tickets are also listed in a sorted set, so the bound on them (LIM4)
 * holds across instances.
 */
export class RedisTicketStore implements TicketStorage {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number = LIMITS.ticketTtlMs,
    private readonly prefix = 'ensemble:ticket:',
    private readonly now: () => number = Date.now,
  ) {}

  private userKey(userId: string): string {
    return `${this.prefix}of:${userId}`
  }

  async issue(claim: TicketClaim, { maxOutstanding }: IssueOptions = {}): Promise<string> {
    const ticket = newTicket()
    const now = this.now()
    const json = JSON.stringify({ userId: claim.userId, workspaceId: claim.workspaceId, sessionId: claim.sessionId })
    const [status, oldestExpiry] = (await this.redis.eval(
      ISSUE_SCRIPT,
      2,
      this.prefix + ticket,
      this.userKey(claim.userId),
      ticket,
      json,
      this.ttlMs,
      now,
      maxOutstanding ?? 0,
    )) as [number, string?]
    if (status === 1) throw tooManyTickets(Number(oldestExpiry), now)
    if (status !== 0) throw new Error('ticket collision')
    return ticket
  }

  async consume(ticket: string): Promise<TicketClaim | null> {
    // Tickets are base64url: anything else (e.g. `of:<userId>`, a member's set) names no ticket.
    if (ticket.length > 100 || !/^[A-Za-z0-9_-]+$/.test(ticket)) return null
    const value = await this.redis.getdel(this.prefix + ticket)
    if (value === null) return null
    try {
      const claim = JSON.parse(value) as Partial<TicketClaim>
      if (typeof claim.userId !== 'string' || typeof claim.workspaceId !== 'string') return null
      // Spent: no longer counts against the member (an expired one drops out at their next issue).
      await this.redis.zrem(this.userKey(claim.userId), ticket)
      return { userId: claim.userId, workspaceId: claim.workspaceId, ...(typeof claim.sessionId === 'string' ? { sessionId: claim.sessionId } : {}) }
    } catch {
      return null
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined)
    this.redis.disconnect()
  }
}
