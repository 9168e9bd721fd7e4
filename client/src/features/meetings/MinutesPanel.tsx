import type { Meeting } from '@ensemble/shared'
import { can } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { useDocumentComments } from '../comments/useDocumentComments.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { DocumentEditor } from '../documents/DocumentEditor.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** The live minutes of a meeting (`minutes:<id>`), in the documents' editor; read-only once approved. */
export function MinutesPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation()
  const collab = useCollabDoc(meeting.minutesDoc)
  const locked = meeting.minutesStatus === 'approved' || meeting.minutesStatus === 'locked'
  return (
    <section aria-labelledby="minutes-title" className="meeting-panel meeting-panel--minutes">
      <h2 id="minutes-title">
        {t('meetings.minutes')} <span className="badge">{t(`meetings.minutesStatuses.${meeting.minutesStatus}`)}</span>
      </h2>
      {locked && <p className="notice">{t('meetings.minutesLocked')}</p>}
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
