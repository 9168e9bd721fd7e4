import { inboxItemSchema, inboxQuerySchema, markedReadSchema, unreadCountSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { CommentService } from '../../domain/comments/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe, noContent } from '../describe.ts'
import { requireMember } from '../middleware.ts'
import { pathIds, query } from '../validate.ts'

/** Mounted at /api/workspaces/:workspaceId/inbox: the caller's own mentions and replies. */
export function inboxRoutes(deps: AppDeps, comments: CommentService) {
  const member = requireMember(deps, 'comments.read')
  return new Hono<AppEnv>()
    .get(
      '/',
      describe(
        'The caller’s mentions, replies and changes to actions they are accountable or responsible for (action.changed), newest first; ?unread=1 for unread only',
        { 200: z.array(inboxItemSchema) },
      ),
      member,
      query(inboxQuerySchema),
      async (c) => {
        const { unread } = c.req.valid('query')
        const { workspaceId, userId } = c.get('membership')
        return c.json(await comments.listInbox(workspaceId, userId, unread === '1' || unread === 'true'))
      },
    )
    .get('/unread-count', describe('Number of unread inbox items', { 200: unreadCountSchema }), member, async (c) => {
      const { workspaceId, userId } = c.get('membership')
      return c.json({ unread: await comments.unreadCount(workspaceId, userId) })
    })
    .post('/read-all', describe('Mark every inbox item read', { 200: markedReadSchema }), member, async (c) => {
      const { workspaceId, userId } = c.get('membership')
      return c.json({ updated: await comments.markAllRead(workspaceId, userId) })
    })
    .post('/:itemId/read', describe('Mark one inbox item read', { 204: noContent }), member, pathIds({ itemId: 'Inbox item' }), async (c) => {
      const { workspaceId, userId } = c.get('membership')
      await comments.markRead(workspaceId, userId, c.req.valid('param').itemId)
      return c.body(null, 204)
    })
}
