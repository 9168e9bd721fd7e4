import type * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from '../../helpers/waitFor.ts'
import type { BenchClient } from './target.ts'

export const READY_TIMEOUT_MS = 120_000

/** y-websocket's stock `WebsocketProvider` on a server that speaks its protocol with no ticket. */
export function yWebsocketClient(baseUrl: string, docName: string, doc = new Y.Doc(), { stateless = false } = {}): BenchClient {
  const provider = new WebsocketProvider(baseUrl, encodeURIComponent(docName), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  if (stateless) {
    // Behind a relay every peer would answer every joiner's sync step 1 (N² answers, each
    // broadcast to N): peers stay silent, and content travels only as updates.
    provider.messageHandlers[0] = (_encoder, decoder, p) => {
      syncReadOnly(decoder, p.doc, p)
    }
    // The provider re-sends every presence change it receives; a server drops the echo, a relay
    // would forward it to every peer (N² messages per change): peers send only their own changes.
    const handler = (provider as unknown as { _awarenessUpdateHandler: (changes: unknown, origin: unknown) => void })._awarenessUpdateHandler
    provider.awareness.off('update', handler)
    provider.awareness.on('update', (changes: unknown, origin: unknown) => {
      if (origin === 'local') handler(changes, origin)
    })
  }
  return {
    doc,
    awareness: provider.awareness,
    ready: () =>
      waitFor(() => (stateless ? provider.wsconnected : provider.synced), { timeoutMs: READY_TIMEOUT_MS, message: `${docName} ready` }).then(() => undefined),
    destroy: () => {
      // A socket still connecting reports its close as an error event.
      ;(provider.ws as unknown as WebSocket | null)?.on('error', () => undefined)
      provider.destroy()
    },
  }
}

/** Applies a sync message (step 2 or update) and throws away the answer a step 1 would get. */
function syncReadOnly(decoder: decoding.Decoder, doc: Y.Doc, origin: unknown): void {
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, origin)
}
