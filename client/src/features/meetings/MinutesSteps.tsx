import { type Meeting, todayIso } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../../api/queryKeys.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'
import { LabelledSelect } from './LabelledSelect.tsx'
import { meetingsApi, type MeetingsApi } from './meetingsApi.ts'

const inTwoWeeks = () => todayIso(new Date(Date.now() + 14 * 86_400_000))

/**
 * The chair's steps on the minutes (GOV16, GOV21): open the amendments period until a date, then
 * approve them with an adopted "minutes" decision of a later meeting of the same body, which locks them.
 */
export function MinutesSteps({
  meeting,
  api,
  workspaceId,
  onError,
}: {
  meeting: Meeting
  api: MeetingsApi
  workspaceId: string
  onError(error: unknown): void
}) {
  const { t } = useTranslation()
  const [until, setUntil] = useState(inTwoWeeks)
  const [decisionId, setDecisionId] = useState('')
  const waiting = meeting.minutesStatus === 'amendments'
  // A new decision may be the approval: `meeting.decision` makes the candidates stale (api/liveQueries.ts).
  useLiveWorkspace(workspaceId)
  const filters = { bodyId: meeting.bodyId, outcome: 'adopted', decisionType: 'minutes' } as const
  const candidates = useQuery({
    queryKey: queryKeys.decisionRegister(workspaceId, filters),
    queryFn: () => meetingsApi(workspaceId).register(filters),
    enabled: waiting,
  })
  // Not this meeting's own; the server checks that the meeting is a later one.
  const approvals = (candidates.data ?? []).filter((d) => d.meetingId !== meeting.id)
  const latestOnError = useRef(onError)
  latestOnError.current = onError
  useEffect(() => {
    if (candidates.error) latestOnError.current(candidates.error)
  }, [candidates.error])
  const openAmendments = (e: FormEvent) => {
    e.preventDefault()
    api.minutes(meeting.id, { status: 'amendments', amendmentsUntil: until }).catch(onError)
  }
  const approve = (e: FormEvent) => {
    e.preventDefault()
    if (decisionId) api.minutes(meeting.id, { status: 'approved', decisionId }).catch(onError)
  }
  if (meeting.minutesStatus === 'draft') {
    return (
      <form onSubmit={openAmendments} className="inline-form" data-testid="open-amendments">
        <label>
          {t('meetings.startAmendments')} <input type="date" value={until} min={todayIso(new Date())} onChange={(e) => setUntil(e.target.value)} required />
        </label>{' '}
        <button type="submit" className="button">
          {t('meetings.amendments.open')}
        </button>
      </form>
    )
  }
  if (!waiting) return null
  return approvals.length === 0 ? (
    <p className="muted">{t('meetings.amendments.howToApprove')}</p>
  ) : (
    <form onSubmit={approve} className="inline-form" data-testid="approve-minutes">
      <LabelledSelect
        label={t('meetings.approveWith')}
        value={decisionId}
        onChange={setDecisionId}
        empty="—"
        required
        options={approvals.map((d) => ({ value: d.id, label: `${d.title} (${d.decidedAt.slice(0, 10)})` }))}
      />{' '}
      <button type="submit" className="button button--primary">
        {t('meetings.amendments.approveAndLock')}
      </button>
    </form>
  )
}
