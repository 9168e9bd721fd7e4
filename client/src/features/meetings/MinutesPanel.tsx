import type { Meeting } from '@ensemble/shared'
import { can } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { CollabContext } from '../collab/CollabContext.tsx'
import { useCollabDoc } from '../collab/useCollabDoc.ts'
import { DocumentEditor } from '../documents/DocumentEditor.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** The live minutes of a meeting (`minutes:<id>`), in the documents' editor; read-only once approved. */
export function MinutesPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  const collab = useCollabDoc(meeting.minutesDoc)
  const locked = meeting.minutesStatus === 'approved' || meeting.minutesStatus === 'locked'
  const canEdit = !locked && can({ role: abilities.role }, 'documents.write')
  return (
    <section aria-labelledby="minutes-title" className="meeting-panel meeting-panel--minutes">
      <h2 id="minutes-title">
        {t('meetings.minutes')} <span className="badge">{t(`meetings.minutesStatuses.${meeting.minutesStatus}`)}</span>
      </h2>
      {locked && <p className="notice">{t('meetings.minutesLocked')}</p>}
      {collab ? (
        <CollabContext.Provider value={collab}>
          <DocumentEditor collab={collab} title={`${t('meetings.minutes')} — ${meeting.title}`} canEdit={canEdit} />
        </CollabContext.Provider>
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </section>
  )
}
