import { euros, standingActuals, validateActualEntry, type ActualEntry } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { currentLocale } from '../../i18n/index.ts'
import { formatAmount, formatEuros } from './format.ts'
import type { BalancePageContext } from './pageContext.ts'

interface ActualRow extends ActualEntry {
  id: string
}

type State = 'validated' | 'pending' | 'amended'

/**
 * The declared actuals, newest first: who declared what for which partner and period, its worth in
 * euros and its state; steering validates an actual that stands (not amended), except a
 * non-amendment of a frozen period (BAL7).
 */
export function ActualsTable({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const locale = currentLocale()
  const { actuals, validations, frozen, settings } = page.balance
  const standing = new Set(standingActuals(actuals).map(([id]) => id))
  const rows: ActualRow[] = Object.entries(actuals)
    .map(([id, a]) => ({ ...a, id }))
    .sort((a, b) => b.at - a.at)
  const stateOf = (row: ActualRow): State => (!standing.has(row.id) ? 'amended' : validations[row.id] ? 'validated' : 'pending')
  const validatable = (row: ActualRow) => stateOf(row) === 'pending' && (row.amends !== undefined || !frozen[row.period])
  return (
    <section aria-labelledby="actuals-heading">
      <h2 id="actuals-heading">{t('balance.actualsTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('balance.actualsEmpty')}</p>
      ) : (
        <DataTable<ActualRow>
          caption={t('balance.actualsCaption')}
          testId="actuals"
          scrolls
          compact
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-actual': r.id, 'data-state': stateOf(r) })}
          columns={[
            { key: 'partner', header: t('balance.actualColumns.partner'), rowHeader: true, cell: (r) => page.partnerName(r.partnerId) },
            { key: 'period', header: t('balance.actualColumns.period'), cell: (r) => r.period },
            { key: 'amount', header: t('balance.actualColumns.amount'), cell: (r) => `${formatAmount(r.amount, locale)} ${t(`plan.units.${r.unit}`)}` },
            { key: 'euros', header: t('balance.actualColumns.euros'), cell: (r) => formatEuros(euros(r.amount, r.unit, settings.rates), locale) },
            { key: 'comment', header: t('balance.actualColumns.comment'), cell: (r) => r.comment },
            { key: 'by', header: t('balance.actualColumns.by'), cell: (r) => page.personName(r.by) },
            {
              key: 'state',
              header: t('balance.actualColumns.state'),
              cell: (r) => (
                <>
                  <span className="badge" data-testid="actual-state">
                    {t(`balance.states.${stateOf(r)}`)}
                  </span>
                  {r.amends && <span className="badge">{t('balance.states.amendment')}</span>}
                </>
              ),
            },
            page.canSteer && {
              key: 'actions',
              header: t('balance.actualColumns.actions'),
              headerHidden: true,
              cell: (r) =>
                validatable(r) ? (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="validate-actual"
                    aria-label={t('balance.validateNamed', {
                      partner: page.partnerName(r.partnerId),
                      period: r.period,
                      amount: `${formatAmount(r.amount, locale)} ${t(`plan.units.${r.unit}`)}`,
                    })}
                    onClick={() => validateActualEntry(page.doc, r.id, { by: page.userId, at: Date.now() })}
                  >
                    {t('balance.validate')}
                  </button>
                ) : null,
            },
          ]}
        />
      )}
    </section>
  )
}
