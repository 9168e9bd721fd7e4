import { LIMITS, ticketSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'

/**
 * Mounted at /api/workspaces/:workspaceId/tickets: exchanges the session cookie for a websocket
 * ticket. Minting is rated per member, and a member holds a bounded number of unused tickets (LIM4).
 */
export function ticketRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post(
    '/',
    describe('A single-use websocket ticket (≤ 60 s)', { 200: ticketSchema }),
    requireMember(deps),
    limitRate(deps.memberLimits, 'tickets'),
    async (c) => {
      const { workspaceId, userId } = c.get('membership')
      c.header('Cache-Control', 'no-store')
      const sessionId = c.get('sessionId')
      const ticket = await deps.tickets.issue(
        { userId, workspaceId, ...(sessionId ? { sessionId } : {}) },
        { maxOutstanding: deps.memberLimits.maxOutstandingTickets },
      )
      return c.json({ ticket, expiresInMs: LIMITS.ticketTtlMs })
    },
  )
}
