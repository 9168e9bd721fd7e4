import { DECISION_TYPES, type DecisionType, type MeetingDetail, recordDecisionSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import type { MeetingsApi } from './meetingsApi.ts'

type Outcome = 'adopted' | 'rejected'
interface RecordValues {
  title: string
  decisionType: DecisionType
  outcome: Outcome
  agendaItemId: string
}
type RecordInput = { title: string; decisionType: DecisionType; outcome: Outcome; agendaItemId: string | null }

/**
 * The chair notes a decision taken without a vote (e.g. by consensus); without quorum the server
 * records it as `no_quorum` (GOV13). On the shared schema, its refusals beside their fields (EDGE7).
 */
export function RecordDecisionForm({ detail, api }: { detail: MeetingDetail; api: MeetingsApi }) {
  const { t } = useTranslation()
  const { bind, errorOf, formError, busy, onSubmit, set } = useSchemaForm<RecordValues, RecordInput>(recordDecisionSchema, {
    defaultValues: { title: '', decisionType: 'ordinary', outcome: 'adopted', agendaItemId: '' },
    prepare: (v) => ({ ...v, title: v.title.trim(), agendaItemId: v.agendaItemId || null }),
    describe: useApiErrorHandler(),
  })
  const submit = onSubmit(async (data) => {
    await api.record(detail.meeting.id, data)
    set('title', '')
  })
  const select = (name: 'decisionType' | 'outcome' | 'agendaItemId', label: string, options: { value: string; label: string }[]) => {
    const field = bind(name)
    return (
      <Field label={label} error={errorOf(name)}>
        {(control) => (
          <select {...control} value={field.value} onChange={field.onChange}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    )
  }
  const title = bind('title')
  return (
    <form onSubmit={submit} className="form vote-form" noValidate aria-label={t('meetings.recordDecision')} data-testid="record-decision">
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <Field label={t('meetings.decisionTitle')} error={errorOf('title')}>
        {(control) => <input {...control} value={title.value} onChange={title.onChange} required maxLength={200} />}
      </Field>
      {select(
        'decisionType',
        t('meetings.decisionType'),
        DECISION_TYPES.map((d) => ({ value: d, label: t(`meetings.decisionTypes.${d}`) })),
      )}
      {select(
        'outcome',
        t('meetings.filterOutcome'),
        (['adopted', 'rejected'] as const).map((o) => ({ value: o, label: t(`meetings.outcomes.${o}`) })),
      )}
      {detail.agenda.length > 0 &&
        select('agendaItemId', t('meetings.agendaItem'), [
          { value: '', label: t('meetings.noAgendaItem') },
          ...detail.agenda.map((i) => ({ value: i.id, label: i.title })),
        ])}
      <button type="submit" className="button" disabled={busy}>
        {t('meetings.recordDecision')}
      </button>
    </form>
  )
}
