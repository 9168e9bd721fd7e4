import type { IndicatorSeries } from '@ensemble/shared'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/DataTable.tsx'
import { indicatorChart } from '../../pages.ts'
import { useDates } from './useDates.ts'

const IndicatorChart = indicatorChart.Page

interface Row {
  key: string
  kind: 'value' | 'path'
  date: string
  value: number
}

/** DASH9: an indicator's chart under its title, with the same figures as a table for screen readers and keyboards. */
export function IndicatorCard({ series }: { series: IndicatorSeries }) {
  const { t, i18n } = useTranslation()
  const dates = useDates()
  const number = new Intl.NumberFormat(i18n.language)
  const titleId = `indicator-chart-${series.id}`
  const rows: Row[] = [
    ...series.values.map((p) => ({ key: `v-${p.id}`, kind: 'value' as const, date: p.date, value: p.value })),
    ...series.path.map((p) => ({ key: `p-${p.date}`, kind: 'path' as const, ...p })),
  ]
  return (
    <li className="card dash-indicator" data-indicator={series.id}>
      <figure>
        <figcaption id={titleId}>
          <strong>{series.name}</strong>
          {series.unit ? ` (${series.unit})` : ''} — <span className={`track track--${series.track}`}>{t(`dash.track.${series.track}`)}</span>
        </figcaption>
        {series.values.length === 0 && series.path.length === 0 ? (
          <p className="empty">{t('dash.noValues')}</p>
        ) : (
          <Suspense fallback={<p aria-busy="true">{t('dash.chartLoading')}</p>}>
            <IndicatorChart series={series} labelledBy={titleId} />
          </Suspense>
        )}
        <p className="dash-legend" aria-hidden="true">
          <span className="dash-legend__values">● — {t('dash.legendValues')}</span> <span className="dash-legend__path">■ - - {t('dash.legendPath')}</span>
        </p>
      </figure>
      <details>
        <summary>{t('dash.chartData')}</summary>
        <DataTable
          caption={t('dash.chartCaption', { name: series.name })}
          compact
          testId="indicator-data"
          rows={rows}
          rowKey={(r) => r.key}
          rowProps={(r) => ({ 'data-kind': r.kind, 'data-date': r.date, 'data-value': String(r.value) })}
          columns={[
            { key: 'date', header: t('dash.date'), rowHeader: true, cell: (r) => dates.day(r.date) },
            { key: 'kind', header: t('dash.kind'), cell: (r) => (r.kind === 'value' ? t('dash.legendValues') : t('dash.legendPath')) },
            { key: 'value', header: t('dash.value'), cell: (r) => number.format(r.value) },
          ]}
        />
      </details>
    </li>
  )
}
