import { can, type Meeting, type MeetingDetail, minutesLocked } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { useDocumentComments } from '../comments/useDocumentComments.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { DocumentEditor } from '../documents/DocumentEditor.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { AmendmentsPanel } from './AmendmentsPanel.tsx'
import type { MeetingsApi } from './meetingsApi.ts'
import { MinutesSteps } from './MinutesSteps.tsx'

/**
 * The live minutes of a meeting (`minutes:<id>`), in the documents' editor, with their amendments
 * and the chair's steps (GOV16, GOV21); read-only once approved, which locks them.
 */
export function MinutesPanel({
  detail,
  api,
  me,
  canChair,
  onError,
}: {
  detail: MeetingDetail
  api: MeetingsApi
  me: string
  canChair: boolean
  onError(error: unknown): void
}) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const { meeting } = detail
  const collab = useCollabDoc(meeting.minutesDoc)
  const locked = minutesLocked(meeting.minutesStatus)
  return (
    <section aria-labelledby="minutes-title" className="meeting-panel meeting-panel--minutes">
      <h2 id="minutes-title">
        {t('meetings.minutes')} <span className="badge">{t(`meetings.minutesStatuses.${meeting.minutesStatus}`)}</span>
      </h2>
      {locked && <p className="notice">{t('meetings.minutesLocked')}</p>}
      {canChair && <MinutesSteps meeting={meeting} api={api} workspaceId={workspace.id} onError={onError} />}
      <AmendmentsPanel detail={detail} api={api} me={me} onError={onError} />
      {collab ? <MinutesBody collab={collab} meeting={meeting} locked={locked} /> : <p aria-busy="true">{t('app.loading')}</p>}
    </section>
  )
}

/** The editor with its text comments, as on the other documents (threads stay open after approval). */
function MinutesBody({ collab, meeting, locked }: { collab: CollabDoc; meeting: Meeting; locked: boolean }) {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  const title = `${t('meetings.minutes')} — ${meeting.title}`
  const canEdit = !locked && can({ role: abilities.role }, 'documents.write')
  const comments = useDocumentComments(collab, meeting.minutesDoc, title)
  return (
    <CollabContext.Provider value={collab}>
      {comments.button}
      <DocumentEditor collab={collab} title={title} canEdit={canEdit} comments={comments.controller} />
      {comments.panel}
    </CollabContext.Provider>
  )
}
