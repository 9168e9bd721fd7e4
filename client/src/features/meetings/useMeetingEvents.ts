import { useEffect, useRef } from 'react'
import { subscribeWorkspaceEvents } from '../comments/workspaceEvents.ts'

export type MeetingEventName = 'meeting.changed' | 'meeting.attendance' | 'meeting.vote' | 'meeting.decision'
const NAMES: ReadonlySet<string> = new Set<MeetingEventName>(['meeting.changed', 'meeting.attendance', 'meeting.vote', 'meeting.decision'])

/**
 * Listens to the workspace's live events for meetings while mounted, on the page's one shared
 * stream (several panels of a meeting each opened a stream of their own, and a member may hold
 * only 8, LIM3). Each `ready` — the stream opened or came back after a cut or a refusal — calls
 * `onReconnect`, so the caller re-reads what it may have missed meanwhile.
 */
export function useMeetingEvents(workspaceId: string, onEvent: (name: MeetingEventName, data: any) => void, onReconnect?: () => void): void {
  const latest = useRef({ onEvent, onReconnect })
  latest.current = { onEvent, onReconnect }
  useEffect(
    () =>
      subscribeWorkspaceEvents(workspaceId, (type, data) => {
        if (type === 'ready') latest.current.onReconnect?.()
        else if (NAMES.has(type)) latest.current.onEvent(type as MeetingEventName, data)
      }),
    [workspaceId],
  )
}
