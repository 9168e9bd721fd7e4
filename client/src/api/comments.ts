import type { CommentAnchor, CommentMessage, CommentThread, CommentThreadWithMessages, InboxItem } from '@ensemble/shared'
import { del, get, patch, post } from './http.ts'
import { workspacePath } from './workspaces.ts'

/** What a thread is about, as the list and create routes take it. */
export interface CommentTargetQuery {
  docName?: string
  targetKind?: CommentThread['targetKind']
  targetId?: string
}

export interface NewThreadInput extends CommentTargetQuery {
  field?: string | null
  anchor?: CommentAnchor | null
  body: string
}

const comments = (workspaceId: string) => `${workspacePath(workspaceId)}/comments`
const thread = (workspaceId: string, threadId: string) => `${comments(workspaceId)}/threads/${encodeURIComponent(threadId)}`
const message = (workspaceId: string, messageId: string) => `${comments(workspaceId)}/messages/${encodeURIComponent(messageId)}`
const inbox = (workspaceId: string) => `${workspacePath(workspaceId)}/inbox`

export function listThreads(workspaceId: string, query: CommentTargetQuery): Promise<CommentThread[]> {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string')).toString()
  return get(`${comments(workspaceId)}/threads${qs ? `?${qs}` : ''}`)
}
export const getThread = (workspaceId: string, threadId: string): Promise<CommentThreadWithMessages> => get(thread(workspaceId, threadId))
export const createThread = (workspaceId: string, input: NewThreadInput): Promise<CommentThreadWithMessages> => post(`${comments(workspaceId)}/threads`, input)
export const replyTo = (workspaceId: string, threadId: string, body: string): Promise<CommentMessage> => post(`${thread(workspaceId, threadId)}/messages`, { body })
export const setThreadStatus = (workspaceId: string, threadId: string, status: 'resolved' | 'open'): Promise<CommentThread> =>
  post(`${thread(workspaceId, threadId)}/${status === 'resolved' ? 'resolve' : 'reopen'}`)
export const orphanThread = (workspaceId: string, threadId: string, quote: string | undefined): Promise<CommentThread> =>
  post(`${thread(workspaceId, threadId)}/orphan`, quote === undefined ? {} : { quote })
export const editMessage = (workspaceId: string, messageId: string, body: string): Promise<CommentMessage> => patch(message(workspaceId, messageId), { body })
export const deleteMessage = (workspaceId: string, messageId: string): Promise<CommentMessage> => del(message(workspaceId, messageId))
export const hideMessage = (workspaceId: string, messageId: string): Promise<CommentMessage> => post(`${message(workspaceId, messageId)}/hide`)

export const listInbox = (workspaceId: string): Promise<InboxItem[]> => get(inbox(workspaceId))
export const unreadCount = (workspaceId: string): Promise<{ unread: number }> => get(`${inbox(workspaceId)}/unread-count`)
export const markInboxRead = (workspaceId: string, itemId: string): Promise<void> => post(`${inbox(workspaceId)}/${encodeURIComponent(itemId)}/read`)
export const markAllInboxRead = (workspaceId: string): Promise<{ updated: number }> => post(`${inbox(workspaceId)}/read-all`)

/** The Server-Sent Events stream of the workspace (session cookie, same origin). */
export const workspaceEventsUrl = (workspaceId: string): string => `${workspacePath(workspaceId)}/events`
