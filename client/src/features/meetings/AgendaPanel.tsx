import { keyBetween, type MeetingDetail } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import type { MeetingsApi } from './meetingsApi.ts'

/** The agenda: a live, reorderable list (fractional order keys, like the plan's rows). */
export function AgendaPanel({ detail, api, canChair, onError }: { detail: MeetingDetail; api: MeetingsApi; canChair: boolean; onError(error: unknown): void }) {
  const { t } = useTranslation()
  const { notify } = useToasts()
  const [title, setTitle] = useState('')
  const items = detail.agenda
  const id = detail.meeting.id
  const add = (e: FormEvent) => {
    e.preventDefault()
    if (title.trim()) api.addItem(id, title.trim()).then(() => setTitle(''), onError)
  }
  const move = (index: number, by: -1 | 1) => {
    const target = index + by
    if (target < 0 || target >= items.length) return
    // Between the neighbours on the side it moves to.
    const before = by < 0 ? (items[target - 1]?.orderKey ?? null) : items[target]!.orderKey
    const after = by < 0 ? items[target]!.orderKey : (items[target + 1]?.orderKey ?? null)
    api.moveItem(id, items[index]!.id, keyBetween(before, after)).catch(onError)
  }
  const suggest = () =>
    api.addSuggestions(id).then((added) => notify(t('meetings.suggested', { count: added.length }), 'success'), onError)
  return (
    <section aria-labelledby="agenda-title" className="meeting-panel">
      <h2 id="agenda-title">{t('meetings.agenda')}</h2>
      {items.length === 0 && <p className="empty">{t('meetings.agendaEmpty')}</p>}
      <ol className="agenda">
        {items.map((item, i) => (
          <li key={item.id} className="agenda__item" data-testid="agenda-item">
            <span className="agenda__title">{item.title}</span>
            {item.notes && <span className="muted"> — {item.notes}</span>}
            {canChair && (
              <span className="agenda__tools">
                <button type="button" className="button button--small" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('meetings.moveUp', { title: item.title })}>
                  ↑
                </button>
                <button type="button" className="button button--small" onClick={() => move(i, 1)} disabled={i === items.length - 1} aria-label={t('meetings.moveDown', { title: item.title })}>
                  ↓
                </button>
                <button type="button" className="button button--small" onClick={() => api.removeItem(id, item.id).catch(onError)} aria-label={t('meetings.removeItem', { title: item.title })}>
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
