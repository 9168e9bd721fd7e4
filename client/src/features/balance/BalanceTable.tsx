import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { currentLocale } from '../../i18n/index.ts'
import { formatEuros, formatRatio } from './format.ts'
import type { BalancePageContext } from './pageContext.ts'

/**
 * « Déséquilibres »: each flagged partner and period in a sentence (who, how much against how much
 * due, the threshold), announced politely when it changes live; the rule itself stated once.
 */
export function ImbalanceSummary({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const locale = currentLocale()
  const { sheet } = page.balance
  const share = 100 - sheet.threshold
  const flagged = sheet.partners.flatMap((p) => p.periods.filter((row) => row.flagged).map((row) => ({ partnerId: p.partnerId, row })))
  return (
    <section aria-labelledby="imbalance-heading" className="balance__alerts" data-testid="imbalances">
      <h2 id="imbalance-heading">{t('balance.imbalanceTitle')}</h2>
      <div aria-live="polite">
        {flagged.length === 0 ? (
          <p>{t('balance.noImbalance', { share })}</p>
        ) : (
          <ul className="balance__alert-list">
            {flagged.map(({ partnerId, row }) => (
              <li key={`${partnerId}-${row.period}`} data-testid="imbalance" data-partner={partnerId} data-period={row.period}>
                <span className="badge badge--imbalance">{t('balance.imbalanceBadge')}</span>{' '}
                {t('balance.imbalanceExplained', {
                  partner: page.partnerName(partnerId),
                  declared: formatEuros(row.declared, locale),
                  due: formatEuros(row.committedToDate, locale),
                  period: row.period,
                  ratio: formatRatio(row.ratio, locale),
                  share,
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="field__hint">{t('balance.ruleExplained', { share })}</p>
    </section>
  )
}

interface SheetRow {
  partnerId: string
  period: string
  committed: number
  committedToDate: number
  declared: number
  validated: number
  ratio: number | null
  flagged: boolean
}

/** Committed, due, declared and validated euros per partner and period, with the flag. */
export function BalanceTable({ page }: { page: BalancePageContext }) {
  const { t } = useTranslation()
  const locale = currentLocale()
  const { sheet, frozen } = page.balance
  const rows: SheetRow[] = sheet.partners.flatMap((p) => p.periods.map((row) => ({ partnerId: p.partnerId, ...row })))
  if (sheet.periods.length === 0) return null
  return (
    <section aria-labelledby="sheet-heading">
      <h2 id="sheet-heading">{t('balance.sheetTitle')}</h2>
      <DataTable<SheetRow>
        caption={t('balance.sheetCaption')}
        testId="balance-sheet"
        scrolls
        rows={rows}
        rowKey={(r) => `${r.partnerId}-${r.period}`}
        rowProps={(r) => ({ 'data-partner': r.partnerId, 'data-period': r.period, ...(r.flagged ? { className: 'balance__row--flagged' } : {}) })}
        columns={[
          { key: 'partner', header: t('balance.columns.partner'), rowHeader: true, cell: (r) => page.partnerName(r.partnerId) },
          {
            key: 'period',
            header: t('balance.columns.period'),
            cell: (r) => (
              <>
                {r.period} {frozen[r.period] && <span className="badge">{t('balance.frozenBadge')}</span>}
              </>
            ),
          },
          { key: 'committed', header: t('balance.columns.committed'), cell: (r) => formatEuros(r.committed, locale) },
          { key: 'due', header: t('balance.columns.due'), cell: (r) => formatEuros(r.committedToDate, locale) },
          { key: 'declared', header: t('balance.columns.declared'), cell: (r) => <span data-testid="declared">{formatEuros(r.declared, locale)}</span> },
          { key: 'validated', header: t('balance.columns.validated'), cell: (r) => <span data-testid="validated">{formatEuros(r.validated, locale)}</span> },
          { key: 'ratio', header: t('balance.columns.ratio'), cell: (r) => formatRatio(r.ratio, locale) },
          {
            key: 'status',
            header: t('balance.columns.status'),
            cell: (r) =>
              r.flagged ? (
                <span className="badge badge--imbalance">{t('balance.imbalanceBadge')}</span>
              ) : (
                <span className="badge">{r.ratio === null ? t('balance.notDue') : t('balance.ok')}</span>
              ),
          },
        ]}
      />
    </section>
  )
}
