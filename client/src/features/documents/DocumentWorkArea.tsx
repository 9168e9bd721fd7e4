import { ADOPTION_RULES_DOC, type DocumentStatus, type RichTextDocName } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import { useDocumentComments } from '../comments/useDocumentComments.tsx'
import { HistoryPanel } from '../history/HistoryPanel.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { RefusedTextDialog } from '../roles/RefusedTextDialog.tsx'
import { useRefusedText } from '../roles/useRefusedText.ts'
import { AdoptionRuleField } from '../signoff/AdoptionRuleField.tsx'
import { SignoffPanel } from '../signoff/SignoffPanel.tsx'
import { DocumentEditor } from './DocumentEditor.tsx'

export interface DocumentWorkAreaProps {
  collab: CollabDoc
  docName: RichTextDocName
  title: string
  status: DocumentStatus
  canEdit: boolean
}

/**
 * Everything on a document's page that needs the editor's code (its own chunk, loaded once the
 * document is on screen, see DocumentPage.tsx): the editor, comments, presence, sign-off, history.
 */
export function DocumentWorkArea({ collab, docName, title, status, canEdit }: DocumentWorkAreaProps) {
  const { t } = useTranslation()
  const comments = useDocumentComments(collab, docName, title)
  const { refused, dismiss } = useRefusedText(collab)
  return (
    <div className="with-aside with-comments">
      <div>
        {refused && (
          <RefusedTextDialog
            refused={refused}
            onClose={dismiss}
            onComment={
              comments.canWrite
                ? (text) => {
                    dismiss()
                    comments.draftAbout(t('liveRoles.commentLabel'), text)
                  }
                : undefined
            }
          />
        )}
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
  )
}
