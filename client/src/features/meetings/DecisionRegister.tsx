import { type CommentThread, DECISION_TYPES, type Decision, type DecisionType } from '@ensemble/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../comments/formatDateTime.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'
import { CommentTargetButton, TargetCommentsProvider } from '../comments/TargetComments.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CollegeExplanation } from './CollegeExplanation.tsx'
import { DecisionActionForm } from './DecisionActionForm.tsx'
import { LabelledSelect } from './LabelledSelect.tsx'
import { meetingsApi } from './meetingsApi.ts'
import { useErrorToast } from './useErrorToast.ts'

const OUTCOMES = ['adopted', 'rejected', 'no_quorum'] as const

/** Every decision of a body, newest first, filtered by outcome and type; adopted ones become actions. */
export function DecisionRegister({ bodyId }: { bodyId: string }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const queryClient = useQueryClient()
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number] | ''>('')
  const [decisionType, setDecisionType] = useState<DecisionType | ''>('')
  // Read again on `meeting.decision` and after a reconnection (api/liveQueries.ts).
  useLiveWorkspace(workspace.id)
  const filters = { bodyId, outcome: outcome || undefined, decisionType: decisionType || undefined }
  const register = useQuery({ queryKey: queryKeys.decisionRegister(workspace.id, filters), queryFn: () => meetingsApi(workspace.id).register(filters) })
  useErrorToast(register.error)
  const decisions = useMemo(() => register.data ?? [], [register.data])
  const load = () => void queryClient.invalidateQueries({ queryKey: queryKeys.decisions(workspace.id) })
  const labelOf = useCallback(
    (d: Pick<Decision, 'title'> | undefined) => (d ? t('comments.targets.decisionNamed', { title: d.title }) : t('comments.targets.decision')),
    [t],
  )
  // Decisions live in the governance document: their threads too, as on the bodies.
  const threadLabel = useCallback((thread: CommentThread) => labelOf(decisions.find((d) => d.id === thread.targetId)), [labelOf, decisions])
  return (
    <section aria-labelledby="register-title" className="meeting-panel">
      <h2 id="register-title">{t('meetings.register')}</h2>
      <div className="filters">
        <LabelledSelect
          label={t('meetings.filterOutcome')}
          value={outcome}
          onChange={setOutcome}
          empty={t('meetings.all')}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`meetings.outcomes.${o}`) }))}
        />{' '}
        <LabelledSelect
          label={t('meetings.filterType')}
          value={decisionType}
          onChange={setDecisionType}
          empty={t('meetings.all')}
          options={DECISION_TYPES.map((d) => ({ value: d, label: t(`meetings.decisionTypes.${d}`) }))}
        />
      </div>
      {decisions.length === 0 ? (
        <p className="empty">{t('meetings.registerEmpty')}</p>
      ) : (
        <TargetCommentsProvider docName="governance" labelOf={threadLabel}>
          <ul className="register" data-testid="decision-register">
            {decisions.map((d) => (
              <li key={d.id} className={`register__item register__item--${d.outcome}`} data-decision-id={d.id}>
                <strong>{d.title}</strong> <CommentTargetButton target={{ targetKind: 'decision', targetId: d.id }} label={labelOf(d)} /> —{' '}
                {t(`meetings.outcomes.${d.outcome}`)} · {t(`meetings.decisionTypes.${d.decisionType}`)} ·{' '}
                {t('meetings.decidedOn', { date: formatDateTime(d.decidedAt) })}
                {d.actionIds.length > 0 && <span className="muted"> · {t('meetings.linkedActions', { count: d.actionIds.length })}</span>}
                {d.result && <CollegeExplanation colleges={d.result.colleges} testId="decision-explanation" />}
                {d.outcome === 'adopted' && <DecisionActionForm decision={d} plan={null} onDone={load} />}
              </li>
            ))}
          </ul>
        </TargetCommentsProvider>
      )}
    </section>
  )
}
