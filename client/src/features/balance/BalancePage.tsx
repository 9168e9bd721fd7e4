import { can } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { useMe } from '../auth/SessionContext.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { ActualForm } from './ActualForm.tsx'
import { ActualsTable } from './ActualsTable.tsx'
import { BalanceSettingsSection } from './BalanceSettingsSection.tsx'
import { BalanceTable, ImbalanceSummary } from './BalanceTable.tsx'
import type { BalancePageContext } from './pageContext.ts'
import { ParticipationTable } from './ParticipationTable.tsx'
import { PeriodsTable } from './PeriodsTable.tsx'
import { useBalance } from './useBalance.ts'
import './balance.css'

/** « Équilibre entre partenaires » (BAL): committed against declared and validated, per partner and period, co-edited live. */
export function BalancePage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('plan')
  return (
    <div className="page page--wide balance">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <BalanceBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

function BalanceBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace } = useWorkspace()
  const balance = useBalance(
    collab.doc,
    workspace.partners.map((p) => p.id),
  )
  const actor = { role: workspace.role }
  const page: BalancePageContext = {
    doc: collab.doc,
    balance,
    userId: me.id,
    partnerId: workspace.partnerId,
    role: workspace.role,
    canSteer: can(actor, 'balance.validate'),
    canSettings: can(actor, 'balance.settings'),
    partnerName: (id) => workspace.partners.find((p) => p.id === id)?.name ?? t('balance.unknownPartner'),
    personName: (id) => workspace.members.find((m) => m.userId === id)?.name ?? t('balance.unknownPerson'),
  }
  return (
    <>
      <header className="page__header">
        <h1 tabIndex={-1}>{t('balance.title')}</h1>
        <ConnectionStatus snapshot={collab} />
      </header>
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
      </aside>
      <p className="page__intro">{t('balance.intro')}</p>
      {collab.synced && (
        <>
          {balance.periods.length === 0 && <p className="notice">{t('balance.noPeriod')}</p>}
          <ImbalanceSummary page={page} />
          <BalanceTable page={page} />
          <ActualForm page={page} />
          <ActualsTable page={page} />
          <PeriodsTable page={page} />
          <BalanceSettingsSection page={page} />
          <ParticipationTable page={page} />
        </>
      )}
    </>
  )
}
