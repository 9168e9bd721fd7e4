import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { Link } from '../../router.tsx'
import { useErrorMessage } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { formatDateTime } from './formatDateTime.ts'
import { placeName, threadUrl } from './inboxPlaces.ts'
import { useMemberName } from './useMemberName.ts'
import { useLiveWorkspace } from './workspaceEvents.ts'
import './comments.css'

/** Boîte de réception: mentions, replies (and any later kind), newest first, read or not. */
export function InboxPage() {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const markRead = (itemId: string) =>
    call(rest.workspaces[':workspaceId'].inbox[':itemId'].read.$post({ param: params({ workspaceId: workspace.id, itemId }) }))
  const nameOf = useMemberName()
  const queryClient = useQueryClient()
  // Read again on `inbox.changed` and after a reconnection (api/liveQueries.ts).
  useLiveWorkspace(workspace.id)
  const list = useQuery({
    queryKey: queryKeys.inboxItems(workspace.id),
    queryFn: () => call(rest.workspaces[':workspaceId'].inbox.$get({ param: params({ workspaceId: workspace.id }), query: {} })),
  })
  const items = list.data ?? null
  const change = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.inboxItems(workspace.id) }),
  })
  // A failed change shows until the next one; a failed read until a read succeeds.
  const error = useErrorMessage(change.error ?? (list.isError ? list.error : null))
  const act = (action: () => Promise<unknown>) => change.mutate(action)
  const unread = items?.filter((i) => !i.readAt).length ?? 0

  return (
    <div className="page page--narrow">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{t('comments.inbox.title')}</h1>
          {items && (
            <p className="muted" data-testid="inbox-unread">
              {t('comments.inbox.unreadBadge', { count: unread })}
            </p>
          )}
        </div>
        {unread > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => act(() => call(rest.workspaces[':workspaceId'].inbox['read-all'].$post({ param: params({ workspaceId: workspace.id }) })))}
            data-testid="inbox-read-all"
          >
            {t('comments.inbox.markAllRead')}
          </button>
        )}
      </header>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {items && items.length === 0 && <p className="empty">{t('comments.inbox.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="inbox-list" aria-label={t('comments.inbox.listLabel')}>
          {items.map((item) => {
            const name = nameOf(item.actorId)
            // Kinds added later (INBOX_KINDS grows) still show, generically.
            const kind: string = item.kind
            const headline =
              kind === 'mention'
                ? t('comments.inbox.kinds.mention', { name })
                : kind === 'reply'
                  ? t('comments.inbox.kinds.reply', { name })
                  : kind === 'action.changed'
                    ? t('comments.inbox.kinds.actionChanged', { name, fields: (item.fields ?? []).join(', ') })
                    : kind === 'signoff.requested'
                      ? t('comments.inbox.kinds.signoffRequested', { name })
                      : t('comments.inbox.kinds.other', { name })
            const open = () => {
              if (!item.readAt) void markRead(item.id).catch(() => undefined)
            }
            return (
              <li
                key={item.id}
                className={`card inbox-item${item.readAt ? '' : ' inbox-item--unread'}`}
                data-testid="inbox-item"
                data-kind={item.kind}
                data-read={item.readAt ? 'true' : 'false'}
              >
                <h2 className="inbox-item__title">
                  {!item.readAt && <span className="visually-hidden">{t('comments.inbox.unread')} — </span>}
                  {headline}
                </h2>
                <p className="inbox-item__excerpt">{item.excerpt ?? <em className="muted">{t('comments.inbox.removed')}</em>}</p>
                <p className="muted">
                  {t('comments.inbox.where', { place: placeName(t, item.docName) })} · <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                </p>
                <div className="inbox-item__tools">
                  <Link to={threadUrl(workspace.id, item.docName, item.threadId)} onClick={open}>
                    {t('comments.inbox.open')}
                  </Link>
                  {!item.readAt && (
                    <button type="button" className="button button--small" onClick={() => act(() => markRead(item.id))}>
                      {t('comments.inbox.markRead')}
                    </button>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
