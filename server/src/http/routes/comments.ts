import {
  commentAuditEntrySchema,
  commentMessageInputSchema,
  commentMessageSchema,
  commentThreadSchema,
  commentThreadWithMessagesSchema,
  createCommentThreadSchema,
  hideCommentMessageSchema,
  listCommentThreadsQuerySchema,
  orphanCommentThreadSchema,
} from '@ensemble/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import type { CommentService } from '../../domain/comments/service.ts'
import { ThreadTargets } from '../../domain/comments/threadTargets.ts'
import { roomDocAccess } from '../../domain/meetings/docAccess.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds, query } from '../validate.ts'

/**
 * Mounted at /api/workspaces/:workspaceId/comments. Members read (observers included); commenters and
 * above write; only a message's author edits or deletes it; admins hide messages (audited).
 */
export function commentRoutes(deps: AppDeps, comments: CommentService) {
  const read = requireMember(deps, 'comments.read')
  const write = requireMember(deps, 'comments.write')
  const moderate = requireMember(deps, 'comments.moderate')
  // Threads and messages reach inboxes and every open panel: each has a budget of its own (LIM5).
  const threadRate = limitRate(deps.memberLimits, 'threads')
  const messageRate = limitRate(deps.memberLimits, 'messages')
  const threadId = pathIds({ threadId: 'Thread' })
  const messageId = pathIds({ messageId: 'Message' })
  const targets = new ThreadTargets(deps.db, roomDocAccess(deps.rooms))
  return new Hono<AppEnv>()
    .get(
      '/threads',
      describe('Comment threads; query filters docName, targetKind, targetId, status (members)', { 200: z.array(commentThreadSchema) }),
      read,
      query(listCommentThreadsQuerySchema),
      async (c) => c.json(await comments.listThreads(c.get('membership').workspaceId, c.req.valid('query'))),
    )
    .post(
      '/threads',
      describe('Open a thread on a text range, an action, an action field, a body or a decision, with its first message (commenter and above)', {
        201: commentThreadWithMessagesSchema,
      }),
      write,
      threadRate,
      jsonBody(createCommentThreadSchema),
      async (c) => {
        const input = c.req.valid('json')
        await targets.check(c.get('membership').workspaceId, input)
        return c.json(await comments.createThread(c.get('membership'), input), 201)
      },
    )
    .get('/threads/:threadId', describe('A thread with its messages (members)', { 200: commentThreadWithMessagesSchema }), read, threadId, async (c) =>
      c.json(await comments.getThread(c.get('membership').workspaceId, c.req.valid('param').threadId)),
    )
    .post(
      '/threads/:threadId/messages',
      describe('Reply (commenter and above); mentions are resolved by the server', { 201: commentMessageSchema }),
      write,
      messageRate,
      threadId,
      jsonBody(commentMessageInputSchema),
      async (c) => c.json(await comments.reply(c.get('membership'), c.req.valid('param').threadId, c.req.valid('json').body), 201),
    )
    .post('/threads/:threadId/resolve', describe('Resolve a thread (commenter and above)', { 200: commentThreadSchema }), write, threadId, async (c) =>
      c.json(await comments.setStatus(c.get('membership'), c.req.valid('param').threadId, 'resolved')),
    )
    .post('/threads/:threadId/reopen', describe('Reopen a resolved thread (commenter and above)', { 200: commentThreadSchema }), write, threadId, async (c) =>
      c.json(await comments.setStatus(c.get('membership'), c.req.valid('param').threadId, 'open')),
    )
    .post(
      '/threads/:threadId/orphan',
      describe('Mark a thread orphaned when its anchor disappeared; its quote is kept', { 200: commentThreadSchema }),
      write,
      threadId,
      jsonBody(orphanCommentThreadSchema),
      async (c) => c.json(await comments.markOrphaned(c.get('membership'), c.req.valid('param').threadId, c.req.valid('json').quote)),
    )
    .patch(
      '/messages/:messageId',
      describe('Edit one’s own message', { 200: commentMessageSchema }),
      write,
      messageRate,
      messageId,
      jsonBody(commentMessageInputSchema),
      async (c) => c.json(await comments.editMessage(c.get('membership'), c.req.valid('param').messageId, c.req.valid('json').body)),
    )
    .delete('/messages/:messageId', describe('Delete one’s own message (a placeholder stays)', { 200: commentMessageSchema }), write, messageId, async (c) =>
      c.json(await comments.deleteMessage(c.get('membership'), c.req.valid('param').messageId)),
    )
    .post(
      '/messages/:messageId/hide',
      describe('Hide a message (admin; audited)', { 200: commentMessageSchema }),
      moderate,
      messageId,
      jsonBody(hideCommentMessageSchema),
      async (c) => c.json(await comments.hideMessage(c.get('membership'), c.req.valid('param').messageId, c.req.valid('json').reason)),
    )
    .get('/audit', describe('Moderation audit trail (admin)', { 200: z.array(commentAuditEntrySchema) }), moderate, async (c) =>
      c.json(await comments.listAudit(c.get('membership').workspaceId)),
    )
}
