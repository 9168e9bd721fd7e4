import { z } from 'zod'
import { docKind } from '../layouts/documents.ts'
import { idSchema } from '../ids.ts'
import { stripControlCharacters } from '../markdownLight.ts'
import { actionSchema } from './action.ts'

/**
 * Asynchronous discussion: threads of messages anchored to a clause of a document, an action, one
 * field of an action, a governance body or a decision. Threads and messages are authored records kept
 * in SQL (not in the Yjs documents); the anchor into a rich text is opaque to the server.
 */
export const COMMENT_LIMITS = {
  /** Characters of a message body (markdown-light source), after control characters are removed. */
  bodyLength: 10_000,
  /** Characters of the quoted text an anchor keeps (shown when the thread is orphaned). */
  quoteLength: 2_000,
  /** Characters of each encoded relative position of an anchor. */
  positionLength: 4_000,
  /** Threads returned by one list request. */
  listLimit: 500,
  /** Inbox items returned by one request. */
  inboxLimit: 200,
} as const

/** Shown in place of a message its author deleted. */
export const DELETED_MESSAGE_PLACEHOLDER = { fr: 'message supprimé', en: 'message deleted' } as const
/** Shown in place of a message an admin hid. */
export const HIDDEN_MESSAGE_PLACEHOLDER = { fr: 'message masqué par un administrateur', en: 'message hidden by an admin' } as const

export const COMMENT_TARGET_KINDS = ['document', 'action', 'action_field', 'body', 'decision'] as const
export const commentTargetKindSchema = z.enum(COMMENT_TARGET_KINDS)
export type CommentTargetKind = z.infer<typeof commentTargetKindSchema>

/** The document each non-text target lives in. */
export const DOC_OF_TARGET: Record<Exclude<CommentTargetKind, 'document'>, string> = {
  action: 'plan',
  action_field: 'plan',
  body: 'governance',
  decision: 'governance',
}

export const COMMENT_THREAD_STATUSES = ['open', 'resolved'] as const
export const commentThreadStatusSchema = z.enum(COMMENT_THREAD_STATUSES)
export type CommentThreadStatus = z.infer<typeof commentThreadStatusSchema>

/** Fields of an action a thread can be attached to. */
export const COMMENTABLE_ACTION_FIELDS = Object.keys(actionSchema.shape) as (keyof typeof actionSchema.shape)[]

/**
 * A message body: at most `COMMENT_LIMITS.bodyLength` characters as sent, then control characters
 * removed and trimmed, and not empty. The one bound is checked on what is sent, so the OpenAPI
 * document (derived from this schema's input) states the same limit the server applies.
 */
export const commentBodySchema = z
  .string()
  .max(COMMENT_LIMITS.bodyLength)
  .transform((s) => stripControlCharacters(s).trim())
  .pipe(z.string().min(1, 'the message is empty'))

/** A quoted passage: at most `COMMENT_LIMITS.quoteLength` characters as sent, control characters removed. */
const quoteSchema = z
  .string()
  .max(COMMENT_LIMITS.quoteLength)
  .transform((s) => stripControlCharacters(s))

const base64Schema = z
  .string()
  .max(COMMENT_LIMITS.positionLength)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64')

/**
 * Where a thread sits in a rich text: two encoded Yjs relative positions (opaque to the server) and the
 * text they enclosed when the thread was opened, kept so that an orphaned thread still shows it.
 */
export const commentAnchorSchema = z.strictObject({
  from: base64Schema.optional(),
  to: base64Schema.optional(),
  quote: quoteSchema.optional(),
})
export type CommentAnchor = z.infer<typeof commentAnchorSchema>

/** Field names are identifiers (an action's field, e.g. `deadline`). */
const fieldSchema = z.enum(COMMENTABLE_ACTION_FIELDS as [string, ...string[]])

