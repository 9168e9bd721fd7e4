import { amendmentsOpen, can, type MeetingDetail, type MinutesAmendment, todayIso } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { formatDate } from '../../i18n/format.ts'
import { currentLocale } from '../../i18n/index.ts'
import { formatDateTime } from '../comments/formatDateTime.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { MeetingsApi } from './meetingsApi.ts'

interface Props {
  detail: MeetingDetail
  api: MeetingsApi
  me: string
  onError(error: unknown): void
}

/**
 * Amendments to the minutes (GOV21): during the period, those who attended propose a new wording
 * for a quoted passage (or a passage to add); the chair's team accepts it (the server writes it into
 * the minutes) or rejects it. Live for everyone through `meeting.changed`.
 */
export function AmendmentsPanel({ detail, api, me, onError }: Props) {
  const { t } = useTranslation()
  const { abilities } = useWorkspace()
  const { meeting, amendments } = detail
  const canChair = can({ role: abilities.role }, 'governance.meetings')
  const attended = detail.attendance.some((a) => a.userId === me && (a.status === 'present' || a.status === 'remote'))
  const open = amendmentsOpen(meeting, todayIso(new Date()))
  if (amendments.length === 0 && !open) return null
  const pending = amendments.filter((a) => a.status === 'pending').length
  return (
    <section aria-labelledby="amendments-title" className="amendments" data-testid="amendments">
      <h3 id="amendments-title">{t('meetings.amendments.title')}</h3>
      <p role="status" aria-live="polite" className="muted">
        {open
          ? t('meetings.amendments.openUntil', { date: meeting.amendmentsUntil ? formatDate(meeting.amendmentsUntil, currentLocale()) : '' })
          : t('meetings.amendments.closed')}{' '}
        · {t('meetings.amendments.pending', { count: pending })}
      </p>
      <ol className="amendments__list">
        {amendments.map((a) => (
          <Amendment
            key={a.id}
            amendment={a}
            canSettle={canChair && meeting.minutesStatus === 'amendments'}
            settle={(status) => api.settleAmendment(meeting.id, a.id, status)}
            onError={onError}
          />
        ))}
      </ol>
      {open && (attended || canChair) && <ProposeForm propose={(input) => api.proposeAmendment(meeting.id, input)} onError={onError} />}
    </section>
  )
}

function Amendment({
  amendment: a,
  canSettle,
  settle,
  onError,
}: {
  amendment: MinutesAmendment
  canSettle: boolean
  settle(status: 'accepted' | 'rejected'): Promise<unknown>
  onError(error: unknown): void
}) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const [refusal, setRefusal] = useState<string | null>(null)
  const nameOf = (userId: string) => workspace.members.find((m) => m.userId === userId)?.name ?? userId
  const decide = (status: 'accepted' | 'rejected') => {
    setRefusal(null)
    settle(status).catch((error: unknown) => {
      if (error instanceof ApiError && error.reason === 'quote_not_found') setRefusal(t('meetings.amendments.quoteNotFound'))
      else onError(error)
    })
  }
  return (
    <li className={`amendment amendment--${a.status}`} data-testid="amendment" data-status={a.status}>
      <p className="muted">
        {nameOf(a.authorId)} · <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time> ·{' '}
        <span className="badge">{t(`meetings.amendments.statuses.${a.status}`)}</span>
      </p>
      {a.quote ? (
        <p>
          {t('meetings.amendments.replace')} <q>{a.quote}</q> {t('meetings.amendments.with')} <q>{a.text}</q>
        </p>
      ) : (
        <p>
          {t('meetings.amendments.add')} <q>{a.text}</q>
        </p>
      )}
      {canSettle && a.status === 'pending' && (
        <p className="amendment__tools">
          <button type="button" className="button button--small button--primary" onClick={() => decide('accepted')}>
            {t('meetings.amendments.accept')}
          </button>{' '}
          <button type="button" className="button button--small" onClick={() => decide('rejected')}>
            {t('meetings.amendments.reject')}
          </button>
        </p>
      )}
      {refusal && (
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
      )}
    </li>
  )
}

/** The text selected in the minutes' editor, if the selection is there. */
function selectedMinutesText(): string {
  const selection = window.getSelection()
  const node = selection?.anchorNode
  const element = node instanceof Element ? node : node?.parentElement
  return selection && element?.closest('.meeting-panel--minutes .ProseMirror') ? selection.toString().trim() : ''
}

function ProposeForm({ propose, onError }: { propose(input: { text: string; quote: string | null }): Promise<unknown>; onError(error: unknown): void }) {
  const { t } = useTranslation()
  const [quote, setQuote] = useState('')
  const [text, setText] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!text.trim()) return
    propose({ text: text.trim(), quote: quote.trim() || null }).then(() => {
      setQuote('')
      setText('')
    }, onError)
  }
  return (
    <form onSubmit={submit} className="amendments__form">
      <label>
        {t('meetings.amendments.quote')}
        <input value={quote} onChange={(e) => setQuote(e.target.value)} maxLength={5000} />
      </label>{' '}
      {/* Keeps the editor's selection on click (mousedown would clear it before the click). */}
      <button type="button" className="button button--small" onMouseDown={(e) => e.preventDefault()} onClick={() => setQuote(selectedMinutesText() || quote)}>
        {t('meetings.amendments.quoteSelection')}
      </button>
      <label>
        {t('meetings.amendments.text')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={5000} required rows={2} />
      </label>
      <button type="submit" className="button">
        {t('meetings.amendments.propose')}
      </button>
    </form>
  )
}
