import type { MeetingDetail } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { queryKeys } from '../../api/queryKeys.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'
import { meetingsApi } from './meetingsApi.ts'

/**
 * One meeting, kept live (api/liveQueries.ts): attendance, quorum and votes are set straight from
 * their events; other changes (agenda, RSVP, status, decisions) read the meeting again.
 */
export function useMeeting(workspaceId: string, meetingId: string): { detail: MeetingDetail | null; error: unknown } {
  useLiveWorkspace(workspaceId)
  const meeting = useQuery({ queryKey: queryKeys.meeting(workspaceId, meetingId), queryFn: () => meetingsApi(workspaceId).detail(meetingId) })
  return { detail: meeting.data ?? null, error: meeting.error }
}
