import { useCallback, useState } from 'react'

/** The plan's columns a person may hide (PLANUI3); the order, the title and the tools always show. */
export const CHOOSABLE_COLUMNS = ['objective', 'start', 'deadline', 'status', 'progress', 'accountable', 'responsible', 'consulted', 'informed'] as const
export type ChoosableColumn = (typeof CHOOSABLE_COLUMNS)[number]

/** Widths (rem) as in plan.css, so the table is as wide as the columns it shows, no wider. */
export const COLUMN_REM: Record<ChoosableColumn | 'order' | 'title' | 'tools', number> = {
  order: 3,
  title: 19,
  objective: 15,
  start: 10.5,
  deadline: 10.5,
  status: 9.5,
  progress: 8,
  accountable: 11.5,
  responsible: 11,
  consulted: 11,
  informed: 11,
  tools: 13,
}

/** On a phone the table starts with what a row is about; the rest waits in the detail. */
const PHONE_HIDDEN: readonly ChoosableColumn[] = ['objective', 'start', 'progress', 'accountable', 'responsible', 'consulted', 'informed']
const PHONE_QUERY = '(max-width: 700px)'

const storageKey = (userId: string) => `ensemble.plan.hiddenColumns.${userId}`

function initialHidden(userId: string): ReadonlySet<ChoosableColumn> {
  try {
    const stored = window.localStorage.getItem(storageKey(userId))
    if (stored !== null) {
      const parsed: unknown = JSON.parse(stored)
      if (Array.isArray(parsed)) return new Set(CHOOSABLE_COLUMNS.filter((c) => parsed.includes(c)))
    }
  } catch {
    // Storage refused (private mode) or garbled: fall back to the defaults.
  }
  return new Set(window.matchMedia(PHONE_QUERY).matches ? PHONE_HIDDEN : [])
}

/** The columns this person hides, remembered on this device for them (localStorage, per member). */
export function usePlanColumns(userId: string) {
  const [hidden, setHidden] = useState(() => initialHidden(userId))
  const toggle = useCallback(
    (column: ChoosableColumn, show: boolean) => {
      setHidden((current) => {
        const next = new Set(current)
        if (show) next.delete(column)
        else next.add(column)
        try {
          window.localStorage.setItem(storageKey(userId), JSON.stringify([...next]))
        } catch {
          // Not remembered, still applied.
        }
        return next
      })
    },
    [userId],
  )
  return { hidden, toggle }
}
