import { planViewFromParams, planViewParams, type PlanViewQuery } from '@ensemble/shared'
import { useCallback, useEffect, useState } from 'react'

const fromAddress = (): PlanViewQuery => planViewFromParams(new URLSearchParams(window.location.search))

/**
 * The plan's filters and grouping, kept in the address (`?objectif=…&partenaire=…&grouper=…`, OBJ11)
 * so a link shows the same view; each change replaces the address (no history entry per choice).
 */
export function usePlanViewQuery(): [PlanViewQuery, (next: PlanViewQuery) => void] {
  const [query, setQuery] = useState(fromAddress)
  const change = useCallback((next: PlanViewQuery) => {
    const url = new URL(window.location.href)
    for (const [name, value] of Object.entries(planViewParams(next))) {
      if (value) url.searchParams.set(name, value)
      else url.searchParams.delete(name)
    }
    window.history.replaceState(window.history.state, '', url)
    setQuery(fromAddress())
  }, [])
  useEffect(() => {
    const onPop = () => setQuery(fromAddress())
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  return [query, change]
}
