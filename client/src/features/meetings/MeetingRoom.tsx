import { can, type Meeting } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../comments/formatDateTime.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useMe } from '../auth/SessionContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { AgendaPanel } from './AgendaPanel.tsx'
import { AttendancePanel } from './AttendancePanel.tsx'
import { meetingsApi } from './meetingsApi.ts'
import { useCollabDoc } from '../collab/useCollabDoc.ts'
import { MeetingDecisions } from './MeetingDecisions.tsx'
import { MinutesPanel } from './MinutesPanel.tsx'
import { RecordDecisionForm } from './RecordDecisionForm.tsx'
import { PlanPanel } from './PlanPanel.tsx'
import { useMeeting } from './useMeeting.ts'
import { VotePanel } from './VotePanel.tsx'

/**
 * Meeting mode: one screen that works on a projector. Agenda, attendance with the quorum and the
 * votes on one side; the live minutes and the action plan on the other.
 */
export function MeetingRoom({ meetingId, onBack }: { meetingId: string; onBack(): void }) {
  const { t } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const me = useMe()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const onError = (error: unknown) => notify(handleError(error), 'error')
  const { detail } = useMeeting(workspace.id, meetingId)
  const plan = useCollabDoc('plan')
  if (!detail) return <p aria-busy="true">{t('app.loading')}</p>
  const api = meetingsApi(workspace.id)
  const canChair = can({ role: abilities.role }, 'governance.meetings')
  const { meeting } = detail
  const setStatus = (status: Meeting['status']) => api.update(meeting.id, { status }).catch(onError)
  return (
    <div className="meeting-room" data-testid="meeting-room">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{meeting.title}</h1>
          <p className="muted">
            {formatDateTime(meeting.startsAt)} · {meeting.place ?? meeting.videoUrl ?? ''} · {t(`meetings.statuses.${meeting.status}`)}
          </p>
        </div>
        <div className="meeting-room__tools">
          <button type="button" className="button" onClick={onBack}>
            ← {t('meetings.back')}
          </button>{' '}
          <a className="button" href={api.icsUrl(meeting.id)} download>
            {t('meetings.invitation')}
          </a>{' '}
          {canChair && meeting.status === 'scheduled' && (
            <button type="button" className="button button--primary" onClick={() => setStatus('in_progress')}>
              {t('meetings.start')}
            </button>
          )}
          {canChair && meeting.status === 'in_progress' && (
            <button type="button" className="button" onClick={() => setStatus('closed')}>
              {t('meetings.close')}
            </button>
          )}
        </div>
      </header>
      <div className="meeting-room__columns">
        <div className="meeting-room__side">
          <AgendaPanel detail={detail} api={api} canChair={canChair} onError={onError} />
          <AttendancePanel detail={detail} api={api} canTake={canChair} me={me.id} onError={onError} />
          <VotePanel detail={detail} api={api} canChair={canChair} me={me.id} onError={onError} />
          <MeetingDecisions meetingId={meeting.id} planDoc={plan?.doc ?? null}>
            {canChair && meeting.status !== 'closed' && meeting.status !== 'cancelled' && <RecordDecisionForm detail={detail} api={api} />}
          </MeetingDecisions>
        </div>
        <div className="meeting-room__main">
          <MinutesPanel detail={detail} api={api} me={me.id} canChair={canChair} onError={onError} />
          <PlanPanel collab={plan} />
        </div>
      </div>
    </div>
  )
}
