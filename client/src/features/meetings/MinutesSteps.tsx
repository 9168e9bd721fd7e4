import { type Decision, type Meeting, todayIso } from '@ensemble/shared'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LabelledSelect } from './LabelledSelect.tsx'
import { meetingsApi, type MeetingsApi } from './meetingsApi.ts'
import { useMeetingEvents } from './useMeetingEvents.ts'

const inTwoWeeks = () => todayIso(new Date(Date.now() + 14 * 86_400_000))

/**
 * The chair's steps on the minutes (GOV16, GOV21): open the amendments period until a date, then
 * approve them with an adopted "minutes" decision of a later meeting of the same body, which locks them.
 */
export function MinutesSteps({ meeting, api, workspaceId, onError }: { meeting: Meeting; api: MeetingsApi; workspaceId: string; onError(error: unknown): void }) {
  const { t } = useTranslation()
  const [until, setUntil] = useState(inTwoWeeks)
  const [decisionId, setDecisionId] = useState('')
  const [approvals, setApprovals] = useState<Decision[]>([])
  const waiting = meeting.minutesStatus === 'amendments'
  // A new decision may be the approval: re-read the candidates on `meeting.decision`.
  const [version, setVersion] = useState(0)
  useMeetingEvents(workspaceId, (name) => name === 'meeting.decision' && setVersion((v) => v + 1))
  const latestOnError = useRef(onError)
  latestOnError.current = onError
  useEffect(() => {
    if (!waiting) return
    let live = true
    meetingsApi(workspaceId)
      .register({ bodyId: meeting.bodyId, outcome: 'adopted', decisionType: 'minutes' })
      .then((list) => {
        // Not this meeting's own; the server checks that the meeting is a later one.
        if (live) setApprovals(list.filter((d) => d.meetingId !== meeting.id))
      }, (e: unknown) => latestOnError.current(e))
    return () => {
      live = false
    }
  }, [waiting, workspaceId, meeting.bodyId, meeting.id, version])
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
      <LabelledSelect label={t('meetings.approveWith')} value={decisionId} onChange={setDecisionId} empty="—" required options={approvals.map((d) => ({ value: d.id, label: `${d.title} (${d.decidedAt.slice(0, 10)})` }))} />{' '}
      <button type="submit" className="button button--primary">
        {t('meetings.amendments.approveAndLock')}
      </button>
    </form>
  )
}
