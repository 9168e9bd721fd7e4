import { can, type CommentThread, type CommentTargetKind } from '@ensemble/shared'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CommentPanel } from './CommentPanel.tsx'
import { threadFromUrl } from './threadParam.ts'
import { useCommentThreads } from './useCommentThreads.ts'
import { useRemoteAnnouncement } from './useRemoteAnnouncement.ts'
import './comments.css'

/** An action, one field of an action, a governance body or a decision. */
export interface CommentTarget {
  targetKind: Exclude<CommentTargetKind, 'document'>
  targetId: string
  field?: string
}

interface TargetCommentsApi {
  /** Open threads on exactly this target. */
  count(target: CommentTarget): number
  open(target: CommentTarget, label: string, trigger: HTMLElement | null): void
}

const TargetCommentsContext = createContext<TargetCommentsApi | null>(null)

const onTarget = (target: CommentTarget) => (thread: CommentThread) =>
  thread.targetKind === target.targetKind && thread.targetId === target.targetId && (thread.field ?? null) === (target.field ?? null)

interface Opened {
  target: CommentTarget
  label: string
  trigger: HTMLElement | null
}

/**
 * Comments on the entities of a structured document (the plan's actions and their fields, the
 * governance bodies): counts for the buttons inside the page, and a side drawer with the thread
 * panel filtered on the chosen target. `labelOf` names a thread's target for the inbox links.
 */
export function TargetCommentsProvider({
  docName,
  labelOf,
  children,
}: {
  docName: 'plan' | 'governance'
  labelOf(thread: CommentThread): string
  children: ReactNode
}) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const [opened, setOpened] = useState<Opened | null>(null)
  const [focusedId, setFocusedId] = useState<string | null>(threadFromUrl)
  const { announcement, onRemote } = useRemoteAnnouncement()
  const drawer = useRef<HTMLDivElement>(null)
  const api = useCommentThreads(workspace.id, { docName }, onRemote)
  const threads = api.threads

  const count = useCallback((target: CommentTarget) => (threads ?? []).filter((th) => th.status === 'open' && onTarget(target)(th)).length, [threads])
  const open = useCallback((target: CommentTarget, label: string, trigger: HTMLElement | null) => setOpened({ target, label, trigger }), [])
  const value = useMemo(() => ({ count, open }), [count, open])

  // A link from the inbox names a thread: open its target once the threads are known.
  const fromUrl = useRef(threadFromUrl())
  useEffect(() => {
    const wanted = fromUrl.current ? threads?.find((th) => th.id === fromUrl.current) : undefined
    if (!wanted?.targetId || wanted.targetKind === 'document') return
    fromUrl.current = null
    setOpened({ target: { targetKind: wanted.targetKind, targetId: wanted.targetId, field: wanted.field ?? undefined }, label: labelOf(wanted), trigger: null })
  }, [threads, labelOf])

  // Focus moves into the drawer when it opens on another target, not when the same one is opened again.
  const openedKey = opened ? `${opened.target.targetKind}:${opened.target.targetId}:${opened.target.field ?? ''}` : null
  useEffect(() => {
    if (openedKey !== null) drawer.current?.focus()
  }, [openedKey])

  const close = () => {
    const trigger = opened?.trigger
    setOpened(null)
    trigger?.focus()
  }

  return (
    <TargetCommentsContext.Provider value={value}>
      {children}
      {opened && (
        <div
          ref={drawer}
          className="comment-drawer"
          // A non-modal dialog: focus moves in on opening, Escape closes it and returns to the button.
          role="dialog"
          aria-label={opened.label}
          tabIndex={-1}
          data-testid="comment-drawer"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !event.defaultPrevented) {
              event.preventDefault()
              close()
            }
          }}
        >
          <CommentPanel
            api={api}
            title={opened.label}
            include={onTarget(opened.target)}
            draft={
              can({ role: workspace.role }, 'comments.write')
                ? { target: { docName, ...opened.target }, label: t('comments.newThreadOn', { target: opened.label }) }
                : null
            }
            focusedId={focusedId}
            onFocus={setFocusedId}
            targetLabel={() => opened.label}
            onClose={close}
            announcement={announcement}
          />
        </div>
      )}
    </TargetCommentsContext.Provider>
  )
}

/**
 * The comment button of an action, a field or a body, with its open thread count; opens the drawer.
 * With `text`, the button says it ("Discuter : Échéance (2)"); without, it is a compact count.
 */
export function CommentTargetButton({ target, label, text }: { target: CommentTarget; label: string; text?: string }) {
  const { t } = useTranslation()
  const api = useContext(TargetCommentsContext)
  const button = useRef<HTMLButtonElement>(null)
  if (!api) return null
  const n = api.count(target)
  const name = t('comments.countLabel', { target: label, count: n })
  return (
    <button
      ref={button}
      type="button"
      className="button button--small comment-count"
      aria-label={name}
      title={name}
      onClick={() => api.open(target, label, button.current)}
      data-testid="comment-count"
      data-target-kind={target.targetKind}
      data-field={target.field}
      data-count={n}
    >
      {text ? (
        `${text} (${n})`
      ) : (
        <span aria-hidden="true">
          <svg className="comment-count__icon" width="14" height="14" viewBox="0 0 16 16" focusable="false" aria-hidden="true">
            <path d="M2 2.5h12v8.5H6.5L2.5 14v-3H2z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
          </svg>{' '}
          {n}
        </span>
      )}
    </button>
  )
}
