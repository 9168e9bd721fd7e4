import { familyOf } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

export function PartnerTable() {
  const { t } = useTranslation()
  const { workspace, abilities, reload } = useWorkspace()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const representativeName = (partnerId: string, representativeId: string | null) => {
    const member =
      workspace.members.find((m) => m.userId === representativeId) ?? workspace.members.find((m) => m.partnerId === partnerId && m.representative)
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
    <div className="table-wrap">
    <table className="data-table" data-testid="partner-table">
      <thead>
        <tr>
          <th scope="col">{t('members.partnerName')}</th>
          <th scope="col">{t('members.partnerType')}</th>
          <th scope="col">{t('members.family')}</th>
          <th scope="col">{t('members.representative')}</th>
          {abilities.managePartners && (
            <th scope="col">
              <span className="visually-hidden">{t('common.delete')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {workspace.partners.map((partner) => {
          const family = familyOf(partner.type)
          return (
            <tr key={partner.id}>
              <th scope="row">{partner.name}</th>
              <td>{t(`partnerTypes.${partner.type}`)}</td>
              <td>
                <span className={`badge family--${family}`}>{t(`families.${family}`)}</span>
              </td>
              <td>{representativeName(partner.id, partner.representativeId) ?? <span className="muted">{t('members.noRepresentative')}</span>}</td>
              {abilities.managePartners && (
                <td>
                  <button
                    type="button"
                    className="button button--danger button--small"
                    aria-label={t('members.deletePartner', { name: partner.name })}
                    onClick={() => void remove(partner.id, partner.name)}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              )}
            </tr>
          )
        })}
      </tbody>
    </table>
    </div>
  )
}
