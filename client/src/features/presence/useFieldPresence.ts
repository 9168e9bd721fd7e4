import type { AwarenessUser } from '@ensemble/shared'
import { useContext, useMemo, useSyncExternalStore } from 'react'
import { CollabContext } from '../collab/CollabContext.tsx'
import { fieldKey, fieldPresenceStore, setFocusedField } from './fieldPresence.ts'

const NOBODY: readonly AwarenessUser[] = []
const noop = () => () => {}

/**
 * A cell's share of field presence (PLANUI5): who else is editing it, and the focus and blur
 * handlers that tell them when this person is. Outside a collaborative document, nothing.
 */
export function useFieldPresence(entity: string, field: string) {
  const awareness = useContext(CollabContext)?.awareness ?? null
  const store = useMemo(() => (awareness ? fieldPresenceStore(awareness) : null), [awareness])
  const key = fieldKey(entity, field)
  const editors = useSyncExternalStore(store ? store.subscribe : noop, () => (store ? store.editorsOf(key) : NOBODY))
  return {
    editors,
    onFocus: () => awareness && setFocusedField(awareness, { entity, field }),
    onBlur: () => awareness && setFocusedField(awareness, null),
  }
}
