import type { WorkspaceEventName } from '@ensemble/shared'
import type { QueryKey } from '@tanstack/react-query'
import { queryClient } from './queryClient.ts'
import { queryKeys } from './queryKeys.ts'

const docNameOf = (data: unknown): string | null => {
  const docName = (data as { docName?: unknown } | null)?.docName
  return typeof docName === 'string' ? docName : null
}

/**
 * The one place where a workspace's live event becomes cache work: which cached reads it makes
 * stale (refetched at once when on screen, on next use otherwise), or what it sets directly.
 * `ready` opens every (re)connection of the stream: events sent while it was down are lost (SPEC
 * LIM9), so everything read inside the alliance is read again. Comments and meetings keep their own
 * state from the events' payloads (useCommentThreads, useMeeting): they are not listed here.
 */
export function invalidationsFor(workspaceId: string, type: WorkspaceEventName | 'ready', data: unknown): QueryKey[] {
  switch (type) {
    case 'ready':
      return [queryKeys.workspace(workspaceId)]
    case 'inbox.changed':
      return [queryKeys.inboxItems(workspaceId)]
    case 'history.changed': {
      const docName = docNameOf(data)
      return docName ? [queryKeys.history(workspaceId, docName)] : []
    }
    case 'signoff.changed': {
      const docName = docNameOf(data)
      return docName ? [queryKeys.signoff(workspaceId, docName)] : []
    }
    case 'meeting.decision':
      return [queryKeys.decisions(workspaceId)]
    default:
      return []
  }
}

/** Applies one event to the cache (workspaceEvents.ts calls it for every event of the stream). */
export function applyWorkspaceEvent(workspaceId: string, type: WorkspaceEventName | 'ready', data: unknown): void {
  // The unread count comes with its event: no need to ask for it again.
  const unread = (data as { unread?: unknown } | null)?.unread
  if (type === 'inbox.changed' && typeof unread === 'number') queryClient.setQueryData(queryKeys.unreadCount(workspaceId), { unread })
  for (const queryKey of invalidationsFor(workspaceId, type, data)) void queryClient.invalidateQueries({ queryKey })
}
