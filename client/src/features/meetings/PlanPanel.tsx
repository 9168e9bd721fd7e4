import { useTranslation } from 'react-i18next'
import { usePlan } from '../action-plan/usePlan.ts'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import { Link } from '../../router.tsx'
import { sectionBySlug, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type * as Y from 'yjs'

/** The action plan beside the minutes, live and compact: title, status, deadline (the room opens the plan once). */
export function PlanPanel({ collab }: { collab: CollabDoc | null }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  return (
    <section aria-labelledby="plan-title" className="meeting-panel">
      <h2 id="plan-title">
        <Link to={workspaceUrl(workspace.id, sectionBySlug('plan'))}>{t('meetings.plan')}</Link>
      </h2>
      {collab ? <PlanList doc={collab.doc} /> : <p aria-busy="true">{t('app.loading')}</p>}
    </section>
  )
}

function PlanList({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation()
  const plan = usePlan(doc)
  if (plan.ids.length === 0) return <p className="empty">{t('meetings.planEmpty')}</p>
  return (
    <ul className="meeting-plan" data-testid="meeting-plan">
      {plan.ids.map((id) => {
        const action = plan.byId.get(id)!
        return (
          <li key={id} data-action-id={id}>
            <span>{action.title}</span> <span className={`status status--${action.status}`}>{t(`plan.statuses.${action.status}`)}</span>
            {action.deadline && <span className="muted"> · {action.deadline}</span>}
          </li>
        )
      })}
    </ul>
  )
}
