import type { AllianceBalance } from '@ensemble/shared'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { balanceChart } from '../../pages.ts'
import { Link } from '../../router.tsx'
import { SECTIONS, workspaceUrl } from '../workspaces/sections.ts'

const BalanceChart = balanceChart.Page

/** DASH12: the partners' balance for the current period, a bar chart with its figures as a table. */
export function BalanceCard({ workspaceId, balance }: { workspaceId: string; balance: AllianceBalance }) {
  const { t, i18n } = useTranslation()
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
  const titleId = 'balance-chart-title'
  const drawn = balance.partners.some((p) => p.committedToDate > 0 || p.declared > 0 || p.validated > 0)
  return (
    <section aria-labelledby={titleId} className="card" data-testid="alliance-balance">
      <h2 id={titleId}>{balance.period ? t('dash.balanceTitle', { period: balance.period }) : t('dash.balanceTitleNone')}</h2>
      {balance.period === null ? (
        <p className="empty">{t('dash.balanceNone')}</p>
      ) : (
        <figure>
          {drawn && (
            <Suspense fallback={<p aria-busy="true">{t('dash.chartLoading')}</p>}>
              <BalanceChart balance={balance} labelledBy={titleId} />
            </Suspense>
          )}
          <p className="dash-legend" aria-hidden="true">
            <span>▨ {t('dash.committedToDate')}</span> <span>■ {t('dash.declared')}</span> <span>□ {t('dash.validated')}</span>
          </p>
          <details>
            <summary>{t('dash.chartData')}</summary>
            <DataTable
              caption={t('dash.balanceCaption', { period: balance.period })}
              compact
              testId="balance-data"
              rows={balance.partners}
              rowKey={(r) => r.partnerId}
              rowProps={(r) => ({ 'data-partner': r.partnerId, 'data-flagged': String(r.flagged) })}
              columns={[
                { key: 'partner', header: t('dash.partner'), rowHeader: true, cell: (r) => r.name },
                { key: 'committed', header: t('dash.committed'), cell: (r) => money.format(r.committed) },
                { key: 'committedToDate', header: t('dash.committedToDate'), cell: (r) => money.format(r.committedToDate) },
                { key: 'declared', header: t('dash.declared'), cell: (r) => money.format(r.declared) },
                { key: 'validated', header: t('dash.validated'), cell: (r) => money.format(r.validated) },
                { key: 'flagged', header: t('dash.flagged'), cell: (r) => (r.flagged ? t('dash.yes') : t('dash.no')) },
              ]}
            />
          </details>
        </figure>
      )}
      <p>
        <Link
          to={workspaceUrl(
            workspaceId,
            SECTIONS.find((s) => s.key === 'balance'),
          )}
        >
          {t('dash.balancePage')}
        </Link>
      </p>
    </section>
  )
}
