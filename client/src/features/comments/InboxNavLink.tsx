import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { workspaceUrl } from '../workspaces/sections.ts'
import { useUnreadCount } from './useUnreadCount.ts'
import './comments.css'

/** The inbox's slug in an alliance's address: `/alliances/:id/inbox`. */
export const INBOX_SLUG = 'inbox'

export const inboxUrl = (workspaceId: string): string => `${workspaceUrl(workspaceId)}/${INBOX_SLUG}`

/** The navigation's way into the inbox, with the live count of unread items. */
export function InboxNavLink({ workspaceId, current }: { workspaceId: string; current: boolean }) {
  const { t } = useTranslation()
  const unread = useUnreadCount(workspaceId)
  return (
    <Link to={inboxUrl(workspaceId)} current={current} data-section="inbox">
      {t('comments.inbox.nav')}
      {unread !== null && unread > 0 && (
        <span className="inbox-badge" data-testid="inbox-badge" data-count={unread}>
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden"> ({t('comments.inbox.unreadBadge', { count: unread })})</span>
        </span>
      )}
    </Link>
  )
}
