import { type RefObject, useCallback, useEffect, useLayoutEffect, useState } from 'react'

/** Below this many rows every row is rendered: windowing only pays off on long plans. */
export const WINDOW_FROM_ROWS = 120
/** Rows rendered above and below the viewport, so keyboard focus and quick scrolls find them there. */
const OVERSCAN = 15
/** First guess of a row's height before any is measured (px): a row measures 78 px at 1440 px wide. */
const ESTIMATED_ROW_PX = 78

export interface VisibleRows {
  /** Indexes [start, end) of the rows to render. */
  start: number
  end: number
  /** Heights (px) the rows not rendered above and below would take. */
  before: number
  after: number
  /** Scrolls the page so row `index` is rendered and on screen (e.g. a new action at the end). */
  reveal(index: number): void
}

/**
 * Windowing for a table in the page's own scroll: only the rows around the viewport are rendered,
 * the others are replaced by two spacer rows of their estimated height (the mean height of the rows
 * measured so far). A 5,000-action plan renders ~40 rows instead of 5,000; screen readers still get
 * the full size and each row's position from aria-rowcount / aria-rowindex on the table.
 */
export function useVisibleRows(body: RefObject<HTMLElement | null>, count: number, options: { overscan?: boolean } = {}): VisibleRows {
  const windowed = count >= WINDOW_FROM_ROWS
  // Without overscan (a read-only first screen), only the rows in the viewport: the fastest first paint.
  const overscan = options.overscan === false ? 0 : OVERSCAN
  const [rowPx, setRowPx] = useState(ESTIMATED_ROW_PX)
  // The first screen as the estimate sees it, so the first render is already the right one.
  const [range, setRange] = useState(() => ({ start: 0, end: Math.ceil(window.innerHeight / ESTIMATED_ROW_PX) + overscan }))

  const update = useCallback(() => {
    const element = body.current
    if (!element || !windowed) return
    const top = element.getBoundingClientRect().top
    const first = Math.floor(Math.max(0, -top) / rowPx)
    const start = Math.max(0, Math.min(count, first) - overscan)
    const end = Math.min(count, first + Math.ceil(window.innerHeight / rowPx) + overscan)
    setRange((current) => (current.start === start && current.end === end ? current : { start, end }))
  }, [body, count, rowPx, windowed, overscan])

  useEffect(() => {
    if (!windowed) return
    let frame = 0
    const onScroll = () => {
      if (frame) return
      frame = window.requestAnimationFrame(() => {
        frame = 0
        update()
      })
    }
    update()
    window.addEventListener('scroll', onScroll, { passive: true })
    window.addEventListener('resize', onScroll, { passive: true })
    return () => {
      window.cancelAnimationFrame(frame)
      window.removeEventListener('scroll', onScroll)
      window.removeEventListener('resize', onScroll)
    }
  }, [update, windowed])

  // Learn the real mean row height from what is rendered, so the spacers match the scroll length.
  useLayoutEffect(() => {
    const element = body.current
    if (!element || !windowed) return
    const rows = element.querySelectorAll<HTMLElement>(':scope > tr[aria-rowindex]')
    if (rows.length < 5) return
    let total = 0
    rows.forEach((row) => (total += row.offsetHeight))
    const measured = Math.round(total / rows.length)
    if (Math.abs(measured - rowPx) > 4) setRowPx(measured)
  })

  const reveal = useCallback(
    (index: number) => {
      const element = body.current
      if (!element || !windowed) return
      const top = element.getBoundingClientRect().top + window.scrollY
      window.scrollTo({ top: Math.max(0, top + index * rowPx - window.innerHeight / 3) })
      const start = Math.max(0, index - OVERSCAN)
      setRange({ start, end: Math.min(count, index + OVERSCAN + Math.ceil(window.innerHeight / rowPx)) })
    },
    [body, count, rowPx, windowed],
  )

  if (!windowed) return { start: 0, end: count, before: 0, after: 0, reveal }
  const start = Math.min(range.start, count)
  const end = Math.min(Math.max(range.end, start), count)
  return { start, end, before: start * rowPx, after: (count - end) * rowPx, reveal }
}
