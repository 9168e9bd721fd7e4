import { ACTION_STATUSES, type AllianceView as View } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { BalanceCard } from './BalanceCard.tsx'
import { IndicatorCard } from './IndicatorCard.tsx'

/** DASH5–DASH6, DASH12: the objectives' progress rolled up from their actions, the actions by status, the indicators over time, the balance. */
export function AllianceView({ workspaceId, view }: { workspaceId: string; view: View }) {
  const { t } = useTranslation()
  const { objectives, indicators } = view
  return (
    <>
      <section aria-labelledby="objectives-progress-title" className="card" data-testid="objectives-progress">
        <h2 id="objectives-progress-title">{t('dash.objectivesTitle')}</h2>
        {objectives.total === 0 ? (
          <p className="empty">{t('dash.objectivesNone')}</p>
        ) : (
          <ul className="dash-objectives">
            {objectives.items.map((o) => (
              <li key={o.id} data-objective={o.id}>
                <span className="dash-objectives__title" id={`objective-progress-${o.id}`}>
                  {o.title}
                </span>{' '}
                <span className={`track track--${o.track}`}>{t(`dash.track.${o.track}`)}</span>
                {o.progress === null ? (
                  <span className="muted"> — {t('dash.noProgress')}</span>
                ) : (
                  <>
                    <progress max={100} value={o.progress} aria-labelledby={`objective-progress-${o.id}`} /> <span>{o.progress} %</span>
                  </>
                )}
                <span className="muted">
                  {' '}
                  · {t('dash.objectiveActions', { done: o.done, count: o.actions })}
                  {o.blocked > 0 && ` · ${t('dash.objectiveBlocked', { count: o.blocked })}`}
                </span>
              </li>
            ))}
          </ul>
        )}
        {objectives.items.length < objectives.total && (
          <p className="muted">{t('dash.moreObjectives', { shown: objectives.items.length, total: objectives.total })}</p>
        )}
        {view.actionsWithoutObjective > 0 && <p className="muted">{t('dash.withoutObjective', { count: view.actionsWithoutObjective })}</p>}
      </section>
      <section aria-labelledby="status-title" className="card" data-testid="actions-by-status">
        <h2 id="status-title">{t('dash.statusTitle')}</h2>
        <DataTable
          caption={t('dash.statusTitle')}
          compact
          rows={ACTION_STATUSES.map((status) => ({ status, count: view.actionsByStatus[status] ?? 0 }))}
          rowKey={(r) => r.status}
          rowProps={(r) => ({ 'data-status': r.status })}
          columns={[
            { key: 'status', header: t('dash.status'), rowHeader: true, cell: (r) => t(`plan.statuses.${r.status}`) },
            { key: 'count', header: t('dash.count'), cell: (r) => r.count },
          ]}
        />
      </section>
      <section aria-labelledby="indicators-title" className="card">
        <h2 id="indicators-title">{t('dash.indicatorsTitle')}</h2>
        {indicators.total === 0 ? (
          <p className="empty">{t('dash.indicatorsNone')}</p>
        ) : (
          <ul className="dash-indicators">
            {indicators.items.map((series) => (
              <IndicatorCard key={series.id} series={series} />
            ))}
          </ul>
        )}
        {indicators.items.length < indicators.total && (
          <p className="muted">{t('dash.moreIndicators', { shown: indicators.items.length, total: indicators.total })}</p>
        )}
      </section>
      <BalanceCard workspaceId={workspaceId} balance={view.balance} />
    </>
  )
}
