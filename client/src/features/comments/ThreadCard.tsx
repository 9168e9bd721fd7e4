import { can, type CommentMessage, type CommentThread, DELETED_MESSAGE_PLACEHOLDER, HIDDEN_MESSAGE_PLACEHOLDER, renderMarkdownLight } from '@ensemble/shared'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { currentLocale } from '../../i18n/index.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useMe } from '../auth/SessionContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { formatDateTime } from './formatDateTime.ts'
import { MentionComposer } from './MentionComposer.tsx'
import type { CommentThreadsApi } from './useCommentThreads.ts'
import { useMemberName } from './useMemberName.ts'

const threadApi = rest.workspaces[':workspaceId'].comments.threads[':threadId']
const messageApi = rest.workspaces[':workspaceId'].comments.messages[':messageId']

interface ThreadCardProps {
  thread: CommentThread
  api: CommentThreadsApi
  /** What the thread is about, when it is not a quoted passage. */
  targetLabel: string | null
  focused: boolean
  onFocus(): void
  /** Selects the anchored passage in the document (text threads only). */
  onShowInText?(): void
}

/** One thread: its quote or target, its messages, and what the member may do with them. */
export function ThreadCard({ thread, api, targetLabel, focused, onFocus, onShowInText }: ThreadCardProps) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const handleError = useApiErrorHandler()
  const nameOf = useMemberName()
  const [replying, setReplying] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const card = useRef<HTMLElement>(null)
  const messages = api.messages.get(thread.id)
  const canWrite = can({ role: workspace.role }, 'comments.write')
  const headingId = `thread-${thread.id}-title`

  useEffect(() => {
    if (!messages) api.loadMessages(thread.id)
  }, [messages, api, thread.id])

  useEffect(() => {
    // Chosen from elsewhere (a highlight, a link): bring it into view. Keyboard focus moves only when
    // nothing holds it (someone clicking a highlight to type there keeps the caret in the text).
    if (!focused || !card.current) return
    card.current.scrollIntoView({ block: 'nearest' })
    if (!document.activeElement || document.activeElement === document.body) card.current.focus()
  }, [focused])

  const run = async (action: () => Promise<void>) => {
    try {
      await action()
      setProblem(null)
    } catch (err) {
      setProblem(handleError(err))
    }
  }
  const toggleStatus = () =>
    run(async () =>
      api.applyThread(
        await call(threadApi[thread.status === 'open' ? 'resolve' : 'reopen'].$post({ param: params({ workspaceId: workspace.id, threadId: thread.id }) })),
      ),
    )

  const send = async (body: string): Promise<string | undefined> => {
    try {
      api.applyMessage(await call(threadApi.messages.$post({ param: params({ workspaceId: workspace.id, threadId: thread.id }), json: { body } })), true)
      setReplying(false)
    } catch (err) {
      return handleError(err)
    }
  }

  const title = thread.quote ? t('comments.onQuote', { quote: thread.quote }) : (targetLabel ?? t('comments.threadBy', { name: nameOf(thread.createdBy) }))
  return (
    <article
      ref={card}
      className={`thread${focused ? ' thread--focused' : ''}${thread.status === 'resolved' ? ' thread--resolved' : ''}`}
      aria-labelledby={headingId}
      tabIndex={-1}
      data-thread-id={thread.id}
      data-testid="comment-thread"
      // Focus anywhere in the card makes it the current thread: a click on its text (the card takes
      // focus) or on a button, and a keyboard user tabbing into it.
      onFocus={onFocus}
    >
      <header className="thread__header">
        <h3 id={headingId} className="thread__title">
          {thread.quote ? <q className="thread__quote">{thread.quote}</q> : title}
          {thread.quote && <span className="visually-hidden"> — {t('comments.threadBy', { name: nameOf(thread.createdBy) })}</span>}
        </h3>
        {thread.orphaned && (
          <span className="badge badge--orphaned" title={t('comments.orphanedHint')} data-testid="thread-orphaned">
            {t('comments.orphaned')}
          </span>
        )}
        {thread.status === 'resolved' && <span className="badge badge--resolved">{t('comments.resolved')}</span>}
      </header>
      {thread.orphaned && <p className="thread__note muted">{t('comments.orphanedHint')}</p>}
      {messages ? (
        <ol className="thread__messages">
          {messages.map((m) => (
            <MessageItem key={m.id} message={m} api={api} onProblem={setProblem} />
          ))}
        </ol>
      ) : (
        <p className="muted" aria-busy="true">
          {t('app.loading')}
        </p>
      )}
      {problem && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
      <div className="thread__actions">
        {canWrite && !replying && (
          <button type="button" className="button button--small" onClick={() => setReplying(true)} data-testid="thread-reply">
            {t('comments.reply')}
          </button>
        )}
        {canWrite && (
          <button type="button" className="button button--small" onClick={() => void toggleStatus()} data-testid="thread-status">
            {thread.status === 'open' ? t('comments.resolve') : t('comments.reopen')}
          </button>
        )}
        {onShowInText && !thread.orphaned && (
          <button type="button" className="button button--small" onClick={onShowInText}>
            {t('comments.showInText')}
          </button>
        )}
      </div>
      {replying && (
        <MentionComposer
          label={t('comments.replyLabel')}
          submitLabel={t('comments.send')}
          autoFocus
          onSubmit={send}
          onCancel={() => setReplying(false)}
          testId="reply-composer"
        />
      )}
    </article>
  )
}

