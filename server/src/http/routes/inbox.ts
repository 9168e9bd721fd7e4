import { Hono } from 'hono'
import { inboxQuerySchema } from '@ensemble/shared'
import type { CommentService } from '../../domain/comments/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'
import { parseQuery, pathId } from './comments.ts'

/** Mounted at /api/workspaces/:workspaceId/inbox: the caller's own mentions and replies. */
export function inboxRoutes(deps: AppDeps, comments: CommentService) {
  const member = requireMember(deps, 'comments.read')
  return new Hono<AppEnv>()
    .get('/', member, async (c) => {
      const { unread } = parseQuery(c, inboxQuerySchema)
      const { workspaceId, userId } = c.get('membership')
      return c.json(await comments.listInbox(workspaceId, userId, unread === '1' || unread === 'true'))
    })
    .get('/unread-count', member, async (c) => {
      const { workspaceId, userId } = c.get('membership')
      return c.json({ unread: await comments.unreadCount(workspaceId, userId) })
    })
    .post('/read-all', member, async (c) => {
      const { workspaceId, userId } = c.get('membership')
      return c.json({ updated: await comments.markAllRead(workspaceId, userId) })
    })
    .post('/:itemId/read', member, async (c) => {
      const { workspaceId, userId } = c.get('membership')
      await comments.markRead(workspaceId, userId, pathId(c, 'itemId', 'Inbox item'))
      return c.body(null, 204)
    })
}
