import { can, contentOf, type DocumentMeta, documentMetaOf, type DocumentStatus, type RichTextDocName } from '@ensemble/shared'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { documentWorkArea } from '../../pages.ts'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { useYMapJson } from '../collab/useYMapJson.ts'
import type { SectionKey } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { DocumentStatusBadge } from './DocumentStatusBadge.tsx'
import { RichTextPreview } from './RichTextPreview.tsx'
import { ToolbarPlaceholder } from './toolbarLayout.tsx'

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
  const meta = useYMapJson<DocumentMeta>(documentMetaOf(collab.doc))
  const title = meta.title?.trim() || fallbackTitle
  const status: DocumentStatus = meta.status ?? 'draft'
  const canEdit = can({ role: abilities.role }, 'documents.write', { docStatus: status })
  const { WorkArea, failed, retry } = useWorkAreaOnceShown(collab)
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
      {WorkArea ? (
        <WorkArea collab={collab} docName={docName} title={title} status={status} canEdit={canEdit} />
      ) : (
        <FirstScreen collab={collab} title={title} canEdit={canEdit} failed={failed} retry={retry} />
      )}
    </>
  )
}

interface FirstScreenProps {
  collab: CollabDoc
  title: string
  canEdit: boolean
  failed: boolean
  retry(): void
}

/**
 * The document's text, read-only, in the work area's layout: the comment button's row and the
 * toolbar's strip hold their place (empty), so the text stays where it is when the editor replaces it.
 */
function FirstScreen({ collab, title, canEdit, failed, retry }: FirstScreenProps) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  return (
    <div className="with-aside with-comments">
      <div>
        {failed && (
          <p className="notice notice--error" role="alert">
            {t('documents.editorLoadFailed')}{' '}
            <button type="button" className="button button--small" onClick={retry}>
              {t('app.retry')}
            </button>
          </p>
        )}
        {can({ role: workspace.role }, 'comments.write') && (
          <p className="comment-button-row placeholder" aria-hidden="true">
            <button type="button" className="button button--small" disabled tabIndex={-1}>
              {t('comments.comment')}
            </button>{' '}
            <span className="muted">{t('comments.commentHint')}</span>
          </p>
        )}
        <div className="document-editor document-editor--readonly">
          {canEdit && <ToolbarPlaceholder />}
          {collab.synced ? (
            <div className="document-editor__surface">
              <RichTextPreview fragment={contentOf(collab.doc)} label={t('documents.editorLabel', { title })} />
            </div>
          ) : (
            <p className="muted document-editor__loading" aria-busy="true">
              {t('documents.syncing')}
            </p>
          )}
        </div>
      </div>
      <div className="document-side" />
    </div>
  )
}

/**
 * The work area's component once its code has run, else null. On a first visit its code (half a
 * megabyte of editor) is fetched and run only after the document is on screen: run while the
 * document arrives, it held the page's one thread, and the first paint of a 200 KB agreement with it
 * (docs/BENCHMARKS.md). Without a document to show (offline), it loads at once.
 */
function useWorkAreaOnceShown(collab: CollabDoc) {
  const [WorkArea, setWorkArea] = useState(documentWorkArea.loaded)
  const [failed, setFailed] = useState(false)
  const shownOrNothingToShow = collab.synced || collab.status === 'offline'
  useEffect(() => {
    // A failure waits for `retry`, whose reset of `failed` runs this again.
    if (WorkArea || failed || !shownOrNothingToShow) return
    let cancelled = false
    // After the next frame: the text rendered with `synced` is painted first.
    const frame = requestAnimationFrame(() => {
      setTimeout(() => {
        documentWorkArea.preload().then(
          () => !cancelled && setWorkArea(() => documentWorkArea.loaded()),
          () => !cancelled && setFailed(true),
        )
      })
    })
    return () => {
      cancelled = true
      cancelAnimationFrame(frame)
    }
  }, [WorkArea, failed, shownOrNothingToShow])
  const retry = () => setFailed(false)
  return { WorkArea, failed, retry }
}
