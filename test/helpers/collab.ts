import { EXTENSIONS_PARAM, MESSAGE, readServerError, SCHEMA_VERSION, type ServerErrorMessage } from '@ensemble/shared'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { acceptSyncV2, syncV2Params } from '../../client/src/features/collab/syncV2.ts'
import type { HttpClient } from './http.ts'
import { waitFor } from './waitFor.ts'

/** The stock `ws` client, sending the Origin a browser would send for this server. */
function websocketWithOrigin(origin: string | null): typeof globalThis.WebSocket {
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, origin ? { origin } : {})
    }
  }
  return OriginWebSocket as unknown as typeof globalThis.WebSocket
}

export async function fetchTicket(client: HttpClient, workspaceId: string): Promise<string> {
  const { ticket } = await client.json<{ ticket: string }>('POST', `/api/workspaces/${workspaceId}/tickets`, undefined, 200)
  return ticket
}

export interface DocClient {
  doc: Y.Doc
  provider: WebsocketProvider
  errors: ServerErrorMessage[]
  synced(): Promise<void>
  destroy(): void
}

/**
 * A real y-websocket `WebsocketProvider` against the server, as the browser client uses it:
 * every (re)connection fetches a fresh single-use ticket first. It asks for Ensemble's messages
 * (`ext=1`: typed errors in `errors`, saved acknowledgements) unless `stock`: then it is a stock
 * provider, left exactly as y-websocket ships it (QUIET1).
 */
export async function connectDoc(
  client: HttpClient,
  workspaceId: string,
  docName: string,
  doc = new Y.Doc(),
  options: { via?: string; syncV2?: boolean; stock?: boolean; params?: Record<string, string>; beforeConnect?: (provider: WebsocketProvider) => void } = {},
): Promise<DocClient> {
  // `via`: the websocket goes through another address (e.g. a test proxy); tickets still come from the server.
  const wsBase = `${(options.via ?? client.baseUrl).replace(/^http/, 'ws')}/ws/${workspaceId}`
  const provider = new WebsocketProvider(wsBase, encodeURIComponent(docName), doc, {
    connect: false,
    WebSocketPolyfill: websocketWithOrigin(new URL(client.baseUrl).origin),
    disableBc: true,
    maxBackoffTime: 500,
  })
  const errors: ServerErrorMessage[] = []
  if (!options.stock) {
    provider.messageHandlers[MESSAGE.serverError] = (_encoder, decoder) => {
      errors.push(readServerError(decoder))
    }
    // The saved acknowledgement (type 101): read by SaveTracker when a test wants it.
    provider.messageHandlers[MESSAGE.saved] = () => {}
  }
  const extensions: Record<string, string> = options.stock ? {} : { [EXTENSIONS_PARAM.name]: EXTENSIONS_PARAM.value }
  // `syncV2`: connect as the web client does (`?sync=v2`, full state as message type 102); without
  // it, a stock y-websocket client.
  if (options.syncV2) acceptSyncV2(provider)
  // E.g. a SaveTracker, which must see the first socket open to count what is sent on it.
  options.beforeConnect?.(provider)
  let destroyed = false
  const open = async () => {
    // Retry while the server is away (restart tests); stop once destroyed.
    for (let attempt = 0; !destroyed; attempt++) {
      try {
        // `params`: more upgrade parameters, e.g. the web client's `fresh` and `preview` (PROTOCOL §4c, §4d).
        provider.params = {
          ticket: await fetchTicket(client, workspaceId),
          schema: String(SCHEMA_VERSION),
          ...extensions,
          ...(options.syncV2 ? syncV2Params : {}),
          ...options.params,
        }
        provider.connect()
        return
      } catch {
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 500)))
      }
    }
  }
  provider.on('connection-close', () => {
    if (destroyed) return
    // Cancel the provider's own retry (it would reuse a spent ticket). Not `disconnect()`: this event
    // fires before the provider clears its socket, and disconnect() would re-enter this handler.
    provider.shouldConnect = false
    void open()
  })
  await open()
  return {
    doc,
    provider,
    errors,
    synced: () => waitFor(() => provider.synced, { message: `${docName} synced` }).then(() => undefined),
    destroy: () => {
      destroyed = true
      provider.destroy()
    },
  }
}
