import { startServerProgram } from '../proc.ts'
import type { Target } from './target.ts'
import { yWebsocketClient } from './yWebsocketClient.ts'

/** Launches the y-websocket reference server (servers/reference.ts) on the server core. */
export async function launchReference(): Promise<Target> {
  const proc = await startServerProgram('reference')
  const base = `ws://127.0.0.1:${proc.port}`
  return {
    name: 'reference',
    pid: proc.pid,
    stateful: true,
    wire: 'y-websocket',
    connect: async (docName, doc) => yWebsocketClient(base, docName, doc),
    rawUrl: async (docName) => `${base}/${encodeURIComponent(docName)}`,
    stop: proc.stop,
  }
}
