import { COMMENT_LIMITS, newId, plainTextOf, type CommentTargetKind, type InboxItem, type InboxKind } from '@ensemble/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { notFound } from '../../errors.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'

type Db = Kysely<Database> | Transaction<Database>

const EXCERPT_LENGTH = 200

/**
 * Each member's inbox (`inbox_item`): the only code that writes or reads that table. Comments add
 * `mention` and `reply` items (inside their own transaction) and drop them when a message goes;
 * sign-off adds `signoff.requested` items and settles them; the action watch records
 * `action.changed` items; the digest lists a period's items. Whoever changes someone's items then
 * `announce`s it, which tells them their unread count (an `inbox.changed` event).
 */
export class InboxService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: WorkspaceEventBus,
    /** The time written on an item read (the comment service's strictly increasing stamps). */
    private readonly stamp: () => string,
  ) {}

  // ---- reading ----

  async list(workspaceId: string, userId: string, unreadOnly: boolean): Promise<InboxItem[]> {
    // Left joins: `action.changed` items point at an action, not at a message.
    let q = this.db
      .selectFrom('inbox_item')
      .leftJoin('comment_message', 'comment_message.id', 'inbox_item.message_id')
      .leftJoin('comment_thread', 'comment_thread.id', 'inbox_item.thread_id')
      .select([
        'inbox_item.id',
        'inbox_item.kind',
        'inbox_item.thread_id',
        'inbox_item.message_id',
        'inbox_item.created_at',
        'inbox_item.read_at',
        'inbox_item.doc_name as item_doc_name',
        'inbox_item.target_id as item_target_id',
        'inbox_item.fields',
        'inbox_item.actor_id',
        'comment_message.author_id',
        'comment_message.body',
        'comment_message.deleted_at',
        'comment_message.hidden_at',
        'comment_thread.target_kind',
        'comment_thread.doc_name',
        'comment_thread.target_id',
      ])
      .where('inbox_item.workspace_id', '=', workspaceId)
      .where('inbox_item.user_id', '=', userId)
    if (unreadOnly) q = q.where('inbox_item.read_at', 'is', null)
    const rows = await q.orderBy('inbox_item.created_at', 'desc').orderBy('inbox_item.id', 'desc').limit(COMMENT_LIMITS.inboxLimit).execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as InboxKind,
      threadId: r.thread_id,
      messageId: r.message_id,
      actorId: r.author_id ?? r.actor_id ?? '',
      // Items without a thread: an action changed, or a document awaits the member's sign-off.
      targetKind: (r.target_kind ?? (r.kind === 'signoff.requested' ? 'document' : 'action')) as CommentTargetKind,
      docName: r.doc_name ?? r.item_doc_name ?? '',
      targetId: r.target_id ?? r.item_target_id,
      excerpt: r.body === null || r.deleted_at || r.hidden_at ? null : plainTextOf(r.body).slice(0, EXCERPT_LENGTH),
      fields: r.fields === null ? null : (JSON.parse(r.fields) as string[]),
      createdAt: r.created_at,
      readAt: r.read_at,
    }))
  }

  async unreadCount(workspaceId: string, userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('inbox_item')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  // ---- the member reads ----

  /** Marks one item read (idempotent); someone else's item is 404. */
  async markRead(workspaceId: string, userId: string, itemId: string): Promise<void> {
    const item = await this.db
      .selectFrom('inbox_item')
      .select(['id', 'read_at'])
      .where('id', '=', itemId)
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (!item) throw notFound('Inbox item')
    if (item.read_at) return
    await this.db.updateTable('inbox_item').set({ read_at: this.stamp() }).where('id', '=', itemId).execute()
    await this.announce(workspaceId, [userId])
  }

  async markAllRead(workspaceId: string, userId: string): Promise<number> {
    const res = await this.db
      .updateTable('inbox_item')
      .set({ read_at: this.stamp() })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst()
    const updated = Number(res.numUpdatedRows)
    if (updated) await this.announce(workspaceId, [userId])
    return updated
  }

  // ---- comments ----

  /** A message's items (`mention` or `reply` per member), written in the comment's transaction. */
  async addMessageItems(
    trx: Transaction<Database>,
    workspaceId: string,
    threadId: string,
    messageId: string,
    items: [string, InboxKind][],
    now: string,
  ): Promise<void> {
    if (!items.length) return
    await trx
      .insertInto('inbox_item')
      .values(
        items.map(([user, kind]) => ({
          id: newId(),
          workspace_id: workspaceId,
          user_id: user,
          kind,
          thread_id: threadId,
          message_id: messageId,
          created_at: now,
          read_at: null,
        })),
      )
      .execute()
  }

  /** A deleted or hidden message no longer asks for anyone's attention: its unread items go. Returns whose. */
  async dropUnreadMessageItems(trx: Transaction<Database>, messageId: string): Promise<string[]> {
    const users = await trx.selectFrom('inbox_item').select('user_id').where('message_id', '=', messageId).where('read_at', 'is', null).execute()
    if (users.length) await trx.deleteFrom('inbox_item').where('message_id', '=', messageId).where('read_at', 'is', null).execute()
    return [...new Set(users.map((u) => u.user_id))]
  }

  // ---- sign-off ----

  /** A round asks each of `userIds` (partners' representatives) to answer: one unread item each. */
  async requestSignoffs(workspaceId: string, docName: string, roundId: string, proposerId: string, userIds: string[], at: string): Promise<void> {
    if (userIds.length === 0) return
    await this.db
      .insertInto('inbox_item')
      .values(
        userIds.map((userId) => ({
          id: newId(),
          workspace_id: workspaceId,
          user_id: userId,
          kind: 'signoff.requested',
          thread_id: null,
          message_id: null,
          doc_name: docName,
          target_id: roundId,
          fields: null,
          actor_id: proposerId,
          created_at: at,
          read_at: null,
        })),
      )
      .execute()
    await this.announce(workspaceId, userIds)
  }

  /** Answered, or the round closed: the sign-off requests of `userIds` (all when omitted) leave the unread count. */
  async settleSignoffRequests(workspaceId: string, roundId: string, at: string, userIds?: string[]): Promise<void> {
    let query = this.db
      .updateTable('inbox_item')
      .set({ read_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'signoff.requested')
      .where('target_id', '=', roundId)
      .where('read_at', 'is', null)
    if (userIds) query = query.where('user_id', 'in', userIds)
    const settled = await query.returning('user_id').execute()
    if (settled.length) await this.announce(workspaceId, [...new Set(settled.map((r) => r.user_id))])
  }

  // ---- the action watch ----

  /**
   * An action `userId` is accountable or responsible for changed: one unread item per member and
   * action, its fields added to while unread (and moved to the top). Another instance may insert it
   * first (unique index): then it is updated.
   */
  async noteActionChanged(workspaceId: string, userId: string, authorId: string, actionId: string, fields: string[], at: string, retry = true): Promise<void> {
    const existing = await this.db
      .selectFrom('inbox_item')
      .select(['id', 'fields'])
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('kind', '=', 'action.changed')
      .where('target_id', '=', actionId)
      .where('read_at', 'is', null)
      .executeTakeFirst()
    if (existing) {
      const merged = [...new Set([...(JSON.parse(existing.fields ?? '[]') as string[]), ...fields])].sort()
      await this.db
        .updateTable('inbox_item')
        .set({ fields: JSON.stringify(merged), actor_id: authorId, created_at: at })
        .where('id', '=', existing.id)
        .execute()
      return
    }
    try {
      await this.db
        .insertInto('inbox_item')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          user_id: userId,
          kind: 'action.changed',
          thread_id: null,
          message_id: null,
          doc_name: 'plan',
          target_id: actionId,
          fields: JSON.stringify(fields),
          actor_id: authorId,
          created_at: at,
          read_at: null,
        })
        .execute()
    } catch (err) {
      if (!retry) throw err
      await this.noteActionChanged(workspaceId, userId, authorId, actionId, fields, at, false)
    }
  }

  // ---- telling ----

  /** Tells each member their unread count changed (an `inbox.changed` event on the workspace bus). */
  async announce(workspaceId: string, userIds: string[]): Promise<void> {
    for (const userId of new Set(userIds)) {
      const unread = await this.unreadCount(workspaceId, userId)
      this.bus.publish({ workspaceId, userId, type: 'inbox.changed', data: { unread } })
    }
  }
}

/** A member's inbox items created in [from, to), oldest first, with the message each points at: what their digest lists. */
export function inboxItemsBetween(db: Db, workspaceId: string, userId: string, from: string, to: string) {
  return db
    .selectFrom('inbox_item')
    .leftJoin('comment_message', 'comment_message.id', 'inbox_item.message_id')
    .leftJoin('comment_thread', 'comment_thread.id', 'inbox_item.thread_id')
    .select([
      'inbox_item.kind',
      'inbox_item.target_id',
      'inbox_item.fields',
      'inbox_item.actor_id',
      'comment_message.author_id',
      'comment_message.body',
      'comment_thread.doc_name',
      'inbox_item.created_at',
    ])
    .where('inbox_item.workspace_id', '=', workspaceId)
    .where('inbox_item.user_id', '=', userId)
    .where('inbox_item.created_at', '>=', from)
    .where('inbox_item.created_at', '<', to)
    .orderBy('inbox_item.created_at', 'asc')
    .execute()
}
