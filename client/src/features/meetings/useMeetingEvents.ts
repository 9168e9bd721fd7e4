import { useEffect, useRef } from 'react'
import { workspacePath } from '../../api/workspaces.ts'

export type MeetingEventName = 'meeting.changed' | 'meeting.attendance' | 'meeting.vote' | 'meeting.decision'
const NAMES: readonly MeetingEventName[] = ['meeting.changed', 'meeting.attendance', 'meeting.vote', 'meeting.decision']

/**
 * Listens to the workspace's live events (Server-Sent Events) for meetings while mounted. The
 * browser's EventSource reconnects by itself; `onReconnect` lets the caller re-read what it missed.
 */
export function useMeetingEvents(workspaceId: string, onEvent: (name: MeetingEventName, data: any) => void, onReconnect?: () => void): void {
  const latest = useRef({ onEvent, onReconnect })
  latest.current = { onEvent, onReconnect }
  useEffect(() => {
    const source = new EventSource(`${workspacePath(workspaceId)}/events`, { withCredentials: true })
    let readyOnce = false
    source.addEventListener('ready', () => {
      if (readyOnce) latest.current.onReconnect?.()
      readyOnce = true
    })
    const listeners = NAMES.map((name) => {
      const listener = (event: MessageEvent<string>) => latest.current.onEvent(name, JSON.parse(event.data))
      source.addEventListener(name, listener)
      return listener
    })
    return () => {
      NAMES.forEach((name, i) => source.removeEventListener(name, listeners[i]!))
      source.close()
    }
  }, [workspaceId])
}
