import type { Action } from '@ensemble/shared'
import { useContext, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { CollabContext } from '../collab/CollabContext.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { ActionChangeView } from '@ensemble/shared'
import { fetchActionHistory } from './api.ts'
import { useDocumentEvents } from './useDocumentEvents.ts'
import { when } from './when.ts'
import './history.css'
import { errorText } from '../server-errors/errorText.ts'

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
  const [changes, setChanges] = useState<ActionChangeView[] | null>(null)
  /** The server's address of the older changes (they come a page at a time, newest first), or null. */
  const [older, setOlder] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const [announce, setAnnounce] = useState('')
  const seen = useRef<number | null>(null)
  const version = JSON.stringify(action)
  // The server reads the stored log: wait until this replica's own edits are acknowledged as stored.
  const save = useContext(CollabContext)?.save
  useDocumentEvents(workspace.id, 'plan', 'history.changed', () => setTick((n) => n + 1))
  useEffect(() => {
    if (!open || (save !== undefined && save !== 'saved')) return
    let live = true
    const timer = window.setTimeout(() => {
      fetchActionHistory(workspace.id, actionId).then(
        ({ items, next }) => {
          if (!live) return
          // An action not yet stored has no history (404): an empty list, not an error.
          const newest = items.at(-1)?.rowId ?? 0
          if (seen.current !== null && newest > seen.current) setAnnounce(t('history.action.changed'))
          seen.current = newest
          setChanges([...items].reverse())
          setOlder(next)
          setError(null)
        },
        (err: unknown) => {
          if (!live) return
          if (err instanceof ApiError && err.status === 404) setChanges([])
          else setError(errorText(err))
        },
      )
    }, changes === null ? 0 : REFRESH_MS)
    return () => {
      live = false
      window.clearTimeout(timer)
    }
    // `changes` only picks the first delay; a new list must not fetch again.
  }, [open, workspace.id, actionId, version, tick, save])
  const locale = i18n.language === 'en' ? 'en' : 'fr'
  const loadOlder = () => {
    if (!older) return
    fetchActionHistory(workspace.id, actionId, older).then(
      ({ items, next }) => {
        setChanges((current) => [...(current ?? []), ...[...items].reverse()])
        setOlder(next)
      },
      (err: unknown) => setError(errorText(err)),
    )
  }
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
      {older && (
        <button type="button" className="button button--small" onClick={loadOlder}>
          {t('history.action.older')}
        </button>
      )}
    </details>
  )
}
