import { MESSAGE } from './messageTypes.ts'

/**
 * The websocket URL's query parameter by which a client says it reads Ensemble's own messages
 * (`?ext=1`): server errors (100), saved acknowledgements (101) and heartbeats (104). Without it the
 * server speaks plain y-websocket, so a stock provider never meets a message it cannot read (QUIET1).
 * Types 102 and 103 have their own parameters (`sync=v2`, `preview=1`).
 */
export const EXTENSIONS_PARAM = { name: 'ext', value: '1' } as const

/** What a connection asked for on its upgrade: which of the types from 100 up it may be sent. */
export interface ExtensionRequest {
  extensions: boolean
  syncV2: boolean
  preview: boolean
}

/** Whether a server → client frame of message type `type` may go to a client that asked for `request`. */
export function mayReceive(type: number, request: ExtensionRequest): boolean {
  if (type < MESSAGE.serverError) return true
  if (type === MESSAGE.syncStep2V2) return request.syncV2
  if (type === MESSAGE.planPreview) return request.syncV2 && request.preview
  return request.extensions
}
