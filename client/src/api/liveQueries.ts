import type { MeetingDetail, VoteView, WorkspaceEventName } from '@ensemble/shared'
import type { QueryKey } from '@tanstack/react-query'
import { queryClient } from './queryClient.ts'
import { queryKeys } from './queryKeys.ts'

const stringOf = (data: unknown, name: 'docName' | 'meetingId'): string | null => {
  const value = (data as Record<string, unknown> | null)?.[name]
  return typeof value === 'string' ? value : null
}
const docNameOf = (data: unknown) => stringOf(data, 'docName')

/**
 * The one place where a workspace's live event becomes cache work: which cached reads it makes
 * stale (refetched at once when on screen, on next use otherwise), or what it sets directly.
 * `ready` opens every (re)connection of the stream: events sent while it was down are lost (SPEC
 * LIM9), so everything read inside the alliance is read again. A meeting's attendance and votes
 * come with their events and are set, not read again. The comment threads keep their own state from
 * the events' payloads (useCommentThreads): they are not listed here.
 */
export function invalidationsFor(workspaceId: string, type: WorkspaceEventName | 'ready', data: unknown): QueryKey[] {
  switch (type) {
    case 'ready':
      return [queryKeys.workspace(workspaceId)]
    case 'inbox.changed':
      return [queryKeys.inboxItems(workspaceId), queryKeys.dashboard(workspaceId)]
    // The plan changed (throttled on the server, DASH8): what the dashboard adds up from it.
    case 'plan.changed':
      return [queryKeys.dashboard(workspaceId)]
    case 'history.changed': {
      const docName = docNameOf(data)
      return docName ? [queryKeys.history(workspaceId, docName)] : []
    }
    case 'signoff.changed': {
      const docName = docNameOf(data)
      return docName ? [queryKeys.signoff(workspaceId, docName), queryKeys.dashboard(workspaceId)] : []
    }
    case 'meeting.changed':
      return [queryKeys.meetings(workspaceId), queryKeys.dashboard(workspaceId)]
    case 'meeting.decision': {
      const meetingId = stringOf(data, 'meetingId')
      return meetingId
        ? [queryKeys.decisions(workspaceId), queryKeys.meeting(workspaceId, meetingId), queryKeys.dashboard(workspaceId)]
        : [queryKeys.decisions(workspaceId), queryKeys.dashboard(workspaceId)]
    }
    case 'meeting.attendance':
    case 'meeting.vote': {
      // Set from the event when it carries the new state (applyWorkspaceEvent), read again otherwise.
      const meetingId = stringOf(data, 'meetingId')
      // Participation beside the balance counts attendance and ballots (BAL10): read again either way.
      const participation = queryKeys.participation(workspaceId)
      return meetingId && !carriesMeetingState(type, data) ? [queryKeys.meeting(workspaceId, meetingId), participation] : [participation]
    }
    default:
      return []
  }
}

interface MeetingEventData {
  meetingId: string
  vote?: VoteView
  attendance?: MeetingDetail['attendance']
  quorum?: MeetingDetail['quorum']
}

function carriesMeetingState(type: WorkspaceEventName | 'ready', data: unknown): boolean {
  const event = data as MeetingEventData | null
  return (type === 'meeting.attendance' && !!event?.attendance && !!event.quorum) || (type === 'meeting.vote' && !!event?.vote)
}

/** A meeting's attendance and quorum, or one of its votes, as its event tells them. */
function applyMeetingState(detail: MeetingDetail, { vote, attendance, quorum }: MeetingEventData): MeetingDetail {
  if (attendance && quorum) return { ...detail, attendance, quorum }
  if (!vote) return detail
  return { ...detail, votes: detail.votes.some((v) => v.id === vote.id) ? detail.votes.map((v) => (v.id === vote.id ? vote : v)) : [...detail.votes, vote] }
}

/** Applies one event to the cache (workspaceEvents.ts calls it for every event of the stream). */
export function applyWorkspaceEvent(workspaceId: string, type: WorkspaceEventName | 'ready', data: unknown): void {
  // The unread count comes with its event: no need to ask for it again.
  const unread = (data as { unread?: unknown } | null)?.unread
  if (type === 'inbox.changed' && typeof unread === 'number') queryClient.setQueryData(queryKeys.unreadCount(workspaceId), { unread })
  if (carriesMeetingState(type, data)) {
    const event = data as MeetingEventData
    queryClient.setQueryData<MeetingDetail>(queryKeys.meeting(workspaceId, event.meetingId), (detail) => detail && applyMeetingState(detail, event))
  }
  for (const queryKey of invalidationsFor(workspaceId, type, data)) void queryClient.invalidateQueries({ queryKey })
}
