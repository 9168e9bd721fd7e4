import { bodiesOf, type GovernanceBody, readBody } from '@ensemble/shared'
import { useCallback, useRef, useSyncExternalStore } from 'react'
import * as Y from 'yjs'

export interface BodyEntry {
  id: string
  body: GovernanceBody
}

/** The governance bodies sorted by their order key; a handful per alliance, so re-read on change. */
export function useBodies(doc: Y.Doc): BodyEntry[] {
  const cache = useRef<{ doc: Y.Doc; value: BodyEntry[] } | null>(null)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const bodies = bodiesOf(doc)
      const handler = () => {
        cache.current = null
        onChange()
      }
      bodies.observeDeep(handler)
      return () => bodies.unobserveDeep(handler)
    },
    [doc],
  )
  const read = useCallback(() => {
    if (cache.current?.doc === doc) return cache.current.value
    const entries: BodyEntry[] = []
    bodiesOf(doc).forEach((map, id) => {
      if (map instanceof Y.Map) entries.push({ id, body: readBody(map) })
    })
    entries.sort((a, b) => (a.body.order < b.body.order ? -1 : a.body.order > b.body.order ? 1 : a.id < b.id ? -1 : 1))
    cache.current = { doc, value: entries }
    return entries
  }, [doc])
  return useSyncExternalStore(subscribe, read)
}
