import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { queryKeys } from '../../api/queryKeys.ts'
import { Link } from '../../router.tsx'
import type { PlanSnapshot } from '../action-plan/planStore.ts'
import { usePlan } from '../action-plan/usePlan.ts'
import { useLiveWorkspace } from '../comments/workspaceEvents.ts'
import { sectionBySlug, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { DecisionActionForm } from './DecisionActionForm.tsx'
import { meetingsApi } from './meetingsApi.ts'
import { useErrorToast } from './useErrorToast.ts'

/**
 * The decisions of the meeting in meeting mode, live: each adopted one creates or updates an action
 * of the plan in one step (GOV15, GOV19), and lists the actions it is linked to.
 */
export function MeetingDecisions({ meetingId, planDoc, children }: { meetingId: string; planDoc: Y.Doc | null; children?: ReactNode }) {
  return planDoc ? <WithPlan meetingId={meetingId} doc={planDoc} tools={children} /> : <DecisionList meetingId={meetingId} plan={null} tools={children} />
}

function WithPlan({ meetingId, doc, tools }: { meetingId: string; doc: Y.Doc; tools: ReactNode }) {
  return <DecisionList meetingId={meetingId} plan={usePlan(doc)} tools={tools} />
}

/** `tools`: what the chair may add below the list (noting a decision without a vote). */
function DecisionList({ meetingId, plan, tools }: { meetingId: string; plan: PlanSnapshot | null; tools: ReactNode }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const queryClient = useQueryClient()
  // Read again on this meeting's `meeting.decision` and after a reconnection (api/liveQueries.ts).
  useLiveWorkspace(workspace.id)
  const filters = { meetingId }
  const register = useQuery({ queryKey: queryKeys.decisionRegister(workspace.id, filters), queryFn: () => meetingsApi(workspace.id).register(filters) })
  useErrorToast(register.error)
  const decisions = register.data ?? []
  const load = () => void queryClient.invalidateQueries({ queryKey: queryKeys.decisions(workspace.id) })
  const planUrl = workspaceUrl(workspace.id, sectionBySlug('plan'))
  return (
    <section aria-labelledby="meeting-decisions-title" className="meeting-panel">
      <h2 id="meeting-decisions-title">{t('meetings.meetingDecisions')}</h2>
      {decisions.length === 0 ? (
        <p className="empty">{t('meetings.meetingDecisionsEmpty')}</p>
      ) : (
        <ul className="register" data-testid="meeting-decisions">
          {decisions.map((d) => (
            <li key={d.id} className={`register__item register__item--${d.outcome}`} data-decision-id={d.id}>
              <strong>{d.title}</strong> — {t(`meetings.outcomes.${d.outcome}`)}
              {d.actionIds.length > 0 && (
                <div>
                  <span className="muted">{t('meetings.linkedActionsList')} </span>
                  <ul className="inline-list" data-testid="decision-actions">
                    {d.actionIds.map((id) => (
                      <li key={id}>
                        <Link to={planUrl}>{plan?.byId.get(id)?.title ?? id}</Link>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {d.outcome === 'adopted' && <DecisionActionForm decision={d} plan={plan} onDone={load} />}
            </li>
          ))}
        </ul>
      )}
      {tools}
    </section>
  )
}
