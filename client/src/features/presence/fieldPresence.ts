import { AWARENESS_USER_FIELD, type AwarenessUser, type PresenceFocus, presenceFocusSchema } from '@ensemble/shared'
import type { Awareness } from 'y-protocols/awareness'

/** Someone else editing a field: who, and which field (PLANUI5). */
export interface FieldEditor {
  user: AwarenessUser
  focus: PresenceFocus
}

/** The key of a field in the map of editors. */
export const fieldKey = (entity: string, field: string) => `${entity}#${field}`

const NOBODY: readonly AwarenessUser[] = []
const stores = new WeakMap<Awareness, FieldPresenceStore>()

/**
 * Who is editing which field, read once per presence change for the whole page (not once per cell):
 * a cell asks for its key and gets the same array until its editors change.
 */
export interface FieldPresenceStore {
  subscribe(onChange: () => void): () => void
  editorsOf(key: string): readonly AwarenessUser[]
  /** Every other person's focused field, one per person (their latest tab). */
  all(): readonly FieldEditor[]
}

export function fieldPresenceStore(awareness: Awareness): FieldPresenceStore {
  const known = stores.get(awareness)
  if (known) return known
  let signature = ''
  let byKey = new Map<string, AwarenessUser[]>()
  let editors: FieldEditor[] = []
  const read = () => {
    const next: FieldEditor[] = []
    const seen = new Set<string>()
    const localUser = (awareness.getLocalState()?.[AWARENESS_USER_FIELD] as AwarenessUser | undefined)?.id
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return
      const user = state[AWARENESS_USER_FIELD] as AwarenessUser | undefined
      const focus = presenceFocusSchema.safeParse(state.focus)
      if (!user || typeof user.id !== 'string' || user.id === localUser || seen.has(user.id) || !focus.success || !focus.data) return
      seen.add(user.id)
      next.push({ user, focus: focus.data })
    })
    const nextSignature = JSON.stringify(next)
    if (nextSignature === signature) return false
    signature = nextSignature
    editors = next
    byKey = new Map()
    for (const editor of next) {
      const key = fieldKey(editor.focus.entity, editor.focus.field)
      byKey.set(key, [...(byKey.get(key) ?? []), editor.user])
    }
    return true
  }
  read()
  // One listener on the awareness for every cell: read once, then each subscriber is told.
  const subscribers = new Set<() => void>()
  const listener = () => {
    if (read()) for (const notify of subscribers) notify()
  }
  const store: FieldPresenceStore = {
    subscribe(onChange) {
      if (subscribers.size === 0) {
        read()
        awareness.on('change', listener)
      }
      subscribers.add(onChange)
      return () => {
        subscribers.delete(onChange)
        if (subscribers.size === 0) awareness.off('change', listener)
      }
    },
    editorsOf: (key) => byKey.get(key) ?? NOBODY,
    all: () => editors,
  }
  stores.set(awareness, store)
  return store
}

/** Tells the others which field this page is editing, or none. */
export function setFocusedField(awareness: Awareness, focus: PresenceFocus | null) {
  const current = awareness.getLocalState()?.focus as PresenceFocus | null | undefined
  if ((current ?? null) === focus) return
  if (current && focus && current.entity === focus.entity && current.field === focus.field) return
  awareness.setLocalStateField('focus', focus)
}
