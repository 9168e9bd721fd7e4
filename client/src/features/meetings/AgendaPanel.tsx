import { type AgendaItem, agendaItemInputSchema, type MeetingDetail } from '@ensemble/shared'
import { type DragEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { Link } from '../../router.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
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
  const [announce, setAnnounce] = useState('')
  const [dragged, setDragged] = useState<string | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const items = detail.agenda
  const id = detail.meeting.id
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
          <AddItemForm add={(title) => api.addItem(id, title)} />
          <button type="button" className="button" onClick={suggest}>
            {t('meetings.suggest')}
          </button>
        </>
      )}
    </section>
  )
}

/** The chair adds an item, on the shared schema: a blank title is refused beside the field (EDGE7). */
function AddItemForm({ add }: { add(title: string): Promise<unknown> }) {
  const { t } = useTranslation()
  const { bind, errorOf, formError, busy, onSubmit, set } = useSchemaForm<{ title: string }, { title: string }>(agendaItemInputSchema, {
    defaultValues: { title: '' },
    describe: useApiErrorHandler(),
  })
  const submit = onSubmit(async (data) => {
    await add(data.title)
    set('title', '')
  })
  const title = bind('title')
  return (
    <form onSubmit={submit} className="form inline-form" noValidate data-testid="add-agenda-item">
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <Field label={t('meetings.itemTitle')} error={errorOf('title')}>
        {(control) => <input {...control} value={title.value} onChange={title.onChange} maxLength={200} />}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('meetings.addItem')}
      </button>
    </form>
  )
}

/** An item's title; one about a document awaiting sign-off links to it (GOV20). */
function AgendaTitle({ item }: { item: AgendaItem }) {
  const { workspace } = useWorkspace()
  const section = item.docName ? SECTIONS.find((s) => s.doc === item.docName) : undefined
  return <span className="agenda__title">{section ? <Link to={workspaceUrl(workspace.id, section)}>{item.title}</Link> : item.title}</span>
}
