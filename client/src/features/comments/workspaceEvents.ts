import { WORKSPACE_EVENTS, type WorkspaceEventName } from '@ensemble/shared'
import { useEffect, useRef } from 'react'
import { params, rest } from '../../api/client.ts'
import { openEventStream, type EventStream } from '../../api/eventStream.ts'
import { applyWorkspaceEvent } from '../../api/liveQueries.ts'

/**
 * `ready` is sent when the subscription is live, and again after each reconnection (SPEC LIM9):
 * events sent while the stream was down or refused are lost, so listeners reload what they show.
 */
export type WorkspaceEventType = WorkspaceEventName | 'ready'
type Listener = (type: WorkspaceEventType, data: unknown) => void

const KNOWN = new Set<string>(['ready', ...WORKSPACE_EVENTS])

interface Stream {
  source: EventStream
  listeners: Set<Listener>
  closeTimer: number | undefined
  /** Refused for good (signed out, no longer a member): the next subscriber opens a new one. */
  ended: boolean
}

const streams = new Map<string, Stream>()

/** Pages come and go on navigation; keep the stream a moment so the next page reuses it. */
const LINGER_MS = 2000

function open(workspaceId: string): Stream {
  const stream: Stream = { source: { close: () => undefined }, listeners: new Set(), closeTimer: undefined, ended: false }
  stream.source = openEventStream(rest.workspaces[':workspaceId'].events.$url({ param: params({ workspaceId }) }).pathname, {
    onEvent: (type, raw) => {
      if (!KNOWN.has(type)) return
      let data: unknown = null
      try {
        data = JSON.parse(raw)
      } catch {
        return
      }
      // The cache first (api/liveQueries.ts), then the listeners that keep state of their own.
      applyWorkspaceEvent(workspaceId, type as WorkspaceEventType, data)
      for (const listener of [...stream.listeners]) listener(type as WorkspaceEventType, data)
    },
    onEnd: () => {
      stream.ended = true
    },
  })
  return stream
}

/**
 * Subscribes to the workspace's live events. One stream per workspace is shared by every
 * subscriber on the page (panels, badge, inbox, meetings) and closed shortly after the last one
 * leaves; it reopens by itself after a refusal or a cut (eventStream.ts).
 */
export function subscribeWorkspaceEvents(workspaceId: string, listener: Listener): () => void {
  let stream = streams.get(workspaceId)
  if (!stream || stream.ended) {
    if (stream) window.clearTimeout(stream.closeTimer)
    stream = open(workspaceId)
    streams.set(workspaceId, stream)
  }
  window.clearTimeout(stream.closeTimer)
  stream.listeners.add(listener)
  const mine = stream
  return () => {
    mine.listeners.delete(listener)
    if (mine.listeners.size) return
    mine.closeTimer = window.setTimeout(() => {
      if (mine.listeners.size) return
      mine.source.close()
      if (streams.get(workspaceId) === mine) streams.delete(workspaceId)
    }, LINGER_MS)
  }
}

const ignore = () => undefined

/**
 * Keeps the workspace's event stream open while mounted, so that the cached reads of the page are
 * kept current by its events (api/liveQueries.ts), for a component that needs no event of its own.
 */
export function useLiveWorkspace(workspaceId: string): void {
  useEffect(() => subscribeWorkspaceEvents(workspaceId, ignore), [workspaceId])
}

/** Calls `onEvent` (always its latest version) for each event of the workspace while mounted. */
export function useWorkspaceEvents(workspaceId: string, onEvent: Listener): void {
  const latest = useRef(onEvent)
  latest.current = onEvent
  useEffect(() => subscribeWorkspaceEvents(workspaceId, (type, data) => latest.current(type, data)), [workspaceId])
}
