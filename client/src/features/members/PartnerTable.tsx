import { familyOf } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { DataTable } from '../../components/DataTable.tsx'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

export function PartnerTable() {
  const { t } = useTranslation()
  const { workspace, abilities, reload } = useWorkspace()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const representativeName = (partnerId: string, representativeId: string | null) => {
    const member = workspace.members.find((m) => m.userId === representativeId) ?? workspace.members.find((m) => m.partnerId === partnerId && m.representative)
    return member?.name
  }

  const remove = async (id: string, name: string) => {
    if (!window.confirm(t('members.confirmDeletePartner', { name }))) return
    try {
      await call(rest.workspaces[':workspaceId'].partners[':partnerId'].$delete({ param: params({ workspaceId: workspace.id, partnerId: id }) }))
      notify(t('members.partnerDeleted', { name }), 'success')
      await reload()
    } catch (error) {
      notify(handleError(error), 'error')
    }
  }

  if (workspace.partners.length === 0) return <p className="empty">{t('members.noPartners')}</p>
  return (
    <DataTable
      caption={t('members.partners')}
      testId="partner-table"
      scrolls
      rows={workspace.partners}
      rowKey={(partner) => partner.id}
      columns={[
        { key: 'name', header: t('members.partnerName'), rowHeader: true, cell: (partner) => partner.name },
        { key: 'type', header: t('members.partnerType'), cell: (partner) => t(`partnerTypes.${partner.type}`) },
        {
          key: 'family',
          header: t('members.family'),
          cell: (partner) => <span className={`badge family--${familyOf(partner.type)}`}>{t(`families.${familyOf(partner.type)}`)}</span>,
        },
        {
          key: 'representative',
          header: t('members.representative'),
          cell: (partner) => representativeName(partner.id, partner.representativeId) ?? <span className="muted">{t('members.noRepresentative')}</span>,
        },
        abilities.managePartners && {
          key: 'delete',
          header: t('common.delete'),
          headerHidden: true,
          cell: (partner) => (
            <button
              type="button"
              className="button button--danger button--small"
              aria-label={t('members.deletePartner', { name: partner.name })}
              onClick={() => void remove(partner.id, partner.name)}
            >
              {t('common.delete')}
            </button>
          ),
        },
      ]}
    />
  )
}
