import type { PartnerFamily } from '@ensemble/shared'
import { type FocusEvent, type KeyboardEvent, type MouseEvent, memo, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActorRow } from './useActors.ts'

/** The grid's geometry (SVG user units): five columns of interest, five rows of influence. */
const MARGIN = 48
const CELL = 100
const SIZE = MARGIN + 5 * CELL + 8
/** Labels beside the points only while they stay readable. */
const LABELS_UP_TO = 40

/** The family is read by colour AND by shape (never colour alone). */
const FAMILY_STYLE: Record<PartnerFamily, { colour: string; shape: 'circle' | 'square' | 'triangle' }> = {
  pairs: { colour: '#1b5e9c', shape: 'circle' },
  acteurs_publics: { colour: '#a04a00', shape: 'square' },
  acteurs_prives: { colour: '#5b2d8c', shape: 'triangle' },
}

interface Placed {
  actor: ActorRow
  x: number
  y: number
  r: number
}

/** Actors of one cell spread on a small square lattice inside it, in name order (stable between renders). */
function place(actors: readonly ActorRow[]): Placed[] {
  const cells = new Map<string, ActorRow[]>()
  for (const actor of actors) {
    const key = `${actor.interest}:${actor.influence}`
    const list = cells.get(key) ?? []
    list.push(actor)
    cells.set(key, list)
  }
  const out: Placed[] = []
  for (const list of cells.values()) {
    const side = Math.ceil(Math.sqrt(list.length))
    const step = (CELL - 16) / side
    const r = Math.max(2.5, Math.min(9, step / 2.4))
    list.forEach((actor, i) => {
      const cx = MARGIN + (actor.interest - 1) * CELL + 8 + step * ((i % side) + 0.5)
      const cy = MARGIN + (5 - actor.influence) * CELL + 8 + step * (Math.floor(i / side) + 0.5)
      out.push({ actor, x: cx, y: cy, r })
    })
  }
  // Reading order for the keyboard: top row first, left to right.
  return out.sort((a, b) => a.y - b.y || a.x - b.x)
}

function Shape({ family, x, y, r }: { family: PartnerFamily; x: number; y: number; r: number }) {
  const { colour, shape } = FAMILY_STYLE[family]
  if (shape === 'circle') return <circle cx={x} cy={y} r={r} fill={colour} stroke="#fff" strokeWidth={1} />
  if (shape === 'square') return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} stroke="#fff" strokeWidth={1} />
  return <polygon points={`${x},${y - r * 1.2} ${x + r * 1.1},${y + r * 0.8} ${x - r * 1.1},${y + r * 0.8}`} fill={colour} stroke="#fff" strokeWidth={1} />
}

interface PointProps {
  actor: ActorRow
  index: number
  x: number
  y: number
  r: number
  active: boolean
  label: boolean
}

/** One actor on the grid; memoised, so a focus move redraws the two points whose tab stop changes, not the thousand others. */
const Point = memo(function Point({ actor, index, x, y, r, active, label }: PointProps) {
  const { t } = useTranslation()
  const name = t('actors.pointLabel', {
    name: actor.name,
    type: t(`partnerTypes.${actor.type}`),
    family: t(`families.${actor.family}`),
    influence: actor.influence,
    interest: actor.interest,
    nuisance: actor.nuisance,
  })
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG point has no HTML button to be; it behaves as one (Enter, Space).
    <g data-index={index} data-actor={actor.id} role="button" tabIndex={active ? 0 : -1} aria-label={name} className="actors-grid__point">
      <title>{actor.name}</title>
      <Shape family={actor.family} x={x} y={y} r={r} />
      {label && (
        <text x={x + r + 3} y={y + 4} className="actors-grid__name">
          {actor.name.length > 22 ? `${actor.name.slice(0, 21)}…` : actor.name}
        </text>
      )}
    </g>
  )
})

interface GridProps {
  actors: readonly ActorRow[]
  onOpen(id: string): void
}

/** The index of the point an event happened on (events are handled once, on the drawing). */
const indexOf = (target: EventTarget | null): number | null => {
  const point = target instanceof Element ? target.closest('[data-index]') : null
  return point ? Number(point.getAttribute('data-index')) : null
}

