import { WORKSPACE_EVENTS, type WorkspaceEventName } from '@ensemble/shared'
import { useEffect, useRef } from 'react'
import { workspaceEventsUrl } from '../../api/comments.ts'

/** `ready` is sent when the subscription is live, also after each automatic reconnection. */
export type WorkspaceEventType = WorkspaceEventName | 'ready'
type Listener = (type: WorkspaceEventType, data: unknown) => void

interface Stream {
  source: EventSource
  listeners: Set<Listener>
  closeTimer: number | undefined
}

const streams = new Map<string, Stream>()

/** Pages come and go on navigation; keep the stream a moment so the next page reuses it. */
const LINGER_MS = 2000

function open(workspaceId: string): Stream {
  const source = new EventSource(workspaceEventsUrl(workspaceId), { withCredentials: true })
  const stream: Stream = { source, listeners: new Set(), closeTimer: undefined }
  for (const type of ['ready', ...WORKSPACE_EVENTS] as const) {
    source.addEventListener(type, (event) => {
      let data: unknown = null
      try {
        data = JSON.parse((event as MessageEvent<string>).data)
      } catch {
        return
      }
      for (const listener of [...stream.listeners]) listener(type, data)
    })
  }
  return stream
}

/**
 * Subscribes to the workspace's live events. One EventSource per workspace is shared by every
 * subscriber on the page (panels, badge, inbox) and closed shortly after the last one leaves.
 */
export function subscribeWorkspaceEvents(workspaceId: string, listener: Listener): () => void {
  let stream = streams.get(workspaceId)
  if (!stream || stream.source.readyState === EventSource.CLOSED) {
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

/** Calls `onEvent` (always its latest version) for each event of the workspace while mounted. */
export function useWorkspaceEvents(workspaceId: string, onEvent: Listener): void {
  const latest = useRef(onEvent)
  latest.current = onEvent
  useEffect(() => subscribeWorkspaceEvents(workspaceId, (type, data) => latest.current(type, data)), [workspaceId])
}
