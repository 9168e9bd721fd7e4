import type { MeetingDetail, VoteView } from '@ensemble/shared'
import { useCallback, useEffect, useState } from 'react'
import { meetingsApi } from './meetingsApi.ts'
import { useMeetingEvents } from './useMeetingEvents.ts'

/**
 * One meeting, kept live: attendance, quorum and votes are applied straight from the events; other
 * changes (agenda, RSVP, status, decisions) re-read the meeting.
 */
export function useMeeting(workspaceId: string, meetingId: string): { detail: MeetingDetail | null; error: unknown; reload(): Promise<void> } {
  const [detail, setDetail] = useState<MeetingDetail | null>(null)
  const [error, setError] = useState<unknown>(null)
  const reload = useCallback(async () => {
    try {
      setDetail(await meetingsApi(workspaceId).detail(meetingId))
    } catch (e) {
      setError(e)
    }
  }, [workspaceId, meetingId])
  useEffect(() => {
    void reload()
  }, [reload])
  useMeetingEvents(
    workspaceId,
    (name, data: { meetingId: string; vote?: VoteView; attendance?: MeetingDetail['attendance']; quorum?: MeetingDetail['quorum'] }) => {
      if (data.meetingId !== meetingId) return
      if (name === 'meeting.attendance' && data.attendance && data.quorum) {
        setDetail((d) => (d ? { ...d, attendance: data.attendance!, quorum: data.quorum! } : d))
      } else if (name === 'meeting.vote' && data.vote) {
        const vote = data.vote
        setDetail((d) => (d ? { ...d, votes: d.votes.some((v) => v.id === vote.id) ? d.votes.map((v) => (v.id === vote.id ? vote : v)) : [...d.votes, vote] } : d))
      } else void reload()
    },
    () => void reload(),
  )
  return { detail, error, reload }
}
