import type { PartnerParticipation } from '@ensemble/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { DataTable } from '../../components/DataTable.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { BalancePageContext } from './pageContext.ts'

/** Participation per partner (BAL10), read from the server; read again when attendance, a ballot or an action's A or R changes. */
export function ParticipationTable({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const workspaceId = useWorkspace().workspace.id
  const answer = useQuery({
    queryKey: queryKeys.participation(workspaceId),
    queryFn: () => call(rest.workspaces[':workspaceId'].balance.participation.$get({ param: params({ workspaceId }) })),
  })
  // A and R live in the plan: when someone reassigns an action, the server's count is read again.
  const queryClient = useQueryClient()
  const carriers = useRef(page.balance.carriers)
  useEffect(() => {
    if (carriers.current === page.balance.carriers) return
    carriers.current = page.balance.carriers
    void queryClient.invalidateQueries({ queryKey: queryKeys.participation(workspaceId) })
  }, [page.balance.carriers, queryClient, workspaceId])
  const data = answer.data
  return (
    <section aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t('balance.participationTitle')}</h2>
      <p className="field__hint">{t('balance.participationIntro')}</p>
      {data ? (
        <DataTable<PartnerParticipation>
          caption={t('balance.participationCaption')}
          testId="participation"
          compact
          rows={data.partners}
          rowKey={(p) => p.partnerId}
          rowProps={(p) => ({ 'data-partner': p.partnerId })}
          columns={[
            { key: 'partner', header: t('balance.participationColumns.partner'), rowHeader: true, cell: (p) => page.partnerName(p.partnerId) },
            {
              key: 'meetings',
              header: t('balance.participationColumns.meetings'),
              cell: (p) => t('balance.meetingsOf', { count: p.meetingsAttended, total: data.meetings }),
            },
            { key: 'accountable', header: t('balance.participationColumns.accountable'), cell: (p) => p.accountable },
            { key: 'responsible', header: t('balance.participationColumns.responsible'), cell: (p) => p.responsible },
            { key: 'votes', header: t('balance.participationColumns.votes'), cell: (p) => p.votesCast },
          ]}
        />
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </section>
  )
}
