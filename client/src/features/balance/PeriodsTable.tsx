import { freezePeriod, type BalancePeriod } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { currentLocale } from '../../i18n/index.ts'
import { formatDate } from '../../i18n/format.ts'
import type { BalancePageContext } from './pageContext.ts'

/** The plan's periods: open or frozen (when, by whom); steering freezes an open one (BAL6). */
export function PeriodsTable({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const locale = currentLocale()
  const { periods, frozen } = page.balance
  if (periods.length === 0) return null
  return (
    <section aria-labelledby="periods-heading">
      <h2 id="periods-heading">{t('balance.periodsTitle')}</h2>
      <DataTable<BalancePeriod>
        caption={t('balance.periodsCaption')}
        testId="periods"
        compact
        rows={periods}
        rowKey={(p) => p.key}
        rowProps={(p) => ({ 'data-period': p.key })}
        columns={[
          { key: 'period', header: t('balance.periodColumns.period'), rowHeader: true, cell: (p) => p.key },
          { key: 'dates', header: t('balance.periodColumns.dates'), cell: (p) => `${formatDate(p.start, locale)} – ${formatDate(p.end, locale)}` },
          {
            key: 'state',
            header: t('balance.periodColumns.state'),
            cell: (p) => {
              const stamp = frozen[p.key]
              return stamp ? (
                <span className="badge">
                  {t('balance.frozenOn', { date: formatDate(new Date(stamp.at).toISOString().slice(0, 10), locale) })} — {page.personName(stamp.by)}
                </span>
              ) : (
                t('balance.open')
              )
            },
          },
          page.canSteer && {
            key: 'actions',
            header: t('balance.periodColumns.actions'),
            headerHidden: true,
            cell: (p) =>
              frozen[p.key] ? null : (
                <button
                  type="button"
                  className="button button--small"
                  data-testid="freeze-period"
                  aria-label={t('balance.freezeNamed', { period: p.key })}
                  onClick={() => freezePeriod(page.doc, p.key, { by: page.userId, at: Date.now() })}
                >
                  {t('balance.freeze')}
                </button>
              ),
          },
        ]}
      />
    </section>
  )
}
