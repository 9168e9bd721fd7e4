import path from 'node:path'
import { spawnPinned } from '../proc.ts'
import type { Target } from './target.ts'
import { yWebsocketClient } from './yWebsocketClient.ts'

const here = path.dirname(new URL(import.meta.url).pathname)

/** Launches the bare `ws` relay of servers/relay.ts on the server core. */
export async function launchRelay(): Promise<Target> {
  const proc = await spawnPinned(path.join(here, '../servers/relay.ts'), /listening on (\d+)/, {}, path.join(here, '../..'))
  const base = `ws://127.0.0.1:${proc.ready}`
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
