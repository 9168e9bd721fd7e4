import { ADOPTION_RULES_DOC, can, type DocumentMeta, documentMetaOf, type DocumentStatus, type RichTextDocName } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { useYMapJson } from '../collab/useYMapJson.ts'
import { useDocumentComments } from '../comments/useDocumentComments.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import type { SectionKey } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { DocumentEditor } from './DocumentEditor.tsx'
import { DocumentStatusBadge } from './DocumentStatusBadge.tsx'
import { HistoryPanel } from '../history/HistoryPanel.tsx'
import { SignoffPanel } from '../signoff/SignoffPanel.tsx'
import { AdoptionRuleField } from '../signoff/AdoptionRuleField.tsx'

/** Vision, charte, accord de consortium, convention: one live rich-text document each. */
export function DocumentPage({ docName, sectionKey }: { docName: RichTextDocName; sectionKey: SectionKey }) {
  const { t } = useTranslation()
  const collab = useCollabDoc(docName)
  return (
    <div className="page page--document" data-doc={docName}>
      {collab ? (
        <CollabContext.Provider value={collab}>
          <DocumentBody collab={collab} docName={docName} fallbackTitle={t(`nav.${sectionKey}`)} />
        </CollabContext.Provider>
      ) : (
        // No heading until the document exists: the real one must be the one that gets focus.
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

function DocumentBody({ collab, docName, fallbackTitle }: { collab: CollabDoc; docName: RichTextDocName; fallbackTitle: string }) {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  const metaMap = documentMetaOf(collab.doc)
  const meta = useYMapJson<DocumentMeta>(metaMap)
  const title = meta.title?.trim() || fallbackTitle
  const status: DocumentStatus = meta.status ?? 'draft'
  const canEdit = can({ role: abilities.role }, 'documents.write', { docStatus: status })
  const comments = useDocumentComments(collab, docName, title)
  return (
    <>
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{title}</h1>
          {/* Read-only: the status moves only with sign-off (SIGN10), from the sign-off panel. */}
          <DocumentStatusBadge status={meta.status} />
        </div>
        <ConnectionStatus snapshot={collab} />
      </header>
      {status === 'adopted' && <p className="notice">{t('documents.adoptedLocked')}</p>}
      {status === 'proposed' && !canEdit && abilities.writeDocuments && <p className="notice">{t('documents.proposedLocked')}</p>}
      {!abilities.writeDocuments && <p className="notice">{t('documents.readOnly')}</p>}
      <div className="with-aside with-comments">
        <div>
          {comments.button}
          <DocumentEditor collab={collab} title={title} canEdit={canEdit} comments={comments.controller} />
        </div>
        <div className="document-side">
          <aside aria-label={t('presence.title')}>
            <PresenceList collab={collab} />
          </aside>
          <SignoffPanel docName={docName} status={status} />
          {docName === ADOPTION_RULES_DOC && <AdoptionRuleField collab={collab} status={status} />}
          <HistoryPanel docName={docName} status={status} />
          {comments.panel}
        </div>
      </div>
    </>
  )
}
