import { can, type CommentAnchor, type CommentThread, type NewCommentThread } from '@ensemble/shared'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { MentionComposer } from './MentionComposer.tsx'
import { ThreadCard } from './ThreadCard.tsx'
import type { CommentThreadsApi } from './useCommentThreads.ts'

type StatusFilter = 'open' | 'resolved' | 'all'

/** A thread about to be opened: where, and for a passage its anchor and quote. */
export interface ThreadDraft {
  target: Omit<NewCommentThread, 'body' | 'anchor'>
  anchor?: CommentAnchor
  /** What the new thread is about, shown above the composer. */
  label: string
  /** The first message, prefilled (e.g. text the server refused, features/roles). */
  body?: string
}

interface CommentPanelProps {
  api: CommentThreadsApi
  /** Names the landmark: "Commentaires — <title>". */
  title: string
  /** Which of the api's threads belong here (all by default). */
  include?(thread: CommentThread): boolean
  /** The new-thread form, when one is open (or always, for a target). */
  draft: ThreadDraft | null
  /** The draft was sent or abandoned. */
  onDraftDone?(thread: CommentThread | null): void
  focusedId: string | null
  onFocus(threadId: string | null): void
  onShowInText?(threadId: string): void
  targetLabel?(thread: CommentThread): string | null
  onClose?(): void
  /** Text shown above the list (e.g. how to comment on a passage). */
  hint?: string
  /** An aria-live message from the page (e.g. a new message arrived). */
  announcement: string
}

/**
 * The threads beside a page: a complementary landmark with a status filter, each thread with its
 * messages and actions, the new-thread form, and a polite live region for what others post.
 */
export function CommentPanel(props: CommentPanelProps) {
  const { api, title, include, draft, onDraftDone, focusedId, onFocus, onShowInText, targetLabel, onClose, hint, announcement } = props
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const handleError = useApiErrorHandler()
  const headingId = useId()
  const [filter, setFilter] = useState<StatusFilter>('open')
  const canWrite = can({ role: workspace.role }, 'comments.write')
  const threads = (api.threads ?? []).filter((th) => (include ? include(th) : true)).filter((th) => filter === 'all' || th.status === filter)

  const open = async (body: string): Promise<string | undefined> => {
    if (!draft) return
    try {
      const created = await call(
        rest.workspaces[':workspaceId'].comments.threads.$post({
          param: params({ workspaceId: workspace.id }),
          json: { ...draft.target, anchor: draft.anchor ?? null, body },
        }),
      )
      api.applyCreated(created)
      if (filter === 'resolved') setFilter('open')
      onFocus(created.thread.id)
      onDraftDone?.(created.thread)
    } catch (err) {
      return handleError(err)
    }
  }

  return (
    <aside className="comment-panel" aria-labelledby={headingId} data-testid="comment-panel">
      <header className="comment-panel__header">
        <h2 id={headingId} className="comment-panel__title">
          {t('comments.title')}
          <span className="visually-hidden"> — {title}</span>
        </h2>
        {onClose && (
          <button type="button" className="button button--small" onClick={onClose} aria-label={t('comments.close')} data-testid="comment-panel-close">
            ×
          </button>
        )}
      </header>
      {hint && canWrite && <p className="muted comment-panel__hint">{hint}</p>}
      {!canWrite && <p className="notice">{t('comments.readOnly')}</p>}
      {draft && canWrite && (
        <section className="thread thread--draft" aria-label={t('comments.newThread')} data-testid="thread-draft">
          <p className="thread__title">{draft.anchor?.quote ? <q className="thread__quote">{draft.anchor.quote}</q> : draft.label}</p>
          <MentionComposer
            key={`${draft.anchor?.from ?? draft.label}|${draft.body ?? ''}`}
            label={t('comments.firstMessageLabel')}
            submitLabel={t('comments.comment')}
            initial={draft.body}
            autoFocus={Boolean(draft.anchor) || draft.body !== undefined}
            onSubmit={open}
            onCancel={draft.anchor || draft.body !== undefined ? () => onDraftDone?.(null) : undefined}
            testId="new-thread-composer"
          />
        </section>
      )}
      <label className="comment-panel__filter">
        {t('comments.show')}{' '}
        <select value={filter} onChange={(e) => setFilter(e.target.value as StatusFilter)} data-testid="comment-filter">
          {(['open', 'resolved', 'all'] as const).map((f) => (
            <option key={f} value={f}>
              {t(`comments.filters.${f}`)}
            </option>
          ))}
        </select>
      </label>
      {api.error && (
        <p className="notice notice--error" role="alert">
          {api.error}
        </p>
      )}
      {api.threads === null && !api.error && <p aria-busy="true">{t('app.loading')}</p>}
      {api.threads !== null && threads.length === 0 && <p className="empty">{t('comments.empty')}</p>}
      <div className="comment-panel__threads">
        {threads.map((thread) => (
          <ThreadCard
            key={thread.id}
            thread={thread}
            api={api}
            targetLabel={targetLabel?.(thread) ?? null}
            focused={thread.id === focusedId}
            onFocus={() => onFocus(thread.id)}
            onShowInText={onShowInText && thread.anchor ? () => onShowInText(thread.id) : undefined}
          />
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="comment-announcer">
        {announcement}
      </p>
    </aside>
  )
}
