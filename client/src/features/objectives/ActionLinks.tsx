import { type Action, PLAN_VIEW_PARAMS } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { sectionBySlug, workspaceUrl } from '../workspaces/sections.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** The actions of the plan that serve an objective (pointing to it, OBJ10), each a link to the plan filtered by it (OBJ11). */
export function ObjectiveActions({
  headingId,
  objectiveId,
  actionIds,
  actions,
}: {
  headingId: string
  objectiveId: string
  actionIds: readonly string[]
  actions: ReadonlyMap<string, Action>
}) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const plan = `${workspaceUrl(workspace.id, sectionBySlug('plan'))}?${PLAN_VIEW_PARAMS.objective}=${encodeURIComponent(objectiveId)}`
  return (
    <section className="objective__actions-list" aria-labelledby={headingId}>
      <h5 id={headingId}>{t('objectives.actions')}</h5>
      {actionIds.length === 0 ? (
        <p>{t('objectives.actionsEmpty')}</p>
      ) : (
        <ul>
          {actionIds.map((id) => (
            <li key={id}>
              <Link to={plan}>{actions.get(id)?.title}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Actions whose free-text objective names no operational objective: kept visible, « objectif à rattacher ». */
export function ActionsToAttach({ actionIds, actions }: { actionIds: readonly string[]; actions: ReadonlyMap<string, Action> }) {
  const { t } = useTranslation()
  if (actionIds.length === 0) return null
  return (
    <section aria-labelledby="to-attach-heading" data-testid="actions-to-attach">
      <h2 id="to-attach-heading">{t('objectives.toAttach')}</h2>
      <p>{t('objectives.toAttachIntro')}</p>
      <ul>
        {actionIds.map((id) => {
          const action = actions.get(id)
          return (
            <li key={id}>
              <strong>{action?.title}</strong> — « {action?.objective} » <span className="badge">{t('objectives.toAttachBadge')}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
