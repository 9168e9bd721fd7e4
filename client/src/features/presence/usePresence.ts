import { type AwarenessUser, AWARENESS_USER_FIELD } from '@ensemble/shared'
import { useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'

export interface PresentUser extends AwarenessUser {
  isLocal: boolean
}

const isUser = (value: unknown): value is AwarenessUser =>
  typeof value === 'object' && value !== null && typeof (value as AwarenessUser).id === 'string' && typeof (value as AwarenessUser).name === 'string'

const cache = new WeakMap<Awareness, { key: string; users: PresentUser[] }>()

/** The people on a document, one entry per person even with several tabs open, the local user first. */
function readPresence(awareness: Awareness): PresentUser[] {
  const byId = new Map<string, PresentUser>()
  const local = awareness.getLocalState()?.[AWARENESS_USER_FIELD]
  if (isUser(local)) byId.set(local.id, { ...local, isLocal: true })
  awareness.getStates().forEach((state, clientId) => {
    const user = state[AWARENESS_USER_FIELD]
    if (clientId === awareness.clientID || !isUser(user) || byId.has(user.id)) return
    byId.set(user.id, { ...user, isLocal: false })
  })
  const users = [...byId.values()]
  // Same people, same array: useSyncExternalStore needs a stable snapshot between changes.
  const key = JSON.stringify(users)
  const previous = cache.get(awareness)
  if (previous && previous.key === key) return previous.users
  cache.set(awareness, { key, users })
  return users
}

export function usePresence(awareness: Awareness): PresentUser[] {
  return useSyncExternalStore(
    (onChange) => {
      awareness.on('change', onChange)
      return () => awareness.off('change', onChange)
    },
    () => readPresence(awareness),
  )
}
