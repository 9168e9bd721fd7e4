import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { WorkspaceEvent, WorkspaceEventBus } from '../domain/comments/events.ts'
import { systemClock } from '../domain/clock.ts'
import { recordVisit } from '../domain/digest/preferences.ts'
import { getMembership } from '../domain/members.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { limitRate } from './memberLimits.ts'
import { requireMember } from './middleware.ts'
import { describe, fileAnswer } from './describe.ts'

const isAbout = (data: unknown, userId: string): boolean => typeof data === 'object' && data !== null && (data as { userId?: unknown }).userId === userId

/** A comment line this often keeps proxies and browsers from closing an idle stream. */
export const HEARTBEAT_MS = 25_000

/**
 * Mounted at /api/workspaces/:workspaceId/events: the workspace's live events as Server-Sent Events,
 * for members only (session cookie). The first event, `ready`, says the subscription is live. Events
 * meant for one member (`inbox.changed`) reach only them; a member who loses their membership stops
 * receiving events and the stream ends. Unsubscribes when the client goes away. Opening streams
 * is rated per member, and a member holds a bounded number of them open (LIM3).
 */
export function eventRoutes(deps: AppDeps, bus: WorkspaceEventBus, heartbeatMs = HEARTBEAT_MS) {
  return new Hono<AppEnv>().get(
    '/',
    describe(
      'Live workspace events as Server-Sent Events: ready, comment.*, inbox.changed, meeting.*, history.changed, signoff.changed, member.changed, plan.changed; opening is rated and capped per member (LIM3): 429 with Retry-After',
      {
        200: fileAnswer('text/event-stream', 'Server-Sent Events'),
      },
    ),
    requireMember(deps, 'comments.read'),
    limitRate(deps.memberLimits, 'eventStreams'),
    (c) => {
      const { workspaceId, userId } = c.get('membership')
      // Given back once, when the stream's loop below ends (the client left, or lost its membership).
      const release = deps.memberLimits.openStream(userId)
      c.header('X-Accel-Buffering', 'no')
      const signal = c.req.raw.signal
      return streamSSE(
        c,
        async (stream) => {
          const queue: (WorkspaceEvent & { seq: number })[] = []
          let wake: (() => void) | null = null
          const unsubscribe = bus.subscribe(workspaceId, (event) => {
            if (event.userId !== undefined && event.userId !== userId) return
            queue.push(event)
            wake?.()
          })
          const stop = () => wake?.()
          stream.onAbort(stop)
          signal.addEventListener('abort', stop)
          const heartbeat = setInterval(() => {
            stream.write(': heartbeat\n\n').catch(stop)
          }, heartbeatMs)
          const open = () => !stream.aborted && !stream.closed && !signal.aborted
          try {
            // Opening the workspace's stream is a visit: the next digest covers what changed after it.
            await recordVisit(deps.db, workspaceId, userId, (deps.clock ?? systemClock)())
            await stream.writeSSE({ event: 'ready', data: JSON.stringify({ workspaceId, userId }), retry: 3000 })
            while (open()) {
              const event = queue.shift()
              if (!event) {
                await new Promise<void>((resolve) => (wake = resolve))
                wake = null
                continue
              }
              // Membership is re-read per event: someone removed from the alliance hears nothing more,
              // but that they were removed (their pages then stop offering the alliance, ROLE1).
              const member = await getMembership(deps.db, workspaceId, userId)
              const ownRemoval = !member && event.type === 'member.changed' && isAbout(event.data, userId)
              if (!member && !ownRemoval) break
              await stream.writeSSE({ id: String(event.seq), event: event.type, data: JSON.stringify(event.data) })
              if (!member) break
            }
          } finally {
            release()
            clearInterval(heartbeat)
            signal.removeEventListener('abort', stop)
            unsubscribe()
          }
        },
        async (err) => {
          deps.logger.warn({ err, workspaceId }, 'event stream failed')
        },
      )
    },
  )
}
