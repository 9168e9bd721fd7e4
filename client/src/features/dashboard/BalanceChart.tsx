import type { AllianceBalance } from '@ensemble/shared'
import { AxisBottom, AxisLeft } from '@visx/axis'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { useTranslation } from 'react-i18next'

const WIDTH = 560
const HEIGHT = 240
const MARGIN = { top: 12, right: 16, bottom: 40, left: 72 }

/** The three figures of each partner, each drawn differently (hatched, solid, dotted outline) so none relies on colour. */
export const BALANCE_SERIES = [
  { key: 'committedToDate', fill: 'url(#dash-hatch)', stroke: '#5b5b5b', dash: undefined },
  { key: 'declared', fill: '#1d4f91', stroke: '#1d4f91', dash: undefined },
  { key: 'validated', fill: '#ffffff', stroke: '#1d4f91', dash: '3 2' },
] as const

/**
 * DASH12: committed to date, declared and validated € per partner for the current period, as grouped
 * bars (visx). The SVG is an image named by the card's title and described in words; the figures are
 * in the table beside it. Loaded in its own chunk (pages.ts).
 */
export function BalanceChart({ balance, labelledBy }: { balance: AllianceBalance; labelledBy: string }) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 })
  const high = Math.max(1, ...balance.partners.flatMap((p) => [p.committedToDate, p.declared, p.validated]))
  const x = scaleBand({ domain: balance.partners.map((p) => p.partnerId), range: [MARGIN.left, WIDTH - MARGIN.right], padding: 0.25 })
  const inner = scaleBand({ domain: BALANCE_SERIES.map((s) => s.key), range: [0, x.bandwidth()], padding: 0.1 })
  const y = scaleLinear({ domain: [0, high], range: [HEIGHT - MARGIN.bottom, MARGIN.top], nice: true })
  const names = new Map(balance.partners.map((p) => [p.partnerId, p.name]))
  const descId = `${labelledBy}-desc`
  return (
    <svg
      className="dash-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={labelledBy}
      aria-describedby={descId}
      data-testid="balance-chart"
    >
      <title>{t('dash.balanceCaption', { period: balance.period })}</title>
      <desc id={descId}>{t('dash.balanceDesc')}</desc>
      <defs>
        <pattern id="dash-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#5b5b5b" strokeWidth="3" />
        </pattern>
      </defs>
      <AxisLeft scale={y} left={MARGIN.left} numTicks={5} tickFormat={(v) => `${number.format(Number(v))} €`} stroke="#444" tickStroke="#444" />
      <AxisBottom scale={x} top={HEIGHT - MARGIN.bottom} tickFormat={(id) => names.get(String(id)) ?? ''} stroke="#444" tickStroke="#444" />
      {balance.partners.map((p) => (
        <g key={p.partnerId} data-partner={p.partnerId}>
          {BALANCE_SERIES.map((s) => (
            <Bar
              key={s.key}
              x={(x(p.partnerId) ?? 0) + (inner(s.key) ?? 0)}
              y={y(p[s.key])}
              width={inner.bandwidth()}
              height={Math.max(0, HEIGHT - MARGIN.bottom - y(p[s.key]))}
              fill={s.fill}
              stroke={s.stroke}
              strokeDasharray={s.dash}
              data-series={s.key}
              data-value={p[s.key]}
            />
          ))}
        </g>
      ))}
    </svg>
  )
}