/**
 * The influence × interest grid (MAP): four labelled quadrants, each actor a point whose colour and
 * shape give its family. One point at a time is in the tab order (roving focus): arrow keys move
 * along the reading order, Enter or Space opens the actor's card. The table is the alternative.
 */
export const ActorsGrid = memo(function ActorsGrid({ actors, onOpen }: GridProps) {
  const { t } = useTranslation()
  const placed = useMemo(() => place(actors), [actors])
  const [current, setCurrent] = useState(0)
  const svg = useRef<SVGSVGElement>(null)
  const active = Math.min(current, Math.max(0, placed.length - 1))
  const labels = placed.length <= LABELS_UP_TO

  const move = (to: number) => {
    const next = Math.max(0, Math.min(placed.length - 1, to))
    setCurrent(next)
    svg.current?.querySelector<SVGGElement>(`[data-index="${next}"]`)?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const at = indexOf(event.target)
    if (at === null) return
    const keys: Record<string, number> = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: placed.length - 1 }
    if (event.key in keys) {
      event.preventDefault()
      move(keys[event.key]!)
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      const actor = placed[at]?.actor
      if (actor) onOpen(actor.id)
    }
  }
  const onFocus = (event: FocusEvent<SVGSVGElement>) => {
    const at = indexOf(event.target)
    if (at !== null) setCurrent(at)
  }
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const at = indexOf(event.target)
    const actor = at === null ? undefined : placed[at]?.actor
    if (actor) onOpen(actor.id)
  }
  const half = MARGIN + 2.5 * CELL
  const quadrant = (x: number, y: number, text: string) => (
    <text x={x} y={y} className="actors-grid__quadrant" textAnchor="middle">
      {text}
    </text>
  )
  return (
    <figure className="actors-grid">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing groups its points; a fieldset cannot hold SVG. */}
      <svg
        ref={svg}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="group"
        aria-label={t('actors.gridLabel', { count: actors.length })}
        data-testid="actors-grid"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onClick={onClick}
      >
        <rect x={MARGIN} y={MARGIN} width={5 * CELL} height={5 * CELL} className="actors-grid__frame" />
        <line x1={half} y1={MARGIN} x2={half} y2={MARGIN + 5 * CELL} className="actors-grid__axis" />
        <line x1={MARGIN} y1={half} x2={MARGIN + 5 * CELL} y2={half} className="actors-grid__axis" />
        <g>
          {quadrant(MARGIN + 3.75 * CELL, MARGIN + 18, t('actors.quadrants.keyPlayers'))}
          {quadrant(MARGIN + 1.25 * CELL, MARGIN + 18, t('actors.quadrants.keepSatisfied'))}
          {quadrant(MARGIN + 3.75 * CELL, MARGIN + 5 * CELL - 8, t('actors.quadrants.keepInformed'))}
          {quadrant(MARGIN + 1.25 * CELL, MARGIN + 5 * CELL - 8, t('actors.quadrants.monitor'))}
          <text x={MARGIN + 2.5 * CELL} y={SIZE - 2} textAnchor="middle" className="actors-grid__label">
            {t('actors.axisInterest')} →
          </text>
          <text x={14} y={half} textAnchor="middle" transform={`rotate(-90 14 ${half})`} className="actors-grid__label">
            {t('actors.axisInfluence')} →
          </text>
        </g>
        {placed.map(({ actor, x, y, r }, i) => (
          <Point key={actor.id} actor={actor} index={i} x={x} y={y} r={r} active={i === active} label={labels} />
        ))}
      </svg>
      <figcaption>
        <span className="visually-hidden">{t('actors.legend')} : </span>
        {(Object.keys(FAMILY_STYLE) as PartnerFamily[]).map((family) => (
          <span key={family} className="actors-grid__legend-item">
            <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
              <Shape family={family} x={10} y={10} r={7} />
            </svg>{' '}
            {t(`families.${family}`)}
          </span>
        ))}
      </figcaption>
    </figure>
  )
})
