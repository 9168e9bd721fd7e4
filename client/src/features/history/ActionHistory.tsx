import type { Action } from '@ensemble/shared'
import { useQueryClient } from '@tanstack/react-query'
import { useContext, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { CollabContext } from '../collab/CollabContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { fetchActionHistory } from './api.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'
import { usePaged } from './usePaged.ts'
import { when } from './when.ts'
import './history.css'

/** Changes come in bursts (a date typed digit by digit): read the history once they pause. */
const REFRESH_MS = 500

/**
 * The history of each field of one plan action, newest first, one sentence per change in the
 * reader's language ("échéance déplacée du 1 mars au 15 avril par Claire (Ville de Lille), 12 févr.").
 * Read when opened, then again whenever the action changes or the plan is restored; the newest
 * changes come first, older ones a page at a time on demand.
 */
export function ActionHistory({ actionId, action }: { actionId: string; action: Action }) {
  const { t, i18n } = useTranslation()
  const { workspace } = useWorkspace()
  const [open, setOpen] = useState(false)
  const [announce, setAnnounce] = useState('')
  const seen = useRef<number | null>(null)
  const version = JSON.stringify(action)
  const queryClient = useQueryClient()
  // Memoised: the effect below depends on it, and a new array each render would re-arm it.
  const key = useMemo(() => queryKeys.actionHistory(workspace.id, actionId), [workspace.id, actionId])
  // The server reads the stored log: wait until this replica's own edits are acknowledged as stored.
  // `history.changed` (a restore of the plan) makes the list stale (api/liveQueries.ts).
  const save = useContext(CollabContext)?.save
  useLiveWorkspace(workspace.id)
  const history = usePaged(
    key,
    (next) =>
      fetchActionHistory(workspace.id, actionId, next).catch((err: unknown) => {
        // An action not yet stored has no history (404): an empty list, not an error.
        if (err instanceof ApiError && err.status === 404 && !next) return { items: [], next: null }
        throw err
      }),
    { enabled: open && (save === undefined || save === 'saved') },
  )
  // The action changed (here or by someone else): read its history again once the changes pause.
  const shown = useRef(version)
  useEffect(() => {
    if (shown.current === version) return
    shown.current = version
    const timer = window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: key }), REFRESH_MS)
    return () => window.clearTimeout(timer)
  }, [version, key, queryClient])
  // Newest first: the newest page first, each page (sent oldest first) turned around.
  const changes = history.pages ? history.pages.flatMap((page) => [...page.items].reverse()) : null
  const newest = history.pages?.[0]?.items.at(-1)?.rowId ?? (history.pages ? 0 : null)
  useEffect(() => {
    if (newest === null) return
    if (seen.current !== null && newest > seen.current) setAnnounce(t('history.action.changed'))
    seen.current = newest
  }, [newest, t])
  const error = history.error ? apiErrorMessage(history.error, t) : null
  const locale = i18n.language === 'en' ? 'en' : 'fr'
  return (
    <details className="action-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('history.action.title')}</summary>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announce}
      </p>
      {error && <p role="alert">{error}</p>}
      {changes === null ? (
        open && <p aria-busy="true">{t('history.action.loading')}</p>
      ) : changes.length === 0 ? (
        <p>{t('history.action.none')}</p>
      ) : (
        <ol reversed className="action-history__list">
          {changes.map((c) => (
            <li key={`${c.rowId}/${c.field ?? c.kind}`}>
              {c.text[locale]}{' '}
              <time dateTime={c.at} className="action-history__when">
                ({when(c.at, locale)})
              </time>
            </li>
          ))}
        </ol>
      )}
      {history.hasOlder && (
        <button type="button" className="button button--small" onClick={history.loadOlder}>
          {t('history.action.older')}
        </button>
      )}
    </details>
  )
}
