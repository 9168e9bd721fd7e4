import { type Indicator, standingValues } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { currentLocale } from '../../i18n/index.ts'
import { formatDate } from '../../i18n/format.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { Row } from './steeringStore.ts'

/**
 * The values of an indicator, newest measure first, as an accessible table (caption, column
 * headers, the date as row header). A corrected value stays listed, marked, beside its correction.
 */
export function ValuesTable({ indicator }: { indicator: Row<Indicator> }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const locale = currentLocale()
  const standing = new Set(standingValues(indicator.values).map(([id]) => id))
  const rows = Object.entries(indicator.values).sort(([, a], [, b]) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.at - a.at))
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 })
  const nameOf = (userId: string) => workspace.members.find((m) => m.userId === userId)?.name ?? t('objectives.unknownPerson')
  if (rows.length === 0) return <p>{t('objectives.valuesEmpty')}</p>
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways inside this region; a keyboard user reaches it to scroll it (axe scrollable-region-focusable).
    <section className="table-scroll" aria-labelledby={`values-${indicator.id}`} tabIndex={0}>
      <table className="data-table indicator__values" data-testid="indicator-values">
        <caption id={`values-${indicator.id}`}>{t('objectives.valuesCaption', { name: indicator.name, unit: indicator.unit })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('objectives.valueColumns.date')}</th>
            <th scope="col">{t('objectives.valueColumns.value')}</th>
            <th scope="col">{t('objectives.valueColumns.comment')}</th>
            <th scope="col">{t('objectives.valueColumns.by')}</th>
            <th scope="col">{t('objectives.valueColumns.at')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, v]) => (
            <tr key={id} className={standing.has(id) ? undefined : 'indicator__value--corrected'} data-value-id={id}>
              <th scope="row">{formatDate(v.date, locale)}</th>
              <td>
                {number.format(v.value)}
                {!standing.has(id) && <span className="badge">{t('objectives.corrected')}</span>}
                {v.corrects && <span className="badge">{t('objectives.correction')}</span>}
              </td>
              <td>{v.comment}</td>
              <td>{nameOf(v.by)}</td>
              <td>{new Date(v.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
