import { FRESH_PARAM, MESSAGE, PREVIEW_PARAM, readSyncStep2V2, SYNC_V2_PARAM } from '@ensemble/shared'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { mark } from './marks.ts'

/** The websocket query parameter that asks the server for the full state in V2 (type 102). */
export const syncV2Params = { [SYNC_V2_PARAM.name]: SYNC_V2_PARAM.value } as Record<string, string>
/** Added while the document is empty here (first connection): see PROTOCOL §4c. */
export const freshParams = { [FRESH_PARAM.name]: FRESH_PARAM.value } as Record<string, string>
/** With freshParams, on the plan page: a large plan's first rows come first (PROTOCOL §4d). */
export const previewParams = { [PREVIEW_PARAM.name]: PREVIEW_PARAM.value } as Record<string, string>

/**
 * Teaches a provider message type 102 ("sync step 2, V2"): the whole document in Yjs's compact V2
 * encoding, which the server sends instead of a V1 sync step 2 to a fresh joiner that asked for it
 * (connect with `syncV2Params`). Applied with the provider as origin and marking it synced exactly
 * as y-websocket does for a sync step 2, so "synced" listeners and SaveTracker see no difference.
 */
export function acceptSyncV2(provider: WebsocketProvider): void {
  provider.messageHandlers[MESSAGE.syncStep2V2] = (_encoder, decoder, handlerProvider, emitSynced) => {
    const update = readSyncStep2V2(decoder)
    mark(`collab:${handlerProvider.roomname}:state-received`, { bytes: update.byteLength })
    applyWithoutUpdateEvent(handlerProvider.doc, update, handlerProvider)
    mark(`collab:${handlerProvider.roomname}:state-applied`)
    if (emitSynced && !handlerProvider.synced) handlerProvider.synced = true
  }
}

/**
 * Applies a whole document without Yjs encoding it once more, in V1, for the doc's 'update' listeners:
 * on the 5,000-action plan that second encoding took ~150 ms of the page's thread before it could be
 * used. Every such listener ignores what comes from the provider (y-websocket's, SaveTracker) or only
 * needs to know of later changes (history's pause detector, whose panel reads the document's history
 * when it mounts). Yjs offers no switch for it: its Observable keeps listeners in `_observers`.
 */
export function applyWithoutUpdateEvent(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const observers = (doc as unknown as { _observers?: unknown })._observers
  // Another lib0 may keep them elsewhere: then apply as usual (slower, never wrong).
  if (!(observers instanceof Map)) return Y.applyUpdateV2(doc, update, origin)
  const listeners = observers.get('update') as Set<unknown> | undefined
  observers.delete('update')
  try {
    Y.applyUpdateV2(doc, update, origin)
  } finally {
    if (listeners) {
      for (const added of observers.get('update') ?? []) listeners.add(added)
      observers.set('update', listeners)
    }
  }
}
