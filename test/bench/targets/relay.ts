import { startServerProgram } from '../proc.ts'
import type { Target } from './target.ts'
import { yWebsocketClient } from './yWebsocketClient.ts'

/** Launches the bare `ws` relay of servers/relay.ts on the server core. */
export async function launchRelay(): Promise<Target> {
  const proc = await startServerProgram('relay')
  const base = `ws://127.0.0.1:${proc.port}`
  return {
    name: 'relay',
    pid: proc.pid,
    stateful: false,
    wire: 'y-websocket',
    connect: async (docName, doc) => yWebsocketClient(base, docName, doc, { stateless: true }),
    rawUrl: async (docName) => `${base}/${encodeURIComponent(docName)}`,
    stop: proc.stop,
  }
}