function MessageItem({ message, api, onProblem }: { message: CommentMessage; api: CommentThreadsApi; onProblem(problem: string | null): void }) {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace } = useWorkspace()
  const handleError = useApiErrorHandler()
  const nameOf = useMemberName()
  const [editing, setEditing] = useState(false)
  const mine = message.authorId === me.id
  const gone = message.deleted || message.hidden
  const canWrite = can({ role: workspace.role }, 'comments.write')
  const canModerate = can({ role: workspace.role }, 'comments.moderate')
  const locale = currentLocale()

  const act = async (action: () => Promise<CommentMessage>) => {
    try {
      api.applyMessage(await action())
      onProblem(null)
    } catch (err) {
      onProblem(handleError(err))
    }
  }

  return (
    <li className={`message${gone ? ' message--gone' : ''}`} data-message-id={message.id} data-testid="comment-message">
      <p className="message__meta">
        <span className="message__author">{nameOf(message.authorId)}</span> · <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
        {message.editedAt && !gone && <span className="muted"> {t('comments.edited')}</span>}
      </p>
      {editing ? (
        <MentionComposer
          label={t('comments.editLabel')}
          submitLabel={t('comments.save')}
          initial={message.body ?? ''}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            try {
              api.applyMessage(await call(messageApi.$patch({ param: params({ workspaceId: workspace.id, messageId: message.id }), json: { body } })))
              setEditing(false)
            } catch (err) {
              return handleError(err)
            }
          }}
        />
      ) : gone || message.body === null ? (
        <p className="message__body message__body--placeholder">{message.hidden ? HIDDEN_MESSAGE_PLACEHOLDER[locale] : DELETED_MESSAGE_PLACEHOLDER[locale]}</p>
      ) : (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdownLight (shared/src/markdownLight.ts) HTML-escapes the whole body before adding its few fixed tags.
        <div className="message__body" dangerouslySetInnerHTML={{ __html: renderMarkdownLight(message.body) }} />
      )}
      {!gone && !editing && (
        <div className="message__tools">
          {mine && canWrite && (
            <>
              <button type="button" className="button--link" onClick={() => setEditing(true)}>
                {t('comments.edit')}
              </button>
              <ConfirmedAction
                label={t('comments.delete')}
                question={t('comments.confirmDelete')}
                run={() => act(() => call(messageApi.$delete({ param: params({ workspaceId: workspace.id, messageId: message.id }) })))}
              />
            </>
          )}
          {canModerate && (
            <ConfirmedAction
              label={t('comments.hide')}
              question={t('comments.confirmHide')}
              run={() => act(() => call(messageApi.hide.$post({ param: params({ workspaceId: workspace.id, messageId: message.id }), json: {} })))}
            />
          )}
        </div>
      )}
    </li>
  )
}

/** A message tool that asks before acting (deleting, hiding). */
function ConfirmedAction({ label, question, run }: { label: string; question: string; run(): Promise<void> }) {
  return (
    <button
      type="button"
      className="button--link"
      onClick={() => {
        if (window.confirm(question)) void run()
      }}
    >
      {label}
    </button>
  )
}
