import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { createPlanStore, type PlanSnapshot } from './planStore.ts'

export function usePlan(doc: Y.Doc): PlanSnapshot {
  const store = useMemo(() => createPlanStore(doc), [doc])
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
