import { call, params, rest } from '../../api/client.ts'
import { CollabConnection } from './CollabConnection.ts'

/** A preloaded connection nobody took within this delay is closed (the page went elsewhere). */
const ADOPT_WITHIN_MS = 15_000

const preloaded = new Map<string, { connection: CollabConnection; timer: number }>()
const keyOf = (workspaceId: string, docName: string) => `${workspaceId}\n${docName}`

/**
 * Opens the document of the page being loaded before the page exists: its ticket is asked for and
 * its websocket opened while the session and the alliance are still being read, so the server
 * starts sending the document at once. The page's useCollabDoc takes it over (adoptPreloaded).
 */
export function preloadConnection(workspaceId: string, docName: string, options: { preview?: boolean } = {}): void {
  const key = keyOf(workspaceId, docName)
  if (preloaded.has(key)) return
  const connection = new CollabConnection({
    workspaceId,
    docName,
    preview: options.preview,
    fetchTicket: async () => (await call(rest.workspaces[':workspaceId'].tickets.$post({ param: params({ workspaceId }) }))).ticket,
  })
  connection.start()
  const timer = window.setTimeout(() => {
    preloaded.delete(key)
    connection.destroy()
  }, ADOPT_WITHIN_MS)
  preloaded.set(key, { connection, timer })
}

/**
 * The preloaded connection of this document, now owned by the caller (whatever became of it: a
 * refused ticket shows on the page as it would on a connection of its own), or null.
 */
export function adoptPreloaded(workspaceId: string, docName: string): CollabConnection | null {
  const key = keyOf(workspaceId, docName)
  const entry = preloaded.get(key)
  if (!entry) return null
  preloaded.delete(key)
  window.clearTimeout(entry.timer)
  return entry.connection
}
