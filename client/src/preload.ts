import { call, params, rest } from './api/client.ts'
import { preloadConnection } from './features/collab/preloadedConnections.ts'
import { sectionBySlug } from './features/workspaces/sections.ts'
import { matchPath } from './router.tsx'

/**
 * Requests the page being loaded will make, started together as soon as the script runs. Each used
 * to wait for the one before it to answer and render: the session, then the alliance, then the
 * page, then a ticket, then the websocket — about 0.5 s of round trips and renders before the
 * server could start sending a large plan (docs/BENCHMARKS.md, "Opening the large plan").
 * Each answer is used once, by the first reader (takePreloaded); later reads fetch afresh.
 */
const started = new Map<string, Promise<unknown>>()

function preload<T>(key: string, start: () => Promise<T>): void {
  const promise = start()
  // Nobody may take it (signed out: the sign-in page shows instead); that is not an error.
  promise.catch(() => {})
  started.set(key, promise)
}

/** The answer started for `key` at load, or undefined (not started, or taken already). */
export function takePreloaded<T>(key: string): Promise<T> | undefined {
  const promise = started.get(key) as Promise<T> | undefined
  started.delete(key)
  return promise
}

export const preloadKeys = { me: 'me', workspace: (id: string) => `workspace:${id}` }

/** What `path` will need: the session always; inside an alliance, the alliance and the page's document. */
export function preloadFor(path: string): void {
  preload(preloadKeys.me, () => call(rest.me.$get()))
  const inWorkspace = matchPath('/alliances/:id', path) ?? matchPath('/alliances/:id/:slug', path)
  if (!inWorkspace?.id) return
  const workspaceId = inWorkspace.id
  preload(preloadKeys.workspace(workspaceId), () => call(rest.workspaces[':workspaceId'].$get({ param: params({ workspaceId }) })))
  const section = inWorkspace.slug ? sectionBySlug(inWorkspace.slug) : undefined
  if (section?.key === 'plan') preloadConnection(workspaceId, 'plan', { preview: true })
  // The editor's code loads once the document is on screen (DocumentPage.tsx).
  if (section?.doc) preloadConnection(workspaceId, section.doc)
}
