import { DECISION_TYPES, type DecisionType, type MeetingDetail } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LabelledSelect } from './LabelledSelect.tsx'
import type { MeetingsApi } from './meetingsApi.ts'

/** The chair notes a decision taken without a vote (e.g. by consensus); without quorum the server records it as `no_quorum` (GOV13). */
export function RecordDecisionForm({ detail, api, onError }: { detail: MeetingDetail; api: MeetingsApi; onError(error: unknown): void }) {
  const { t } = useTranslation()
  const [title, setTitle] = useState('')
  const [decisionType, setDecisionType] = useState<DecisionType>('ordinary')
  const [outcome, setOutcome] = useState<'adopted' | 'rejected'>('adopted')
  const [agendaItemId, setAgendaItemId] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!title.trim()) return
    api.record(detail.meeting.id, { title: title.trim(), decisionType, outcome, agendaItemId: agendaItemId || null }).then(() => setTitle(''), onError)
  }
  return (
    <form onSubmit={submit} className="vote-form" aria-label={t('meetings.recordDecision')} data-testid="record-decision">
      <label>
        {t('meetings.decisionTitle')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
      </label>
      <LabelledSelect
        label={t('meetings.decisionType')}
        value={decisionType}
        onChange={(v) => setDecisionType(v as DecisionType)}
        options={DECISION_TYPES.map((d) => ({ value: d, label: t(`meetings.decisionTypes.${d}`) }))}
      />
      <LabelledSelect
        label={t('meetings.filterOutcome')}
        value={outcome}
        onChange={(v) => setOutcome(v as 'adopted' | 'rejected')}
        options={(['adopted', 'rejected'] as const).map((o) => ({ value: o, label: t(`meetings.outcomes.${o}`) }))}
      />
      {detail.agenda.length > 0 && (
        <LabelledSelect
          label={t('meetings.agendaItem')}
          value={agendaItemId}
          onChange={setAgendaItemId}
          empty={t('meetings.noAgendaItem')}
          options={detail.agenda.map((i) => ({ value: i.id, label: i.title }))}
        />
      )}
      <button type="submit" className="button">
        {t('meetings.recordDecision')}
      </button>
    </form>
  )
}
