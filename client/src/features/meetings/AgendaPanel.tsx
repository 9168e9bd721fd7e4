import type { AgendaItem, MeetingDetail } from '@ensemble/shared'
import { type DragEvent, type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import { Link } from '../../router.tsx'
import { SECTIONS, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { keyForMove } from './agendaOrder.ts'
import type { MeetingsApi } from './meetingsApi.ts'

/**
 * The agenda: a live, reorderable list (fractional order keys, like the plan's rows, GOV23). The
 * chair's team moves items by drag and drop or with the move up / move down buttons; each move is
 * announced to screen readers, and reaches the other participants through `meeting.changed`.
 */
export function AgendaPanel({ detail, api, canChair, onError }: { detail: MeetingDetail; api: MeetingsApi; canChair: boolean; onError(error: unknown): void }) {
  const { t } = useTranslation()
  const { notify } = useToasts()
  const [title, setTitle] = useState('')
  const [announce, setAnnounce] = useState('')
  const [dragged, setDragged] = useState<string | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const items = detail.agenda
  const id = detail.meeting.id
  const add = (e: FormEvent) => {
    e.preventDefault()
    if (title.trim()) api.addItem(id, title.trim()).then(() => setTitle(''), onError)
  }
  const move = (from: number, to: number) => {
    const key = keyForMove(
      items.map((i) => i.orderKey),
      from,
      to,
    )
    const item = items[from]
    if (key === null || !item) return
    api.moveItem(id, item.id, key).then(() => setAnnounce(t('meetings.moved', { title: item.title, position: to + 1, count: items.length })), onError)
  }
  const suggest = () => api.addSuggestions(id).then((added) => notify(t('meetings.suggested', { count: added.length }), 'success'), onError)
  const drop = (e: DragEvent, to: number) => {
    e.preventDefault()
    const from = items.findIndex((i) => i.id === (dragged ?? e.dataTransfer.getData('text/plain')))
    setDragged(null)
    setOver(null)
    if (from >= 0) move(from, to)
  }
  return (
    <section aria-labelledby="agenda-title" className="meeting-panel">
      <h2 id="agenda-title">{t('meetings.agenda')}</h2>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="agenda-announce">
        {announce}
      </p>
      {items.length === 0 && <p className="empty">{t('meetings.agendaEmpty')}</p>}
      {canChair && items.length > 1 && <p className="muted">{t('meetings.reorderHint')}</p>}
      <ol className="agenda">
        {items.map((item, i) => (
          <li
            key={item.id}
            className={`agenda__item${over === i ? ' agenda__item--over' : ''}${dragged === item.id ? ' agenda__item--dragged' : ''}`}
            data-testid="agenda-item"
            data-item-id={item.id}
            draggable={canChair}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', item.id)
              e.dataTransfer.effectAllowed = 'move'
              setDragged(item.id)
            }}
            onDragEnd={() => {
              setDragged(null)
              setOver(null)
            }}
            onDragOver={(e) => {
              if (!canChair) return
              e.preventDefault()
              if (over !== i) setOver(i)
            }}
            onDrop={(e) => drop(e, i)}
          >
            <AgendaTitle item={item} />
            {item.notes && <span className="muted"> — {item.notes}</span>}
            {canChair && (
              <span className="agenda__tools">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => move(i, i - 1)}
                  disabled={i === 0}
                  aria-label={t('meetings.moveUp', { title: item.title })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => move(i, i + 1)}
                  disabled={i === items.length - 1}
                  aria-label={t('meetings.moveDown', { title: item.title })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => api.removeItem(id, item.id).catch(onError)}
                  aria-label={t('meetings.removeItem', { title: item.title })}
                >
                  ×
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      {canChair && (
        <>
          <form onSubmit={add} className="inline-form">
            <label>
              <span className="visually-hidden">{t('meetings.itemTitle')}</span>
              <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('meetings.itemTitle')} maxLength={200} />
            </label>
            <button type="submit" className="button">
              {t('meetings.addItem')}
            </button>
          </form>
          <button type="button" className="button" onClick={suggest}>
            {t('meetings.suggest')}
          </button>
        </>
      )}
    </section>
  )
}

/** An item's title; one about a document awaiting sign-off links to it (GOV20). */
function AgendaTitle({ item }: { item: AgendaItem }) {
  const { workspace } = useWorkspace()
  const section = item.docName ? SECTIONS.find((s) => s.doc === item.docName) : undefined
  return <span className="agenda__title">{section ? <Link to={workspaceUrl(workspace.id, section)}>{item.title}</Link> : item.title}</span>
}