/** What a thread is about. `docName` may be omitted for targets that live in one known document. */
export const commentTargetSchema = z
  .object({
    targetKind: commentTargetKindSchema,
    docName: z.string().max(80).optional(),
    targetId: idSchema.nullable().optional(),
    field: fieldSchema.nullable().optional(),
  })
  .transform((t, ctx) => {
    const issue = (message: string, path: string) => {
      ctx.addIssue({ code: 'custom', message, path: [path] })
      return z.NEVER
    }
    if (t.targetKind === 'document') {
      const kind = t.docName === undefined ? null : docKind(t.docName)
      if (kind !== 'richText' && kind !== 'minutes') return issue('comments on a text need the name of a text document', 'docName')
      if (t.targetId) return issue('a document thread has no targetId', 'targetId')
      if (t.field) return issue('a document thread has no field', 'field')
      return { targetKind: t.targetKind, docName: t.docName!, targetId: null, field: null }
    }
    const docName = DOC_OF_TARGET[t.targetKind]
    if (t.docName !== undefined && t.docName !== docName) return issue(`a ${t.targetKind} lives in the ${docName} document`, 'docName')
    if (!t.targetId) return issue(`a ${t.targetKind} thread needs the id of its ${t.targetKind === 'action_field' ? 'action' : t.targetKind}`, 'targetId')
    if (t.targetKind === 'action_field' && !t.field) return issue('an action_field thread names the field', 'field')
    if (t.targetKind !== 'action_field' && t.field) return issue(`a ${t.targetKind} thread has no field`, 'field')
    return { targetKind: t.targetKind, docName, targetId: t.targetId, field: t.field ?? null }
  })
export type CommentTarget = z.infer<typeof commentTargetSchema>

/** `POST …/comments/threads`: a target, an optional anchor, and the first message. */
export const createCommentThreadSchema = z
  .object({
    targetKind: commentTargetKindSchema,
    docName: z.string().max(80).optional(),
    targetId: idSchema.nullable().optional(),
    field: z.string().max(64).nullable().optional(),
    anchor: commentAnchorSchema.nullable().optional(),
    body: commentBodySchema,
  })
  .transform((input, ctx) => {
    const target = commentTargetSchema.safeParse(input)
    if (!target.success) {
      for (const i of target.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path })
      return z.NEVER
    }
    return { ...target.data, anchor: input.anchor ?? null, body: input.body }
  })
export type CreateCommentThreadInput = z.infer<typeof createCommentThreadSchema>
/** What a client sends to open a thread (before the schema's checks and defaults). */
export type NewCommentThread = z.input<typeof createCommentThreadSchema>

/** `POST …/threads/:id/messages` (reply) and `PATCH …/messages/:id` (edit one's own). */
export const commentMessageInputSchema = z.object({ body: commentBodySchema })
export type CommentMessageInput = z.infer<typeof commentMessageInputSchema>

/** `POST …/threads/:id/orphan`: the client's anchor disappeared; it may send the quote it last saw. */
export const orphanCommentThreadSchema = z.object({
  quote: quoteSchema.optional(),
})

/** `POST …/messages/:id/hide` (admin): an optional reason, kept in the audit trail. */
export const hideCommentMessageSchema = z.object({ reason: z.string().trim().max(500).optional() })

/** Query of `GET …/comments/threads`. */
export const listCommentThreadsQuerySchema = z.object({
  docName: z
    .string()
    .max(80)
    .refine((d) => docKind(d) !== null, 'unknown document')
    .optional(),
  targetKind: commentTargetKindSchema.optional(),
  targetId: idSchema.optional(),
  status: commentThreadStatusSchema.optional(),
})
export type ListCommentThreadsQuery = z.infer<typeof listCommentThreadsQuerySchema>

export const commentMessageSchema = z.object({
  id: z.string(),
  threadId: z.string(),
  authorId: z.string(),
  /** The markdown-light source; null once deleted by its author or hidden by an admin. */
  body: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  hiddenBy: z.string().nullable(),
  hiddenAt: z.string().nullable(),
  /** User ids this message reached through mentions (partners expanded). */
  mentions: z.array(z.string()),
})
export type CommentMessage = z.infer<typeof commentMessageSchema>

