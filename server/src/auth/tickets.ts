import { randomBytes } from 'node:crypto'
import { LIMITS } from '@ensemble/shared'

export interface TicketClaim {
  userId: string
  workspaceId: string
}

/**
 * Websocket tickets: single use, short lived, bound to one user and one workspace. A browser cannot
 * set headers on a websocket, so the session cookie is exchanged for a ticket over REST first; the
 * ticket then travels in the URL, where a leak is harmless because it is spent on first use.
 * In memory: a ticket is redeemed on the instance that issued it or, with Redis, via the shared store.
 */
export class TicketStore {
  private readonly tickets = new Map<string, TicketClaim & { expiresAt: number }>()

  constructor(
    private readonly ttlMs: number = LIMITS.ticketTtlMs,
    private readonly now: () => number = Date.now,
  ) {}

  issue(claim: TicketClaim): string {
    this.sweep()
    const ticket = randomBytes(24).toString('base64url')
    this.tickets.set(ticket, { ...claim, expiresAt: this.now() + this.ttlMs })
    return ticket
  }

  /** Returns the claim and forgets the ticket; null if unknown, expired or already used. */
  consume(ticket: string): TicketClaim | null {
    const entry = this.tickets.get(ticket)
    if (!entry) return null
    this.tickets.delete(ticket)
    if (entry.expiresAt <= this.now()) return null
    return { userId: entry.userId, workspaceId: entry.workspaceId }
  }

  private sweep(): void {
    const now = this.now()
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket)
  }
}
