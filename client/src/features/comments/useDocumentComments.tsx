import { can, contentOf } from '@ensemble/shared'
import { type ReactNode, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CommentAnchorController } from './CommentAnchorController.ts'
import { CommentPanel, type ThreadDraft } from './CommentPanel.tsx'
import { threadFromUrl } from './threadParam.ts'
import { useCommentThreads } from './useCommentThreads.ts'
import { useRemoteAnnouncement } from './useRemoteAnnouncement.ts'
import './comments.css'

const isCommentShortcut = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.altKey && (e.key.toLowerCase() === 'm' || e.code === 'KeyM')

/**
 * Comments on a rich-text document: the anchor controller for its editor (highlights, orphans), the
 * "Commenter" button and the thread panel, all live.
 */
export function useDocumentComments(
  collab: CollabDoc,
  docName: string,
  title: string,
): { controller: CommentAnchorController; button: ReactNode; panel: ReactNode; canWrite: boolean; draftAbout(label: string, body: string): void } {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const hintId = useId()
  const canWrite = can({ role: workspace.role }, 'comments.write')
  const { announcement, say, onRemote } = useRemoteAnnouncement()
  const [focusedId, setFocusedId] = useState<string | null>(threadFromUrl)
  const [draft, setDraft] = useState<ThreadDraft | null>(null)
  const api = useCommentThreads(workspace.id, { docName }, onRemote)

  const startComment = () => {
    const anchor = controller.captureSelection()
    if (!anchor) {
      say(t('comments.commentHint'))
      return
    }
    setDraft({ target: { targetKind: 'document', docName }, anchor, label: anchor.quote ?? '' })
  }

  const callbacks = {
    onSelectThread: setFocusedId,
    onCommentShortcut: () => canWrite && startComment(),
    onAnchorGone: (threadId: string, quote: string | undefined) => {
      // Observers cannot write; someone else with the document open will report it.
      if (!canWrite) return
      call(
        rest.workspaces[':workspaceId'].comments.threads[':threadId'].orphan.$post({
          param: params({ workspaceId: workspace.id, threadId }),
          json: quote === undefined ? {} : { quote },
        }),
      )
        .then(api.applyThread)
        .catch(() => undefined)
    },
  }
  // One controller per document; it calls this render's callbacks (they read the latest role and threads).
  const latestCallbacks = useRef(callbacks)
  latestCallbacks.current = callbacks
  const controller = useMemo(
    () =>
      new CommentAnchorController(contentOf(collab.doc), {
        onSelectThread: (threadId) => latestCallbacks.current.onSelectThread(threadId),
        onCommentShortcut: () => latestCallbacks.current.onCommentShortcut(),
        onAnchorGone: (threadId, quote) => latestCallbacks.current.onAnchorGone(threadId, quote),
      }),
    [collab.doc],
  )

  useEffect(() => {
    controller.setThreads(
      (api.threads ?? []).map((th) => ({ id: th.id, anchor: th.anchor, orphaned: th.orphaned, quote: th.quote, status: th.status })),
      focusedId,
    )
  }, [controller, api.threads, focusedId])

  useEffect(() => controller.setSynced(collab.synced), [controller, collab.synced])

  // A read-only editor cannot hold the focus: the shortcut also works from the page.
  useEffect(() => {
    if (!canWrite) return
    const onKey = (e: KeyboardEvent) => {
      if (!e.defaultPrevented && isCommentShortcut(e)) {
        e.preventDefault()
        startComment()
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  })

  const hasSelection = useSyncExternalStore(controller.subscribeSelection, controller.getHasSelection)
  const button = canWrite ? (
    <p className="comment-button-row">
      <button
        type="button"
        className={`button button--small${hasSelection ? ' button--primary' : ''}`}
        // Keep the editor's selection: it becomes the anchor.
        onMouseDown={(event) => event.preventDefault()}
        onClick={startComment}
        aria-keyshortcuts="Control+Alt+M"
        aria-describedby={hintId}
        title={`${t('comments.commentSelection')} (Ctrl+Alt+M)`}
        data-testid="comment-selection"
      >
        {t('comments.comment')}
      </button>{' '}
      <span id={hintId} className="muted">
        {t('comments.commentHint')}
      </span>
    </p>
  ) : null

  const panel = (
    <CommentPanel
      api={api}
      title={title}
      draft={draft}
      onDraftDone={() => setDraft(null)}
      focusedId={focusedId}
      onFocus={setFocusedId}
      onShowInText={(id) => controller.reveal(id)}
      announcement={announcement}
    />
  )
  // A thread on the whole document with its first message written (the text the server refused).
  const draftAbout = (label: string, body: string) => setDraft({ target: { targetKind: 'document', docName }, label, body })
  return { controller, button, panel, canWrite, draftAbout }
}