export const commentThreadSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  targetKind: commentTargetKindSchema,
  docName: z.string(),
  targetId: z.string().nullable(),
  field: z.string().nullable(),
  anchor: z.object({ from: z.string().optional(), to: z.string().optional(), quote: z.string().optional() }).nullable(),
  /** The quoted text at creation (or when orphaned); survives the anchor. */
  quote: z.string().nullable(),
  status: commentThreadStatusSchema,
  orphaned: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  messageCount: z.number().int(),
  lastMessageAt: z.string(),
})
export type CommentThread = z.infer<typeof commentThreadSchema>

export const commentThreadWithMessagesSchema = z.object({ thread: commentThreadSchema, messages: z.array(commentMessageSchema) })
export type CommentThreadWithMessages = z.infer<typeof commentThreadWithMessagesSchema>

/** `action.changed`: an action the member is accountable or responsible for was edited by someone else. */
export const INBOX_KINDS = ['mention', 'reply', 'action.changed', 'signoff.requested'] as const
export const inboxKindSchema = z.enum(INBOX_KINDS)
export type InboxKind = z.infer<typeof inboxKindSchema>

export const inboxItemSchema = z.object({
  id: z.string(),
  kind: inboxKindSchema,
  /** The thread and message of a `mention` or `reply`; null for `action.changed` and `signoff.requested`. */
  threadId: z.string().nullable(),
  messageId: z.string().nullable(),
  /** Who wrote the message (for `action.changed`: who edited the action last). */
  actorId: z.string(),
  /** Where the thread sits, so the inbox can link to it. */
  targetKind: commentTargetKindSchema,
  docName: z.string(),
  targetId: z.string().nullable(),
  /** Plain-text start of the message; null once it is deleted or hidden. */
  excerpt: z.string().nullable(),
  /** `action.changed`: the action's fields changed since the item was last read (e.g. `deadline`); null otherwise. */
  fields: z.array(z.string()).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type InboxItem = z.infer<typeof inboxItemSchema>

export const inboxQuerySchema = z.object({ unread: z.enum(['0', '1', 'true', 'false']).optional() })
/** `GET …/inbox/unread-count`. */
export const unreadCountSchema = z.object({ unread: z.number().int() })
/** `POST …/inbox/read-all`: how many items were marked read. */
export const markedReadSchema = z.object({ updated: z.number().int() })

/** One moderation step of the comments (a message hidden), for admins. */
export const commentAuditEntrySchema = z.object({
  id: z.string(),
  actorId: z.string(),
  action: z.string(),
  messageId: z.string(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
})

/** Event names pushed on `GET /api/workspaces/:id/events` (Server-Sent Events). */
export const WORKSPACE_EVENTS = [
  'comment.thread.created',
  'comment.thread.resolved',
  'comment.thread.reopened',
  'comment.thread.orphaned',
  'comment.message.created',
  'comment.message.updated',
  'comment.message.deleted',
  'comment.message.hidden',
  'inbox.changed',
  // Governance meetings (GOV11): attendance and quorum, votes and their tally, decisions, anything else.
  'meeting.changed',
  'meeting.attendance',
  'meeting.vote',
  'meeting.decision',
  // History and sign-off (HIST, SIGN): data { docName }. A version was named or restored; a sign-off
  // round was proposed, answered, withdrawn, adopted or unlocked. Panels reload what they show.
  'history.changed',
  'signoff.changed',
  // Roles (ROLE1): a member's role changed or they left; data { userId, role } (role null when
  // removed). Every page of the alliance re-reads it; the member's own pages switch what they offer.
  'member.changed',
  // The plan document changed (DASH8): data { docName: 'plan' }, at most one a second per workspace.
  // The dashboard reads itself again.
  'plan.changed',
] as const
export type WorkspaceEventName = (typeof WORKSPACE_EVENTS)[number]
