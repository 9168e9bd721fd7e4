import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { waitFor } from '../../helpers/waitFor.ts'
import { startServerProgram } from '../proc.ts'
import type { Target } from './target.ts'
import { READY_TIMEOUT_MS } from './yWebsocketClient.ts'

/** Launches Hocuspocus (servers/hocuspocus.ts) on the server core; clients are `HocuspocusProvider`s, one socket each. */
export async function launchHocuspocus(): Promise<Target> {
  const proc = await startServerProgram('hocuspocus')
  const url = `ws://127.0.0.1:${proc.port}`
  return {
    name: 'hocuspocus',
    pid: proc.pid,
    stateful: true,
    wire: 'hocuspocus',
    connect: async (docName, doc = new Y.Doc()) => {
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket })
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: docName, document: doc })
      provider.attach()
      return {
        doc,
        awareness: provider.awareness!,
        ready: () => waitFor(() => provider.isSynced, { timeoutMs: READY_TIMEOUT_MS, message: `${docName} synced` }).then(() => undefined),
        destroy: () => {
          // A socket still connecting (a reconnect after a stalled server) reports its close as an error event.
          ;(socket.webSocket as unknown as WebSocket | null)?.on('error', () => undefined)
          provider.destroy()
          socket.destroy()
        },
      }
    },
    rawUrl: async () => url,
    stop: proc.stop,
  }
}
