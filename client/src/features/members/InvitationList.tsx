import type { Invitation } from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { formatInstant } from '../../i18n/format.ts'
import { currentLocale } from '../../i18n/index.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/**
 * Addresses invited and not yet joined (ACCT7): each has a link that works until a date. The
 * coordinator sends a new link (the previous one stops working) or withdraws the invitation.
 */
export function InvitationList() {
  const { t } = useTranslation()
  const { workspace, abilities, reload } = useWorkspace()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const [busy, setBusy] = useState<string | null>(null)
  if (workspace.invitations.length === 0) return <p className="empty">{t('members.noInvitations')}</p>
  const partnerName = (id: string | null) => workspace.partners.find((p) => p.id === id)?.name ?? t('common.none')

  const run = async (invitation: Invitation, work: () => Promise<unknown>, done: string) => {
    setBusy(invitation.id)
    try {
      await work()
      notify(done, 'success')
    } catch (error) {
      notify(handleError(error), 'error')
    } finally {
      await reload()
      setBusy(null)
    }
  }
  const resend = (invitation: Invitation) =>
    run(
      invitation,
      () =>
        call(
          rest.workspaces[':workspaceId'].invitations[':invitationId'].resend.$post({
            param: params({ workspaceId: workspace.id, invitationId: invitation.id }),
          }),
        ),
      t('invitation.resent', { email: invitation.email }),
    )
  const revoke = (invitation: Invitation) => {
    if (!window.confirm(t('invitation.confirmRevoke', { email: invitation.email }))) return
    void run(
      invitation,
      () =>
        call(
          rest.workspaces[':workspaceId'].invitations[':invitationId'].$delete({ param: params({ workspaceId: workspace.id, invitationId: invitation.id }) }),
        ),
      t('invitation.revoked', { email: invitation.email }),
    )
  }

  return (
    <ul className="invitation-list" data-testid="invitations">
      {workspace.invitations.map((invitation) => (
        <li key={invitation.id} data-invitation={invitation.email}>
          <strong>{invitation.email}</strong> — {t(`roles.${invitation.role}`)} · {partnerName(invitation.partnerId)}
          {invitation.representative && <> · {t('members.representative')}</>}
          {' · '}
          <span className={invitation.expired ? 'badge badge--overdue' : 'muted'}>
            {invitation.expired || !invitation.expiresAt
              ? t('invitation.expired')
              : t('invitation.pendingUntil', { date: formatInstant(invitation.expiresAt, currentLocale()) })}
          </span>
          {abilities.manageMembers && (
            <span className="invitation-list__actions">
              <button
                type="button"
                className="button button--small"
                aria-label={t('invitation.resendTo', { email: invitation.email })}
                disabled={busy === invitation.id}
                onClick={() => void resend(invitation)}
              >
                {t('invitation.resend')}
              </button>
              <button
                type="button"
                className="button button--danger button--small"
                aria-label={t('invitation.revokeFor', { email: invitation.email })}
                disabled={busy === invitation.id}
                onClick={() => revoke(invitation)}
              >
                {t('invitation.revoke')}
              </button>
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}
