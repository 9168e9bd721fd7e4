import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/**
 * A plain snapshot of a Y.Map (deep), refreshed when it or anything inside it changes. For small
 * maps (document meta, plan period); large collections have their own incremental stores.
 */
export function useYMapJson<T extends Record<string, unknown>>(map: Y.Map<unknown>): Partial<T> {
  const snapshot = useRef<{ map: Y.Map<unknown>; value: Partial<T> } | null>(null)
  const subscribe = useCallback(
    (onChange: () => void) => {
      const handler = () => {
        snapshot.current = null
        onChange()
      }
      map.observeDeep(handler)
      return () => map.unobserveDeep(handler)
    },
    [map],
  )
  const get = useCallback(() => {
    if (!snapshot.current || snapshot.current.map !== map) snapshot.current = { map, value: map.toJSON() as Partial<T> }
    return snapshot.current.value
  }, [map])
  return useSyncExternalStore(subscribe, get)
}
