import { Hono } from 'hono'
import { LIMITS } from '@ensemble/shared'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'

/** Mounted at /api/workspaces/:workspaceId/tickets: exchanges the session cookie for a websocket ticket. */
export function ticketRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().post('/', requireMember(deps), async (c) => {
    const { workspaceId, userId } = c.get('membership')
    c.header('Cache-Control', 'no-store')
    return c.json({ ticket: await deps.tickets.issue({ userId, workspaceId, ...(c.get('sessionId') ? { sessionId: c.get('sessionId')! } : {}) }), expiresInMs: LIMITS.ticketTtlMs })
  })
}
