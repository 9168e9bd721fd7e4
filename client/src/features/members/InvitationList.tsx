import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** Addresses added before their owner had an account: they join on sign-up. */
export function InvitationList() {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  if (workspace.invitations.length === 0) return <p className="empty">{t('members.noInvitations')}</p>
  const partnerName = (id: string | null) => workspace.partners.find((p) => p.id === id)?.name ?? t('common.none')
  return (
    <ul className="invitation-list" data-testid="invitations">
      {workspace.invitations.map((invitation) => (
        <li key={invitation.id}>
          <strong>{invitation.email}</strong> — {t(`roles.${invitation.role}`)} · {partnerName(invitation.partnerId)}
          {invitation.representative && <> · {t('members.representative')}</>}
        </li>
      ))}
    </ul>
  )
}
