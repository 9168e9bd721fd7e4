import { randomBytes } from 'node:crypto'
import { LIMITS } from '@ensemble/shared'
import type { Redis } from 'ioredis'

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
export interface TicketStorage {
  issue(claim: TicketClaim): string | Promise<string>
  /** Returns the claim and forgets the ticket; null if unknown, expired or already used. */
  consume(ticket: string): TicketClaim | null | Promise<TicketClaim | null>
  close?(): Promise<void>
}

const newTicket = (): string => randomBytes(24).toString('base64url')

/** Tickets in this process's memory (single instance). */
export class TicketStore implements TicketStorage {
  private readonly tickets = new Map<string, TicketClaim & { expiresAt: number }>()

  constructor(
    private readonly ttlMs: number = LIMITS.ticketTtlMs,
    private readonly now: () => number = Date.now,
  ) {}

  issue(claim: TicketClaim): string {
    this.sweep()
    const ticket = newTicket()
    this.tickets.set(ticket, { ...claim, expiresAt: this.now() + this.ttlMs })
    return ticket
  }

  /** Returns the claim and forgets the ticket; null if unknown, expired or already used. */
  consume(ticket: string): TicketClaim | null {
    const entry = this.tickets.get(ticket)
    if (!entry) return null
    this.tickets.delete(ticket)
    if (entry.expiresAt <= this.now()) return null
    return { userId: entry.userId, workspaceId: entry.workspaceId, ...(entry.sessionId ? { sessionId: entry.sessionId } : {}) }
  }

  private sweep(): void {
    const now = this.now()
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket)
  }
}

/** The in-memory store under the name of its role, for code that picks an implementation. */
export { TicketStore as MemoryTicketStore }

/**
 * Tickets in Redis, shared by every instance: `SET ticket:<t> <claim json> PX <ttl> NX` to issue,
 * `GETDEL` to consume, so a ticket is spent exactly once whichever instance sees it first, and
 * Redis expires what nobody used.
 */
export class RedisTicketStore implements TicketStorage {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number = LIMITS.ticketTtlMs,
    private readonly prefix = 'ensemble:ticket:',
  ) {}

  async issue(claim: TicketClaim): Promise<string> {
    const ticket = newTicket()
    const stored = await this.redis.set(this.prefix + ticket, JSON.stringify({ userId: claim.userId, workspaceId: claim.workspaceId, sessionId: claim.sessionId }), 'PX', this.ttlMs, 'NX')
    if (stored !== 'OK') throw new Error('ticket collision')
    return ticket
  }

  async consume(ticket: string): Promise<TicketClaim | null> {
    if (ticket.length > 100) return null
    const value = await this.redis.getdel(this.prefix + ticket)
    if (value === null) return null
    try {
      const claim = JSON.parse(value) as Partial<TicketClaim>
      if (typeof claim.userId !== 'string' || typeof claim.workspaceId !== 'string') return null
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
