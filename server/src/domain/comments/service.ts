import {
  COMMENT_LIMITS,
  newId,
  type CommentAnchor,
  type CommentMessage,
  type CommentTargetKind,
  type CommentThread,
  type CommentThreadStatus,
  type CommentThreadWithMessages,
  type CreateCommentThreadInput,
  type InboxItem,
  type InboxKind,
  type ListCommentThreadsQuery,
} from '@ensemble/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { CommentMessageTable, CommentThreadTable, Database } from '../../db/schema.ts'
import { conflict, forbidden, notFound } from '../../errors.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { Membership } from '../members.ts'
import type { WorkspaceEventBus } from './events.ts'
import { resolveMentions } from './mentions.ts'
import { InboxService } from '../inbox/service.ts'

type Db = Kysely<Database> | Transaction<Database>
type ThreadRow = Selectable<CommentThreadTable>
type MessageRow = Selectable<CommentMessageTable>

export interface AuditEntry {
  id: string
  actorId: string
  action: string
  messageId: string
  at: string
  detail: Record<string, unknown>
}

/**
 * Threads, messages, mentions and moderation of one database, and the inbox items they cause
 * (written through the inbox service, domain/inbox/service.ts). Every change commits in one
 * transaction, then publishes its events on the bus (never before: a listener may read the rows).
 */
