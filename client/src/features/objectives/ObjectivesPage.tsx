import { can, linkActionObjectives } from '@ensemble/shared'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../auth/SessionContext.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { usePlan } from '../action-plan/usePlan.ts'
import { ActionsToAttach } from './ActionLinks.tsx'
import { OperationalObjectiveCard } from './OperationalObjectiveCard.tsx'
import { QuestionsSection } from './QuestionsSection.tsx'
import { addOperationalObjective, addStrategicObjective } from './steeringWrites.ts'
import { StrategicObjectiveCard } from './StrategicObjectiveCard.tsx'
import { useSteering } from './useSteering.ts'
import { useSteeringRules } from './useSteeringRules.ts'
import type { SteeringPageContext } from './pageContext.ts'
import './objectives.css'

/** « Objectifs et indicateurs »: the plan's objectives, indicators and evaluation questions, co-edited live. */
export function ObjectivesPage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('plan')
  return (
    <div className="page page--wide objectives">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <ObjectivesBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

function ObjectivesBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace } = useWorkspace()
  const doc = collab.doc
  const steering = useSteering(doc)
  const rules = useSteeringRules(doc, steering)
  const plan = usePlan(doc)
  // Actions by the objective they point to; those with only free text left, to attach (OBJ10).
  const links = useMemo(
    () =>
      linkActionObjectives(
        plan.ids.flatMap((id) => {
          const action = plan.byId.get(id)
          return action ? [{ id, objective: action.objective, objectiveId: action.objectiveId }] : []
        }),
        steering.operational.map((o) => o.id),
      ),
    [plan, steering.operational],
  )
  const canDefine = can({ role: workspace.role }, 'plan.objectives')
  const page: SteeringPageContext = {
    doc,
    steering,
    rules,
    canDefine,
    userId: me.id,
    partnerId: workspace.partnerId,
    role: workspace.role,
    actions: plan.byId,
    links,
  }
  const strategicIds = new Set(steering.strategic.map((s) => s.id))
  const unattached = steering.operational.filter((o) => o.parentId === null || !strategicIds.has(o.parentId))

  return (
    <>
      <header className="page__header">
        <h1 tabIndex={-1}>{t('objectives.title')}</h1>
        <ConnectionStatus snapshot={collab} />
      </header>
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
      </aside>
      <p className="page__intro">{t('objectives.intro')}</p>
      {!canDefine && <p className="notice">{t('objectives.readOnly')}</p>}
      {collab.synced && (
        <>
          <section aria-labelledby="strategic-heading" data-testid="strategic-objectives">
            <h2 id="strategic-heading">{t('objectives.strategic')}</h2>
            {steering.strategic.length === 0 && <p>{t('objectives.strategicEmpty')}</p>}
            {steering.strategic.map((objective) => (
              <StrategicObjectiveCard key={objective.id} page={page} objective={objective}>
                {steering.operational
                  .filter((o) => o.parentId === objective.id)
                  .map((o) => (
                    <OperationalObjectiveCard key={o.id} page={page} objective={o} />
                  ))}
                {canDefine && (
                  <button
                    type="button"
                    className="button button--small"
                    data-testid={`add-operational-${objective.id}`}
                    onClick={() => addOperationalObjective(doc, t('objectives.newOperational'), objective.id)}
                  >
                    {t('objectives.addOperational')}
                  </button>
                )}
              </StrategicObjectiveCard>
            ))}
            {canDefine && (
              <button type="button" className="button" data-testid="add-strategic" onClick={() => addStrategicObjective(doc, t('objectives.newStrategic'))}>
                {t('objectives.addStrategic')}
              </button>
            )}
          </section>
          {unattached.length > 0 && (
            <section aria-labelledby="unattached-heading">
              <h2 id="unattached-heading">{t('objectives.unattached')}</h2>
              {unattached.map((o) => (
                <OperationalObjectiveCard key={o.id} page={page} objective={o} />
              ))}
            </section>
          )}
          <ActionsToAttach actionIds={links.unattached} actions={plan.byId} />
          <QuestionsSection page={page} />
        </>
      )}
    </>
  )
}
