import type { CommentMessage, CommentThread, CommentThreadWithMessages, ListCommentThreadsQuery } from '@ensemble/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { call, params, rest } from '../../api/client.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspaceEvents } from './workspaceEvents.ts'

export interface CommentThreadsApi {
  /** Null until the first list arrived. */
  threads: CommentThread[] | null
  error: string | null
  /** Messages of the threads loaded so far, by thread id. */
  messages: ReadonlyMap<string, CommentMessage[]>
  loadMessages(threadId: string): void
  /** Apply what a REST call answered, before (or instead of) its event. */
  applyThread(thread: CommentThread): void
  applyCreated(created: CommentThreadWithMessages): void
  /** `created`: a new message (counted once), not an edit. */
  applyMessage(message: CommentMessage, created?: boolean): void
}

interface State {
  threads: CommentThread[] | null
  messages: ReadonlyMap<string, CommentMessage[]>
}

/** What a thread is about, as the list filters it. */
export type CommentTargetQuery = Pick<ListCommentThreadsQuery, 'docName' | 'targetKind' | 'targetId'>

export const threadMatches = (query: CommentTargetQuery, thread: CommentThread): boolean =>
  (query.docName === undefined || thread.docName === query.docName) &&
  (query.targetKind === undefined || thread.targetKind === query.targetKind) &&
  (query.targetId === undefined || thread.targetId === query.targetId)

const upsert = <T extends { id: string }>(list: T[], item: T): T[] => {
  const i = list.findIndex((x) => x.id === item.id)
  if (i < 0) return [...list, item]
  const next = list.slice()
  next[i] = item
  return next
}

/** Adds or replaces a message; a new one bumps its thread's count (whether REST or the event came first). */
function withMessage(state: State, message: CommentMessage, created: boolean): State {
  const list = state.messages.get(message.threadId)
  const isNew = created && !list?.some((m) => m.id === message.id)
  const messages = list ? new Map(state.messages).set(message.threadId, upsert(list, message)) : state.messages
  const threads = isNew
    ? (state.threads?.map((t) => (t.id === message.threadId ? { ...t, messageCount: t.messageCount + 1, lastMessageAt: message.createdAt } : t)) ?? null)
    : state.threads
  return { threads, messages }
}

interface MessageEventData {
  threadId: string
  message: CommentMessage
}

/**
 * The threads of one document or target, kept live: loaded through REST, then patched by the
 * workspace's events (re-read in full after a reconnection, which may have missed some). `onRemote`
 * hears messages and threads that arrive by event, for the polite announcements.
 */
export function useCommentThreads(
  workspaceId: string,
  query: CommentTargetQuery,
  onRemote?: (created: { thread: CommentThread; message: CommentMessage; newThread: boolean }) => void,
): CommentThreadsApi {
  const handleError = useApiErrorHandler()
  const [state, setState] = useState<State>({ threads: null, messages: new Map() })
  const [error, setError] = useState<string | null>(null)
  const key = JSON.stringify(query)
  const stableQuery = useMemo(() => JSON.parse(key) as CommentTargetQuery, [key])
  const loading = useRef(new Set<string>())
  const latest = useRef(state)
  latest.current = state
  /** An event came while the list was being read: it may be missing from the answer. */
  const missed = useRef(false)

  const reload = useCallback(async (): Promise<void> => {
    try {
      missed.current = false
      const list = await call(rest.workspaces[':workspaceId'].comments.threads.$get({ param: params({ workspaceId }), query: stableQuery }))
      if (missed.current) return void reload()
      // Messages may have changed while we were away: they are read again when next shown.
      loading.current.clear()
      setState({ threads: list, messages: new Map() })
      setError(null)
    } catch (err) {
      setError(handleError(err))
    }
  }, [workspaceId, stableQuery, handleError])

  useEffect(() => {
    setState({ threads: null, messages: new Map() })
    void reload()
  }, [reload])

  const loadMessages = useCallback(
    (threadId: string) => {
      if (loading.current.has(threadId)) return
      loading.current.add(threadId)
      call(rest.workspaces[':workspaceId'].comments.threads[':threadId'].$get({ param: params({ workspaceId, threadId }) }))
        .then(({ thread, messages }) =>
          setState((s) => ({ threads: s.threads ? upsert(s.threads, thread) : s.threads, messages: new Map(s.messages).set(threadId, messages) })),
        )
        .catch((err: unknown) => {
          loading.current.delete(threadId)
          setError(handleError(err))
        })
    },
    [workspaceId, handleError],
  )

  const applyThread = useCallback(
    (thread: CommentThread) => {
      if (threadMatches(stableQuery, thread)) setState((s) => ({ ...s, threads: s.threads ? upsert(s.threads, thread) : s.threads }))
    },
    [stableQuery],
  )

  const applyCreated = useCallback(
    ({ thread, messages }: CommentThreadWithMessages) => {
      if (!threadMatches(stableQuery, thread)) return
      loading.current.add(thread.id)
      setState((s) => ({ threads: s.threads ? upsert(s.threads, thread) : s.threads, messages: new Map(s.messages).set(thread.id, messages) }))
    },
    [stableQuery],
  )

  const applyMessage = useCallback((message: CommentMessage, created = false) => setState((s) => withMessage(s, message, created)), [])

  useWorkspaceEvents(workspaceId, (type, data) => {
    const { threads, messages } = latest.current
    if (!threads && type.startsWith('comment.')) missed.current = true
    switch (type) {
      case 'ready':
        // The first `ready` follows our own list request; later ones follow a reconnection.
        if (threads) void reload()
        return
      case 'comment.thread.created': {
        const created = data as CommentThreadWithMessages
        const known = threads?.some((t) => t.id === created.thread.id)
        applyCreated(created)
        const first = created.messages[0]
        if (!known && first && threadMatches(stableQuery, created.thread)) onRemote?.({ thread: created.thread, message: first, newThread: true })
        return
      }
      case 'comment.thread.resolved':
      case 'comment.thread.reopened':
      case 'comment.thread.orphaned':
        applyThread((data as { thread: CommentThread }).thread)
        return
      case 'comment.message.created': {
        const { message } = data as MessageEventData
        const thread = threads?.find((t) => t.id === message.threadId)
        const seen = messages.get(message.threadId)?.some((m) => m.id === message.id)
        applyMessage(message, true)
        if (thread && !seen) onRemote?.({ thread, message, newThread: false })
        return
      }
      case 'comment.message.updated':
      case 'comment.message.deleted':
      case 'comment.message.hidden':
        applyMessage((data as MessageEventData).message)
        return
      default:
        return
    }
  })

  return { threads: state.threads, error, messages: state.messages, loadMessages, applyThread, applyCreated, applyMessage }
}
