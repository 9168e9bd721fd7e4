import { type College, type GovernanceBody, newId } from '@ensemble/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { collegeSeatsTotal, setColleges } from './governanceWrites.ts'

type QuorumKind = 'none' | 'count' | 'share'

/**
 * The colleges of a body (GOV1–GOV3): name, weight, an optional quorum and seats per partner. Edited
 * as a draft, then written with the body's seats in one transaction (each partner's seats are the
 * sum over the colleges, so GOV3 holds), after the shared rules accept the whole change.
 */
export function CollegesEditor({
  id,
  body,
  doc,
  canEdit,
  check,
}: {
  id: string
  body: GovernanceBody
  doc: Y.Doc
  canEdit: boolean
  check(change: Partial<GovernanceBody>): string | null
}) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const saved = body.voting?.colleges ?? []
  const [draft, setDraft] = useState<College[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [announce, setAnnounce] = useState('')
  const colleges = draft ?? saved
  const editing = draft !== null
  const update = (index: number, patch: Partial<College>) => setDraft(colleges.map((c, i) => (i === index ? { ...c, ...patch } : c)))
  const start = () => {
    // The first college takes the body's current seats, so nothing changes until the user edits.
    setDraft(saved.length ? saved : [{ id: newId(), name: t('meetings.colleges.defaultName', { n: 1 }), weight: 1, seats: { ...body.seats }, quorum: null }])
  }
  const add = () => {
    setDraft([...colleges, { id: newId(), name: t('meetings.colleges.defaultName', { n: colleges.length + 1 }), weight: 1, seats: {}, quorum: null }])
    setAnnounce(t('meetings.colleges.added'))
  }
  const remove = (index: number) => {
    setDraft(colleges.filter((_, i) => i !== index))
    setAnnounce(t('meetings.colleges.removed', { name: colleges[index]!.name }))
  }
  const save = (e: FormEvent) => {
    e.preventDefault()
    const refusal = setColleges(doc, id, body, colleges, check)
    if (refusal) return setError(refusal)
    setError(null)
    setDraft(null)
    setAnnounce(t('meetings.colleges.saved'))
  }
  const cancel = () => {
    setDraft(null)
    setError(null)
  }
  return (
    <section className="colleges" data-testid="colleges-editor" aria-labelledby={`colleges-${id}`}>
      <h3 id={`colleges-${id}`}>{t('meetings.colleges.title')}</h3>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      {colleges.length === 0 && <p className="muted">{t('meetings.colleges.none')}</p>}
      {!editing ? (
        <>
          {colleges.length > 0 && (
            <ul className="colleges__list">
              {colleges.map((c) => (
                <li key={c.id}>{t('meetings.voting.college', { name: c.name, weight: c.weight, seats: collegeSeatsTotal(c) })}</li>
              ))}
            </ul>
          )}
          {canEdit && (
            <button type="button" className="button button--small" onClick={start}>
              {t(colleges.length ? 'meetings.colleges.edit' : 'meetings.colleges.create')}
            </button>
          )}
        </>
      ) : (
        <form onSubmit={save}>
          {colleges.map((c, i) => (
            <CollegeFields key={c.id} college={c} partners={workspace.partners} onChange={(patch) => update(i, patch)} onRemove={() => remove(i)} />
          ))}
          <p>
            <button type="button" className="button button--small" onClick={add}>
              {t('meetings.colleges.add')}
            </button>
          </p>
          {error && (
            <p className="cell__error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary">
            {t('meetings.colleges.save')}
          </button>{' '}
          <button type="button" className="button" onClick={cancel}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </section>
  )
}

function CollegeFields({
  college: c,
  partners,
  onChange,
  onRemove,
}: {
  college: College
  partners: readonly { id: string; name: string }[]
  onChange(patch: Partial<College>): void
  onRemove(): void
}) {
  const { t } = useTranslation()
  const ids = useId()
  const kind: QuorumKind = c.quorum?.kind ?? 'none'
  const setQuorum = (next: QuorumKind, value?: number) =>
    onChange({ quorum: next === 'none' ? null : next === 'count' ? { kind: 'count', seats: value ?? 1 } : { kind: 'share', share: (value ?? 50) / 100 } })
  return (
    <fieldset className="college" data-testid="college">
      <legend>{c.name || t('meetings.colleges.unnamed')}</legend>
      <label>
        {t('meetings.colleges.name')} <input value={c.name} onChange={(e) => onChange({ name: e.target.value })} required maxLength={160} />
      </label>{' '}
      <label>
        {t('meetings.colleges.weight')}{' '}
        <input
          type="number"
          min={0}
          step="any"
          value={c.weight}
          onChange={(e) => e.target.value !== '' && onChange({ weight: Number(e.target.value) })}
          required
        />
      </label>{' '}
      <label htmlFor={`${ids}-quorum`}>{t('meetings.colleges.quorum')}</label>{' '}
      <select id={`${ids}-quorum`} value={kind} onChange={(e) => setQuorum(e.target.value as QuorumKind)}>
        {(['none', 'count', 'share'] as const).map((k) => (
          <option key={k} value={k}>
            {t(`meetings.colleges.quorumKinds.${k}`)}
          </option>
        ))}
      </select>{' '}
      {c.quorum?.kind === 'count' && (
        <label>
          {t('meetings.colleges.quorumSeats')}{' '}
          <input type="number" min={0} value={c.quorum.seats} onChange={(e) => e.target.value !== '' && setQuorum('count', Number(e.target.value))} />
        </label>
      )}
      {c.quorum?.kind === 'share' && (
        <label>
          {t('meetings.colleges.quorumShare')}{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={Math.round(c.quorum.share * 100)}
            onChange={(e) => e.target.value !== '' && setQuorum('share', Number(e.target.value))}
          />
        </label>
      )}
      <div className="seats__grid">
        {partners.map((p) => (
          <label key={p.id} className="seats__item">
            {t('meetings.colleges.seatsOf', { partner: p.name, college: c.name })}{' '}
            <input
              type="number"
              min={0}
              max={1000}
              value={c.seats[p.id] ?? 0}
              onChange={(e) => {
                const seats = { ...c.seats }
                const n = Number(e.target.value)
                if (n > 0) seats[p.id] = n
                else delete seats[p.id]
                onChange({ seats })
              }}
            />
          </label>
        ))}
      </div>
      <button
        type="button"
        className="button button--small button--danger"
        onClick={onRemove}
        aria-label={t('meetings.colleges.removeNamed', { name: c.name })}
      >
        {t('meetings.colleges.remove')}
      </button>
    </fieldset>
  )
}