export class CommentService {
  private lastStamp = 0
  /** The members' inboxes: the comment service adds and drops its messages' items there. */
  readonly inbox: InboxService

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: WorkspaceEventBus,
    private readonly clock: Clock = systemClock,
  ) {
    this.inbox = new InboxService(db, bus, () => this.stamp())
  }

  /** Strictly increasing ISO timestamps within this process, so messages keep their order. */
  private stamp(): string {
    let t = this.clock().getTime()
    if (t <= this.lastStamp) t = this.lastStamp + 1
    this.lastStamp = t
    return new Date(t).toISOString()
  }

  // ---- reading ----

  async listThreads(workspaceId: string, query: ListCommentThreadsQuery): Promise<CommentThread[]> {
    let q = this.db.selectFrom('comment_thread').selectAll().where('workspace_id', '=', workspaceId)
    if (query.docName) q = q.where('doc_name', '=', query.docName)
    if (query.targetKind) q = q.where('target_kind', '=', query.targetKind)
    if (query.targetId) q = q.where('target_id', '=', query.targetId)
    if (query.status) q = q.where('status', '=', query.status)
    const rows = await q.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(COMMENT_LIMITS.listLimit).execute()
    const counts = await this.messageCounts(rows.map((r) => r.id))
    return rows.map((r) => presentThread(r, counts.get(r.id) ?? 0))
  }

  async getThread(workspaceId: string, threadId: string): Promise<CommentThreadWithMessages> {
    const row = await this.threadRow(this.db, workspaceId, threadId)
    const messages = await this.db
      .selectFrom('comment_message')
      .selectAll()
      .where('thread_id', '=', threadId)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute()
    const mentions = await this.mentionsOf(messages.map((m) => m.id))
    return { thread: presentThread(row, messages.length), messages: messages.map((m) => presentMessage(m, mentions.get(m.id) ?? [])) }
  }

  // ---- writing ----

  /** Opens a thread with its first message; mentioned members get an inbox item. */
  async createThread(actor: Membership, input: CreateCommentThreadInput): Promise<CommentThreadWithMessages> {
    const { workspaceId, userId } = actor
    const mentioned = await resolveMentions(this.db, workspaceId, input.body)
    const now = this.stamp()
    const threadId = newId()
    const messageId = newId()
    const anchor = input.anchor && Object.keys(input.anchor).length ? input.anchor : null
    const notified = await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('comment_thread')
        .values({
          id: threadId,
          workspace_id: workspaceId,
          target_kind: input.targetKind,
          doc_name: input.docName,
          target_id: input.targetId,
          field: input.field,
          anchor: anchor ? JSON.stringify(anchor) : null,
          quote: anchor?.quote ?? null,
          status: 'open',
          orphaned: 0,
          created_by: userId,
          created_at: now,
          resolved_by: null,
          resolved_at: null,
          last_message_at: now,
        })
        .execute()
      return this.insertMessage(trx, workspaceId, threadId, messageId, userId, input.body, mentioned, [], now)
    })
    const created = await this.getThread(workspaceId, threadId)
    this.bus.publish({ workspaceId, type: 'comment.thread.created', data: created })
    await this.inbox.announce(workspaceId, notified)
    return created
  }

  /** Adds a message; mentioned members get a mention, the thread's previous participants a reply. */
  async reply(actor: Membership, threadId: string, body: string): Promise<CommentMessage> {
    const { workspaceId, userId } = actor
    const thread = await this.threadRow(this.db, workspaceId, threadId)
    const mentioned = await resolveMentions(this.db, workspaceId, body)
    const now = this.stamp()
    const messageId = newId()
    const notified = await this.db.transaction().execute(async (trx) => {
      const authors = await trx.selectFrom('comment_message').select('author_id').distinct().where('thread_id', '=', threadId).execute()
      const participants = [...new Set([thread.created_by, ...authors.map((a) => a.author_id)])]
      // Only people still in the alliance hear about it.
      const stillMembers = participants.length
        ? (await trx.selectFrom('member').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', 'in', participants).execute()).map(
            (m) => m.user_id,
          )
        : []
      const sent = await this.insertMessage(trx, workspaceId, threadId, messageId, userId, body, mentioned, stillMembers, now)
      await trx.updateTable('comment_thread').set({ last_message_at: now }).where('id', '=', threadId).execute()
      return sent
    })
    const message = await this.messageById(messageId)
    this.bus.publish({ workspaceId, type: 'comment.message.created', data: { threadId, message } })
    await this.inbox.announce(workspaceId, notified)
    return message
  }

  /** Edits one's own message; members newly mentioned by the edit get a mention. */
  async editMessage(actor: Membership, messageId: string, body: string): Promise<CommentMessage> {
    const { workspaceId, userId } = actor
    const row = await this.messageRow(workspaceId, messageId)
    if (row.author_id !== userId) throw forbidden('Only its author edits a message.', 'not_author')
    if (row.deleted_at || row.hidden_at) throw conflict('This message was deleted or hidden.', undefined, 'message_gone')
    const mentioned = await resolveMentions(this.db, workspaceId, body)
    const now = this.stamp()
    const notified = await this.db.transaction().execute(async (trx) => {
      const before = new Set((await trx.selectFrom('comment_mention').select('user_id').where('message_id', '=', messageId).execute()).map((m) => m.user_id))
      await trx.updateTable('comment_message').set({ body, edited_at: now }).where('id', '=', messageId).execute()
      await trx.deleteFrom('comment_mention').where('message_id', '=', messageId).execute()
      if (mentioned.length)
        await trx
          .insertInto('comment_mention')
          .values(mentioned.map((u) => ({ message_id: messageId, user_id: u })))
          .execute()
      const fresh = mentioned.filter((u) => !before.has(u) && u !== userId)
      await this.inbox.addMessageItems(
        trx,
        workspaceId,
        row.thread_id,
        messageId,
        fresh.map((u) => [u, 'mention']),
        now,
      )
      return fresh
    })
    const message = await this.messageById(messageId)
    this.bus.publish({ workspaceId, type: 'comment.message.updated', data: { threadId: row.thread_id, message } })
    await this.inbox.announce(workspaceId, notified)
    return message
  }

  /** Deletes one's own message: the row stays as a placeholder, its body and mentions go. */
  async deleteMessage(actor: Membership, messageId: string): Promise<CommentMessage> {
    const { workspaceId, userId } = actor
    const row = await this.messageRow(workspaceId, messageId)
    if (row.author_id !== userId) throw forbidden('Only its author deletes a message.', 'not_author')
    if (row.deleted_at) throw conflict('This message is already deleted.', undefined, 'message_gone')
    const now = this.stamp()
    const notified = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('comment_message').set({ body: '', deleted_at: now }).where('id', '=', messageId).execute()
      await trx.deleteFrom('comment_mention').where('message_id', '=', messageId).execute()
      return this.inbox.dropUnreadMessageItems(trx, messageId)
    })
    const message = await this.messageById(messageId)
    this.bus.publish({ workspaceId, type: 'comment.message.deleted', data: { threadId: row.thread_id, message } })
    await this.inbox.announce(workspaceId, notified)
    return message
  }

  /** An admin hides a message from everyone; the body moves to the audit trail with the reason. */
  async hideMessage(actor: Membership, messageId: string, reason: string | undefined): Promise<CommentMessage> {
    const { workspaceId, userId } = actor
    const row = await this.messageRow(workspaceId, messageId)
    if (row.hidden_at) throw conflict('This message is already hidden.', undefined, 'message_gone')
    if (row.deleted_at) throw conflict('This message was deleted by its author.', undefined, 'message_gone')
    const now = this.stamp()
    const notified = await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('comment_audit')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          actor_id: userId,
          action: 'message.hidden',
          message_id: messageId,
          at: now,
          detail: JSON.stringify({ threadId: row.thread_id, authorId: row.author_id, body: row.body, reason: reason ?? null }),
        })
        .execute()
      await trx.updateTable('comment_message').set({ body: '', hidden_by: userId, hidden_at: now }).where('id', '=', messageId).execute()
      return this.inbox.dropUnreadMessageItems(trx, messageId)
    })
    const message = await this.messageById(messageId)
    this.bus.publish({ workspaceId, type: 'comment.message.hidden', data: { threadId: row.thread_id, message } })
    await this.inbox.announce(workspaceId, notified)
    return message
  }

  async setStatus(actor: Membership, threadId: string, status: CommentThreadStatus): Promise<CommentThread> {
    const { workspaceId, userId } = actor
    const row = await this.threadRow(this.db, workspaceId, threadId)
    if (row.status === status)
      throw conflict(status === 'resolved' ? 'This thread is already resolved.' : 'This thread is already open.', 'status', 'thread_already_in_state')
    const now = this.stamp()
    await this.db
      .updateTable('comment_thread')
      .set(status === 'resolved' ? { status, resolved_by: userId, resolved_at: now } : { status, resolved_by: null, resolved_at: null })
      .where('id', '=', threadId)
      .execute()
    const thread = await this.threadById(workspaceId, threadId)
    this.bus.publish({ workspaceId, type: status === 'resolved' ? 'comment.thread.resolved' : 'comment.thread.reopened', data: { thread } })
    return thread
  }

  /** The client's anchor vanished: the thread stays, flagged, with its quote (the stored one wins). */
  async markOrphaned(actor: Membership, threadId: string, quote: string | undefined): Promise<CommentThread> {
    const { workspaceId } = actor
    const row = await this.threadRow(this.db, workspaceId, threadId)
    if (row.orphaned) return this.threadById(workspaceId, threadId)
    await this.db
      .updateTable('comment_thread')
      .set({ orphaned: 1, quote: row.quote ?? (quote || null) })
      .where('id', '=', threadId)
      .execute()
    const thread = await this.threadById(workspaceId, threadId)
    this.bus.publish({ workspaceId, type: 'comment.thread.orphaned', data: { thread } })
    return thread
  }

  async listAudit(workspaceId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('comment_audit')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('at', 'asc')
      .orderBy('id', 'asc')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      action: r.action,
      messageId: r.message_id,
      at: r.at,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }))
  }

  // ---- inbox (the routes of http/routes/inbox.ts reach it through the comment service) ----

  listInbox(workspaceId: string, userId: string, unreadOnly: boolean): Promise<InboxItem[]> {
    return this.inbox.list(workspaceId, userId, unreadOnly)
  }

  unreadCount(workspaceId: string, userId: string): Promise<number> {
    return this.inbox.unreadCount(workspaceId, userId)
  }

  /** Marks one item read (idempotent); someone else's item is 404. */
  markRead(workspaceId: string, userId: string, itemId: string): Promise<void> {
    return this.inbox.markRead(workspaceId, userId, itemId)
  }

  markAllRead(workspaceId: string, userId: string): Promise<number> {
    return this.inbox.markAllRead(workspaceId, userId)
  }

  // ---- internals ----

  /**
   * Inserts a message with its mentions and inbox items: `mention` for each mentioned member, `reply`
   * for each participant not mentioned; never the author. Returns who got an item.
   */
  private async insertMessage(
    trx: Transaction<Database>,
    workspaceId: string,
    threadId: string,
    messageId: string,
    authorId: string,
    body: string,
    mentioned: string[],
    participants: string[],
    now: string,
  ): Promise<string[]> {
    await trx
      .insertInto('comment_message')
      .values({
        id: messageId,
        thread_id: threadId,
        author_id: authorId,
        body,
        created_at: now,
        edited_at: null,
        deleted_at: null,
        hidden_by: null,
        hidden_at: null,
      })
      .execute()
    if (mentioned.length)
      await trx
        .insertInto('comment_mention')
        .values(mentioned.map((u) => ({ message_id: messageId, user_id: u })))
        .execute()
    const items = new Map<string, InboxKind>()
    for (const u of mentioned) items.set(u, 'mention')
    for (const u of participants) if (!items.has(u)) items.set(u, 'reply')
    items.delete(authorId)
    await this.inbox.addMessageItems(trx, workspaceId, threadId, messageId, [...items], now)
    return [...items.keys()]
  }

  private async threadRow(db: Db, workspaceId: string, threadId: string): Promise<ThreadRow> {
    const row = await db.selectFrom('comment_thread').selectAll().where('id', '=', threadId).where('workspace_id', '=', workspaceId).executeTakeFirst()
    if (!row) throw notFound('Thread')
    return row
  }

  private async threadById(workspaceId: string, threadId: string): Promise<CommentThread> {
    const row = await this.threadRow(this.db, workspaceId, threadId)
    return presentThread(row, (await this.messageCounts([threadId])).get(threadId) ?? 0)
  }

  /** A message of this workspace (a message of another workspace is 404). */
  private async messageRow(workspaceId: string, messageId: string): Promise<MessageRow> {
    const row = await this.db
      .selectFrom('comment_message')
      .innerJoin('comment_thread', 'comment_thread.id', 'comment_message.thread_id')
      .selectAll('comment_message')
      .where('comment_message.id', '=', messageId)
      .where('comment_thread.workspace_id', '=', workspaceId)
      .executeTakeFirst()
    if (!row) throw notFound('Message')
    return row
  }

  private async messageById(messageId: string): Promise<CommentMessage> {
    const row = await this.db.selectFrom('comment_message').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow()
    return presentMessage(row, (await this.mentionsOf([messageId])).get(messageId) ?? [])
  }

  private async messageCounts(threadIds: string[]): Promise<Map<string, number>> {
    if (!threadIds.length) return new Map()
    const rows = await this.db
      .selectFrom('comment_message')
      .select(['thread_id', (eb) => eb.fn.countAll().as('n')])
      .where('thread_id', 'in', threadIds)
      .groupBy('thread_id')
      .execute()
    return new Map(rows.map((r) => [r.thread_id, Number(r.n)]))
  }

  private async mentionsOf(messageIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>()
    if (!messageIds.length) return map
    const rows = await this.db
      .selectFrom('comment_mention')
      .select(['message_id', 'user_id'])
      .where('message_id', 'in', messageIds)
      .orderBy('user_id')
      .execute()
    for (const r of rows) (map.get(r.message_id) ?? map.set(r.message_id, []).get(r.message_id)!).push(r.user_id)
    return map
  }
}

function presentThread(r: ThreadRow, messageCount: number): CommentThread {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    targetKind: r.target_kind as CommentTargetKind,
    docName: r.doc_name,
    targetId: r.target_id,
    field: r.field,
    anchor: r.anchor ? (JSON.parse(r.anchor) as CommentAnchor) : null,
    quote: r.quote,
    status: r.status as CommentThreadStatus,
    orphaned: Boolean(r.orphaned),
    createdBy: r.created_by,
    createdAt: r.created_at,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    messageCount,
    lastMessageAt: r.last_message_at,
  }
}

function presentMessage(r: MessageRow, mentions: string[]): CommentMessage {
  const gone = Boolean(r.deleted_at || r.hidden_at)
  return {
    id: r.id,
    threadId: r.thread_id,
    authorId: r.author_id,
    body: gone ? null : r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deleted: Boolean(r.deleted_at),
    hidden: Boolean(r.hidden_at),
    hiddenBy: r.hidden_by,
    hiddenAt: r.hidden_at,
    mentions: gone ? [] : mentions,
  }
}
