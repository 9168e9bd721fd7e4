import { DECISION_TYPES, type Decision } from '@ensemble/shared'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { meetingsApi } from './meetingsApi.ts'
import { useMeetingEvents } from './useMeetingEvents.ts'

const OUTCOMES = ['adopted', 'rejected', 'no_quorum'] as const

/** Every decision of a body, newest first, filtered by outcome and type; adopted ones become actions. */
export function DecisionRegister({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const handleError = useApiErrorHandler()
  const { notify } = useToasts()
  const [outcome, setOutcome] = useState('')
  const [decisionType, setDecisionType] = useState('')
  const [decisions, setDecisions] = useState<Decision[]>([])
  const load = useCallback(() => {
    meetingsApi(workspace.id)
      .register({ bodyId, outcome: outcome || undefined, decisionType: decisionType || undefined })
      .then(setDecisions, (e: unknown) => notify(handleError(e), 'error'))
  }, [workspace.id, bodyId, outcome, decisionType, handleError, notify])
  useEffect(load, [load])
  useMeetingEvents(workspace.id, (name) => name === 'meeting.decision' && load(), load)
  return (
    <section aria-labelledby="register-title" className="meeting-panel">
      <h2 id="register-title">{t('meetings.register')}</h2>
      <div className="filters">
        <label>
          {t('meetings.filterOutcome')}{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{t('meetings.all')}</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`meetings.outcomes.${o}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('meetings.filterType')}{' '}
          <select value={decisionType} onChange={(e) => setDecisionType(e.target.value)}>
            <option value="">{t('meetings.all')}</option>
            {DECISION_TYPES.map((d) => (
              <option key={d} value={d}>
                {t(`meetings.decisionTypes.${d}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {decisions.length === 0 ? (
        <p className="empty">{t('meetings.registerEmpty')}</p>
      ) : (
        <ul className="register" data-testid="decision-register">
          {decisions.map((d) => (
            <li key={d.id} className={`register__item register__item--${d.outcome}`}>
              <strong>{d.title}</strong> — {t(`meetings.outcomes.${d.outcome}`)} · {t(`meetings.decisionTypes.${d.decisionType}`)} ·{' '}
              {t('meetings.decidedOn', { date: d.decidedAt.slice(0, 10) })}
              {d.actionIds.length > 0 && <span className="muted"> · {t('meetings.linkedActions', { count: d.actionIds.length })}</span>}
              {d.outcome === 'adopted' && workspace.role !== 'observer' && <ActionFromDecision decision={d} onCreated={load} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function ActionFromDecision({ decision, onCreated }: { decision: Decision; onCreated(): void }) {
  const { t } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const handleError = useApiErrorHandler()
  const { notify } = useToasts()
  const [accountable, setAccountable] = useState('')
  const [responsible, setResponsible] = useState('')
  const [deadline, setDeadline] = useState('')
  if (!abilities.createActions) return null
  const submit = (e: FormEvent) => {
    e.preventDefault()
    meetingsApi(workspace.id)
      .createAction(decision.id, { accountable: accountable || null, responsible: responsible ? [responsible] : [], deadline: deadline || null })
      .then(() => {
        notify(t('meetings.actionCreated'), 'success')
        onCreated()
      }, (err: unknown) => notify(handleError(err), 'error'))
  }
  const people = workspace.members.filter((m) => m.role !== 'observer' && m.role !== 'commenter')
  return (
    <form onSubmit={submit} className="inline-form" aria-label={`${t('meetings.createAction')} — ${decision.title}`}>
      <label>
        {t('meetings.accountable')}{' '}
        <select value={accountable} onChange={(e) => setAccountable(e.target.value)} required>
          <option value="">—</option>
          {people.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('meetings.responsible')}{' '}
        <select value={responsible} onChange={(e) => setResponsible(e.target.value)} required>
          <option value="">—</option>
          {people.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('meetings.deadline')} <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>{' '}
      <button type="submit" className="button button--small">
        {t('meetings.createAction')}
      </button>
    </form>
  )
}
