import type { IndicatorSeries } from '@ensemble/shared'
import { AxisBottom, AxisLeft } from '@visx/axis'
import { scaleLinear, scaleTime } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { useTranslation } from 'react-i18next'

const WIDTH = 480
const HEIGHT = 220
const MARGIN = { top: 12, right: 20, bottom: 32, left: 56 }
const DAY_MS = 86_400_000
const dateOf = (iso: string): Date => new Date(`${iso}T00:00:00Z`)

type Point = IndicatorSeries['path'][number]

/**
 * DASH9: one indicator over time, in SVG (visx: scales, axes and lines, no canvas): its recorded
 * values as a solid line with round dots, its path from the baseline to the target as a dashed line
 * with square ends, so neither relies on colour. The SVG is an image named by the figure's title and
 * described in words; the figures themselves are in the table beside it (« Voir les données »).
 * Loaded in its own chunk (pages.ts) so the dashboard's first paint does not wait for it.
 */
export function IndicatorChart({ series, labelledBy }: { series: IndicatorSeries; labelledBy: string }) {
  const { t, i18n } = useTranslation()
  const points = [...series.values, ...series.path]
  const times = points.map((p) => dateOf(p.date).getTime())
  const first = Math.min(...times)
  const last = Math.max(...times)
  // One date only: a month each side, so the dot sits in the middle.
  const [from, to] = first === last ? [first - 30 * DAY_MS, last + 30 * DAY_MS] : [first, last]
  const values = points.map((p) => p.value)
  const low = Math.min(0, ...values)
  const high = Math.max(...values, low + 1)
  const x = scaleTime({ domain: [new Date(from), new Date(to)], range: [MARGIN.left, WIDTH - MARGIN.right] })
  const y = scaleLinear({ domain: [low, high], range: [HEIGHT - MARGIN.bottom, MARGIN.top], nice: true })
  const px = (p: Point): number => x(dateOf(p.date))
  const py = (p: Point): number => y(p.value)
  const month = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit', timeZone: 'UTC' })
  const number = new Intl.NumberFormat(i18n.language)
  const descId = `${labelledBy}-desc`
  return (
    <svg
      className="dash-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={labelledBy}
      aria-describedby={descId}
      data-testid="indicator-chart"
      data-indicator={series.id}
    >
      <title>{t('dash.chartCaption', { name: series.name })}</title>
      <desc id={descId}>{t('dash.chartDesc')}</desc>
      <AxisLeft scale={y} left={MARGIN.left} numTicks={5} tickFormat={(v) => number.format(Number(v))} stroke="#444" tickStroke="#444" />
      <AxisBottom
        scale={x}
        top={HEIGHT - MARGIN.bottom}
        numTicks={4}
        tickFormat={(v) => month.format(v instanceof Date ? v : new Date(Number(v)))}
        stroke="#444"
        tickStroke="#444"
      />
      {series.path.length > 0 && (
        <g className="dash-chart__path">
          <LinePath data={series.path} x={px} y={py} stroke="#5b5b5b" strokeWidth={2} strokeDasharray="6 4" />
          {series.path.map((p) => (
            <rect key={p.date} x={px(p) - 4} y={py(p) - 4} width={8} height={8} fill="#5b5b5b" data-date={p.date} data-value={p.value} />
          ))}
        </g>
      )}
      <g className="dash-chart__values">
        <LinePath data={series.values} x={px} y={py} stroke="#1d4f91" strokeWidth={2.5} />
        {series.values.map((p) => (
          <circle key={p.id} cx={px(p)} cy={py(p)} r={4} fill="#1d4f91" data-date={p.date} data-value={p.value} />
        ))}
      </g>
    </svg>
  )
}
