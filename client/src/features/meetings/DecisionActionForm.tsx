import type { Action, Decision } from '@ensemble/shared'
import { type FormEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import type { PlanSnapshot } from '../action-plan/planStore.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { LabelledSelect } from './LabelledSelect.tsx'
import { meetingsApi } from './meetingsApi.ts'

type Mode = 'create' | 'update'

/**
 * From an adopted decision, in one step (GOV15, GOV19): create an action of the plan, or update an
 * existing one chosen in the plan, with accountable, responsible and deadline pre-filled (from the
 * chosen action when updating) and editable. Without the plan (`plan` null) it only creates.
 */
export function DecisionActionForm({ decision, plan, onDone }: { decision: Decision; plan: PlanSnapshot | null; onDone(): void }) {
  const { t } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const handleError = useApiErrorHandler()
  const { notify } = useToasts()
  const ids = useId()
  const [mode, setMode] = useState<Mode>('create')
  const [actionId, setActionId] = useState('')
  const [title, setTitle] = useState(decision.title)
  const [accountable, setAccountable] = useState('')
  const [responsible, setResponsible] = useState<string[]>([])
  const [deadline, setDeadline] = useState('')
  if (!abilities.createActions) return null
  const people = workspace.members.filter((m) => m.role !== 'observer' && m.role !== 'commenter')
  const prefill = (action: Action | undefined) => {
    setAccountable(action?.accountable ?? '')
    setResponsible(action?.responsible ?? [])
    setDeadline(action?.deadline ?? '')
  }
  const choose = (id: string) => {
    setActionId(id)
    prefill(plan?.byId.get(id))
  }
  const switchTo = (next: Mode) => {
    setMode(next)
    prefill(next === 'update' ? plan?.byId.get(actionId) : undefined)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const api = meetingsApi(workspace.id)
    const fields = { accountable: accountable || null, responsible, deadline: deadline || null }
    const done =
      mode === 'create' ? api.createAction(decision.id, { title: title.trim() || decision.title, ...fields }) : api.updateAction(decision.id, actionId, fields)
    done.then(
      () => {
        notify(t(mode === 'create' ? 'meetings.actionCreated' : 'meetings.actionUpdated'), 'success')
        onDone()
      },
      (err: unknown) => notify(handleError(err), 'error'),
    )
  }
  const toggle = (userId: string, on: boolean) => setResponsible((list) => (on ? [...list, userId] : list.filter((id) => id !== userId)))
  const canUpdate = plan !== null && plan.ids.length > 0
  return (
    <form onSubmit={submit} className="decision-action" aria-label={t('meetings.fromDecision', { title: decision.title })} data-testid="decision-action-form">
      {canUpdate && (
        <fieldset className="decision-action__mode">
          <legend>{t('meetings.fromDecisionMode')}</legend>
          {(['create', 'update'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`${ids}-mode`} value={m} checked={mode === m} onChange={() => switchTo(m)} /> {t(`meetings.actionModes.${m}`)}
            </label>
          ))}
        </fieldset>
      )}
      {mode === 'create' ? (
        <label>
          {t('meetings.actionTitle')} <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
        </label>
      ) : (
        <LabelledSelect
          label={t('meetings.actionToUpdate')}
          value={actionId}
          onChange={choose}
          empty="—"
          required
          options={plan!.ids.map((id) => ({ value: id, label: plan!.byId.get(id)!.title }))}
        />
      )}{' '}
      <LabelledSelect
        label={t('meetings.accountable')}
        value={accountable}
        onChange={setAccountable}
        empty="—"
        options={people.map((m) => ({ value: m.userId, label: m.name }))}
        required
      />
      <fieldset className="decision-action__people">
        <legend>{t('meetings.responsible')}</legend>
        {people.map((m) => (
          <label key={m.userId}>
            <input type="checkbox" checked={responsible.includes(m.userId)} onChange={(e) => toggle(m.userId, e.target.checked)} /> {m.name}
          </label>
        ))}
      </fieldset>
      <label>
        {t('meetings.deadline')} <input type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </label>{' '}
      <button type="submit" className="button button--small">
        {t(mode === 'create' ? 'meetings.createAction' : 'meetings.updateAction')}
      </button>
    </form>
  )
}
