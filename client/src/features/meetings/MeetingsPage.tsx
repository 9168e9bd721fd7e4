import { can, type CreateMeetingInput, createMeetingSchema, type RsvpAnswer, RSVP_ANSWERS } from '@ensemble/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../comments/formatDateTime.ts'
import * as Y from 'yjs'
import { queryKeys } from '../../api/queryKeys.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useCollabDoc } from '../collab/useCollabDoc.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'
import { useBodies } from '../governance/useBodies.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { DecisionRegister } from './DecisionRegister.tsx'
import { LabelledSelect } from './LabelledSelect.tsx'
import { MeetingRoom } from './MeetingRoom.tsx'
import { meetingsApi } from './meetingsApi.ts'
import { useErrorToast } from './useErrorToast.ts'
import { MEETING_PARAM } from './meetingParam.ts'
import '../../styles/meetings.css'

const PARAM = MEETING_PARAM

/** The meeting open in meeting mode, kept in the address (`?reunion=<id>`) so a reload stays in it. */
function useOpenMeeting(): [string | null, (id: string | null) => void] {
  const [id, setId] = useState(() => new URLSearchParams(window.location.search).get(PARAM))
  const open = useCallback((next: string | null) => {
    const url = new URL(window.location.href)
    if (next) url.searchParams.set(PARAM, next)
    else url.searchParams.delete(PARAM)
    window.history.pushState(null, '', url)
    setId(next)
  }, [])
  useEffect(() => {
    const onPop = () => setId(new URLSearchParams(window.location.search).get(PARAM))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  return [id, open]
}

/** Réunions des instances: pick a body, see and schedule its meetings, open one in meeting mode. */
export function MeetingsPage() {
  const [openId, open] = useOpenMeeting()
  return (
    <div className="page page--wide page--meetings">
      {openId ? <MeetingRoom meetingId={openId} onBack={() => open(null)} /> : <MeetingList onOpen={open} />}
    </div>
  )
}

function MeetingList({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const handleError = useApiErrorHandler()
  const { notify } = useToasts()
  const governance = useCollabDoc('governance')
  const bodies = useBodies(governance?.doc ?? EMPTY_DOC)
  const [bodyId, setBodyId] = useState<string | null>(null)
  const current = bodyId ?? bodies[0]?.id ?? null
  const api = meetingsApi(workspace.id)
  const queryClient = useQueryClient()
  // Read again on `meeting.changed` and after a reconnection (api/liveQueries.ts).
  useLiveWorkspace(workspace.id)
  const list = useQuery({ queryKey: queryKeys.meetingList(workspace.id, current ?? ''), queryFn: () => api.list(current!), enabled: current !== null })
  useErrorToast(list.error)
  const meetings = list.data ?? []
  const load = () => void queryClient.invalidateQueries({ queryKey: queryKeys.meetings(workspace.id) })
  const canChair = can({ role: abilities.role }, 'governance.meetings')

  return (
    <>
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{t('meetings.title')}</h1>
          <p className="muted">{t('meetings.intro')}</p>
        </div>
      </header>
      {governance?.synced && bodies.length === 0 && <p className="empty">{t('meetings.noBody')}</p>}
      {bodies.length > 0 && (
        <div className="body-picker">
          <LabelledSelect
            label={t('meetings.body')}
            value={current ?? ''}
            onChange={setBodyId}
            options={bodies.map(({ id, body }) => ({ value: id, label: body.name }))}
            testId="body-picker"
          />
        </div>
      )}
      {current && (
        <div className="meetings-layout">
          <section aria-labelledby="meetings-list-title" className="meeting-panel">
            <h2 id="meetings-list-title">{t('meetings.list')}</h2>
            {meetings.length === 0 && <p className="empty">{t('meetings.empty')}</p>}
            <ul className="meeting-list">
              {meetings.map((m) => (
                <li key={m.id} className="meeting-list__item" data-testid="meeting-item">
                  <strong>{m.title}</strong> — {formatDateTime(m.startsAt)} · {t(`meetings.statuses.${m.status}`)}{' '}
                  <button type="button" className="button button--small button--primary" onClick={() => onOpen(m.id)} data-testid="open-meeting">
                    {t('meetings.open')}
                  </button>{' '}
                  <a href={api.icsUrl(m.id)} download>
                    {t('meetings.invitation')}
                  </a>{' '}
                  <label>
                    {t('meetings.rsvp')}{' '}
                    <select
                      defaultValue=""
                      onChange={(e) =>
                        e.target.value && api.rsvp(m.id, e.target.value as RsvpAnswer).catch((err: unknown) => notify(handleError(err), 'error'))
                      }
                    >
                      <option value="">—</option>
                      {RSVP_ANSWERS.map((a) => (
                        <option key={a} value={a}>
                          {t(`meetings.rsvpAnswers.${a}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              ))}
            </ul>
            {canChair && <ScheduleForm bodyId={current} bodyName={bodies.find((b) => b.id === current)?.body.name ?? ''} onScheduled={load} />}
          </section>
          <DecisionRegister bodyId={current} />
        </div>
      )}
    </>
  )
}

/** A `datetime-local` value as an instant; what is not a date is left for the schema to refuse beside its field. */
const instantOf = (value: string) => {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}

interface ScheduleValues {
  title: string
  startsAt: string
  endsAt: string
  place: string
  videoUrl: string
}

/** Convening a meeting: the shared schema checks it before sending, its refusals beside their fields (UI2, EDGE7). */
function ScheduleForm({ bodyId, bodyName, onScheduled }: { bodyId: string; bodyName: string; onScheduled(): void }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const { bind, errorOf, formError, busy, onSubmit, form } = useSchemaForm<ScheduleValues, CreateMeetingInput>(createMeetingSchema, {
    defaultValues: { title: '', startsAt: '', endsAt: '', place: '', videoUrl: '' },
    prepare: (v) => ({
      bodyId,
      title: v.title.trim() || t('meetings.defaultTitle', { body: bodyName }),
      startsAt: instantOf(v.startsAt),
      endsAt: instantOf(v.endsAt),
      place: v.place.trim() || null,
      videoUrl: v.videoUrl.trim() || null,
    }),
    describe: useApiErrorHandler(),
  })
  const submit = onSubmit(async (data) => {
    await meetingsApi(workspace.id).create(data)
    form.reset()
    onScheduled()
  })
  const input = (name: keyof ScheduleValues, type: string, extra: { maxLength?: number; required?: boolean } = {}) => {
    const field = bind(name)
    return (
      <Field label={t(`meetings.fields.${name}`)} error={errorOf(name)}>
        {(control) => <input {...control} {...extra} name={name} type={type} value={field.value} onChange={field.onChange} />}
      </Field>
    )
  }
  return (
    <form onSubmit={submit} className="form schedule-form" aria-labelledby="schedule-title" noValidate data-testid="schedule-form">
      <h3 id="schedule-title">{t('meetings.schedule')}</h3>
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      {input('title', 'text', { maxLength: 200 })}
      {input('startsAt', 'datetime-local', { required: true })}
      {input('endsAt', 'datetime-local', { required: true })}
      {input('place', 'text', { maxLength: 300 })}
      {input('videoUrl', 'url')}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('meetings.schedule')}
      </button>
    </form>
  )
}

/** Read before the governance document is connected: no bodies yet. */
const EMPTY_DOC = new Y.Doc()
