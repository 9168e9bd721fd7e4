import { can, type DocumentStatus } from '@ensemble/shared'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useContext, useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CollabContext } from '../collab/CollabContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { HistorySessionView, VersionView } from '@ensemble/shared'
import { createVersion, fetchSessions, fetchVersions } from './api.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { useDocumentEvents, useRefreshWhenStored } from './useDocumentEvents.ts'
import { usePaged } from './usePaged.ts'
import { VersionDialog } from './VersionDialog.tsx'
import { when } from './when.ts'
import './history.css'

/** Sessions are read from the stored log: refresh them once typing has paused this long (and is stored). */
const SESSIONS_REFRESH_MS = 1000

const authorName = (author: HistorySessionView['author'], server: string) =>
  author.id ? (author.partnerName ? `${author.name} (${author.partnerName})` : author.name) : server

/**
 * Who changed the document (sessions) and its named versions: name one (the current state or the
 * state after a session), read it in the document's layout, compare, restore. Live: reloads when the
 * server announces a change (`history.changed`) and when the open document has settled after edits.
 */
export function HistoryPanel({ docName, status }: { docName: string; status: DocumentStatus }) {
  const { t, i18n } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const collab = useContext(CollabContext)
  const ws = workspace.id
  // Both lists come a page at a time (the newest first); older pages on demand.
  const sessions = usePaged(queryKeys.sessions(ws, docName), (next) => fetchSessions(ws, docName, next))
  const versions = usePaged(queryKeys.versions(ws, docName), (next) => fetchVersions(ws, docName, next))
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [open, setOpen] = useState<{ id: string; compareTo: string } | null>(null)
  // What my own actions did, and what changed live (others, or the server): two polite regions so
  // one never overwrites the other before it is read.
  const [notice, setNotice] = useState('')
  const [liveNotice, setLiveNotice] = useState('')
  const canName = can({ role: abilities.role }, 'versions.create')
  const canRestore = can({ role: abilities.role }, 'versions.restore', { docStatus: status })
  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.history(ws, docName) })
  // The event itself makes both lists stale (api/liveQueries.ts); here it is only announced.
  useDocumentEvents(ws, docName, 'history.changed', (reason) => {
    if (reason === 'event') setLiveNotice(t('history.live.historyChanged'))
  })
  useRefreshWhenStored(collab?.doc, collab?.save, SESSIONS_REFRESH_MS, () => void queryClient.invalidateQueries({ queryKey: queryKeys.sessions(ws, docName) }))

  // A version that appears (named here or by someone else) is announced by name.
  const known = useRef<Set<string> | null>(null)
  useEffect(() => {
    if (!versions.data) return
    const fresh = known.current ? versions.data.filter((v) => !known.current!.has(v.id)) : []
    known.current = new Set(versions.data.map((v) => v.id))
    if (fresh.length) setLiveNotice(t('history.live.newVersion', { name: fresh.map((v) => v.name).join(', ') }))
  }, [versions.data, t])

  const naming = useMutation({
    mutationFn: ({ input, rowId }: { input: string; rowId?: number }) => createVersion(ws, docName, input, rowId),
    onSuccess: reload,
  })
  const nameState = (input: string, rowId?: number, then?: (v: VersionView) => void) => naming.mutate({ input, rowId }, { onSuccess: then })
  const failure = naming.error ?? sessions.error ?? versions.error
  const onName = (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return
    nameState(name.trim(), undefined, () => setName(''))
  }
  const openVersion = open && versions.data?.find((v) => v.id === open.id)
  return (
    <section className="history-panel" aria-labelledby={`history-${docName}`}>
      <h2 id={`history-${docName}`}>{t('history.title')}</h2>
      <p role="status" aria-live="polite" className="history-panel__notice">
        {notice}
      </p>
      <p role="status" aria-live="polite" className="history-panel__live">
        {liveNotice}
      </p>
      {failure && <p role="alert">{apiErrorMessage(failure, t)}</p>}
      <h3>{t('history.sessions')}</h3>
      {sessions.data?.length ? (
        <ol className="history-sessions">
          {[...sessions.data].reverse().map((s) => {
            const author = authorName(s.author, t('history.server'))
            const date = when(s.to, i18n.language)
            return (
              <li key={s.firstRowId}>
                {t('history.session', { name: author, count: s.edits, date })}
                {canName && (
                  <button
                    type="button"
                    className="button button--small history-sessions__name"
                    aria-label={`${t('history.nameSession')} — ${author}, ${date}`}
                    onClick={() => nameState(t('history.sessionVersionName', { name: author, date }), s.lastRowId, (v) => setOpen({ id: v.id, compareTo: '' }))}
                  >
                    {t('history.nameSession')}
                  </button>
                )}
              </li>
            )
          })}
        </ol>
      ) : (
        <p>{t('history.noSessions')}</p>
      )}
      {sessions.hasOlder && (
        <button type="button" className="button button--small" aria-busy={sessions.loadingOlder} onClick={sessions.loadOlder}>
          {t('history.olderSessions')}
        </button>
      )}
      <h3>{t('history.versions')}</h3>
      {canName && (
        <form onSubmit={onName} className="history-name">
          <label>
            {t('history.versionName')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
          </label>
          <button type="submit" className="button button--small">
            {t('history.nameVersion')}
          </button>
        </form>
      )}
      {versions.data?.length ? (
        <ul className="history-versions">
          {versions.data.map((v) => (
            <li key={v.id}>
              <span>
                {v.name} — {when(v.createdAt, i18n.language)}
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={`${t('history.view')} — ${v.name}`}
                onClick={() => setOpen({ id: v.id, compareTo: '' })}
              >
                {t('history.view')}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={`${t('history.compare')} — ${v.name}`}
                onClick={() => setOpen({ id: v.id, compareTo: 'current' })}
              >
                {t('history.compare')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('history.noVersions')}</p>
      )}
      {versions.hasOlder && (
        <button type="button" className="button button--small" aria-busy={versions.loadingOlder} onClick={versions.loadOlder}>
          {t('history.olderVersions')}
        </button>
      )}
      {openVersion && versions.data && (
        <VersionDialog
          key={`${open.id}/${open.compareTo}`}
          workspaceId={ws}
          docName={docName}
          version={openVersion}
          versions={versions.data}
          compareTo={open.compareTo}
          canRestore={canRestore}
          onClose={() => setOpen(null)}
          onRestored={(v) => {
            setOpen(null)
            setNotice(t('history.restoredName', { name: v.name }))
            reload()
          }}
        />
      )}
    </section>
  )
}
