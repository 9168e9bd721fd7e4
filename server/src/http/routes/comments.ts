import { Hono, type Context } from 'hono'
import {
  commentMessageInputSchema,
  createCommentThreadSchema,
  hideCommentMessageSchema,
  idSchema,
  listCommentThreadsQuerySchema,
  orphanCommentThreadSchema,
} from '@ensemble/shared'
import type { z } from 'zod'
import type { CommentService } from '../../domain/comments/service.ts'
import { ThreadTargets } from '../../domain/comments/threadTargets.ts'
import { roomDocAccess } from '../../domain/meetings/docAccess.ts'
import { notFound, validationFailed } from '../../errors.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'

/** Parses the query string with a shared schema; the first issue is a 422 naming its parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query())
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.length ? issue.path.join('.') : undefined
    throw validationFailed(issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid query.', field)
  }
  return result.data
}

/** A path id, or 404 (a malformed id names nothing). */
export function pathId(c: Context, name: string, what: string): string {
  const id = c.req.param(name) ?? ''
  if (!idSchema.safeParse(id).success) throw notFound(what)
  return id
}

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
  const targets = new ThreadTargets(deps.db, roomDocAccess(deps.rooms))
  return new Hono<AppEnv>()
    .get('/threads', read, async (c) => c.json(await comments.listThreads(c.get('membership').workspaceId, parseQuery(c, listCommentThreadsQuerySchema))))
    .post('/threads', write, threadRate, async (c) => {
      const input = await parseJson(c, createCommentThreadSchema)
      await targets.check(c.get('membership').workspaceId, input)
      return c.json(await comments.createThread(c.get('membership'), input), 201)
    })
    .get('/threads/:threadId', read, async (c) => c.json(await comments.getThread(c.get('membership').workspaceId, pathId(c, 'threadId', 'Thread'))))
    .post('/threads/:threadId/messages', write, messageRate, async (c) => {
      const threadId = pathId(c, 'threadId', 'Thread')
      const { body } = await parseJson(c, commentMessageInputSchema)
      return c.json(await comments.reply(c.get('membership'), threadId, body), 201)
    })
    .post('/threads/:threadId/resolve', write, async (c) => c.json(await comments.setStatus(c.get('membership'), pathId(c, 'threadId', 'Thread'), 'resolved')))
    .post('/threads/:threadId/reopen', write, async (c) => c.json(await comments.setStatus(c.get('membership'), pathId(c, 'threadId', 'Thread'), 'open')))
    .post('/threads/:threadId/orphan', write, async (c) => {
      const threadId = pathId(c, 'threadId', 'Thread')
      const { quote } = await parseJson(c, orphanCommentThreadSchema)
      return c.json(await comments.markOrphaned(c.get('membership'), threadId, quote))
    })
    .patch('/messages/:messageId', write, messageRate, async (c) => {
      const messageId = pathId(c, 'messageId', 'Message')
      const { body } = await parseJson(c, commentMessageInputSchema)
      return c.json(await comments.editMessage(c.get('membership'), messageId, body))
    })
    .delete('/messages/:messageId', write, async (c) => c.json(await comments.deleteMessage(c.get('membership'), pathId(c, 'messageId', 'Message'))))
    .post('/messages/:messageId/hide', moderate, async (c) => {
      const messageId = pathId(c, 'messageId', 'Message')
      const { reason } = await parseJson(c, hideCommentMessageSchema)
      return c.json(await comments.hideMessage(c.get('membership'), messageId, reason))
    })
    .get('/audit', moderate, async (c) => c.json(await comments.listAudit(c.get('membership').workspaceId)))
}
