import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { createSteeringStore, type SteeringSnapshot } from './steeringStore.ts'

/** The plan's objectives, indicators and questions, live. */
export function useSteering(doc: Y.Doc): SteeringSnapshot {
  const store = useMemo(() => createSteeringStore(doc), [doc])
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
