import { type CommentThread, todayIso } from '@ensemble/shared'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useToasts } from '../../components/Toasts.tsx'
import { useMe } from '../auth/SessionContext.tsx'
import { CollabContext } from '../collab/CollabContext.tsx'
import { ConnectionStatus } from '../collab/ConnectionStatus.tsx'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'
import { TargetCommentsProvider } from '../comments/TargetComments.tsx'
import { PresenceList } from '../presence/PresenceList.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { ActionRow, columnNames, PLAN_COLUMN_KEYS } from './ActionRow.tsx'
import { planThreadLabel } from './commentTargets.ts'
import { isOverdue } from './overdue.ts'
import { PlanPeriod } from './PlanPeriod.tsx'
import { addAction } from './planWrites.ts'
import { useActionRules } from './useActionRules.ts'
import { usePlan } from './usePlan.ts'

/** Plan d'action: the live table of actions, edited cell by cell by everyone at once. */
export function ActionPlanPage() {
  const { t } = useTranslation()
  const collab = useCollabDoc('plan')
  return (
    <div className="page page--wide">
      {collab ? (
        <CollabContext.Provider value={collab}>
          <PlanBody collab={collab} />
        </CollabContext.Provider>
      ) : (
        // No heading until the document exists: the real one must be the one that gets focus.
        <p aria-busy="true">{t('app.loading')}</p>
      )}
    </div>
  )
}

/** After a re-render has moved or created the row, put focus back where the user expects it. */
function focusLater(...selectors: string[]) {
  window.requestAnimationFrame(() => {
    for (const selector of selectors) {
      const target = document.querySelector<HTMLElement>(selector)
      if (target) return target.focus()
    }
  })
}

function PlanBody({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const me = useMe()
  const { workspace, abilities } = useWorkspace()
  const { notify } = useToasts()
  const plan = usePlan(collab.doc)
  const rules = useActionRules(collab.doc)
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  const today = todayIso()
  const columns = columnNames(t)
  const overdue = plan.ids.filter((id) => {
    const action = plan.byId.get(id)
    return action && isOverdue(action, today)
  }).length

  const toggle = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }, [])
  const onMoved = useCallback((id: string, direction: -1 | 1) => {
    // The moved button, unless the row reached the end and it is now disabled.
    focusLater(`[data-action-id="${id}"] [data-tool="${direction === -1 ? 'up' : 'down'}"]:not(:disabled)`, `[data-action-id="${id}"] [data-tool="details"]`)
  }, [])

  const add = () => {
    const id = addAction(collab.doc, t('plan.newActionTitle'))
    notify(t('plan.actionAdded'), 'success')
    focusLater(`[data-action-id="${id}"] [data-field="title"]`)
  }

  const threadLabel = useCallback((thread: CommentThread) => planThreadLabel(t, thread, (id) => plan.byId.get(id)), [t, plan])

  return (
    <TargetCommentsProvider docName="plan" labelOf={threadLabel}>
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>{t('plan.title')}</h1>
          {overdue > 0 && <p className="badge badge--overdue">{t('plan.overdueCount', { count: overdue })}</p>}
        </div>
        <ConnectionStatus snapshot={collab} />
      </header>
      {!abilities.proposeActions && !abilities.createActions && <p className="notice">{t('plan.readOnly')}</p>}
      <div className="plan-toolbar">
        <PlanPeriod doc={collab.doc} plan={plan} canEdit={abilities.editPlanMeta && collab.synced} />
        {(abilities.createActions || abilities.proposeActions) && (
          <button type="button" className="button button--primary" onClick={add} disabled={!collab.synced} data-testid="add-action">
            + {t('plan.addAction')}
          </button>
        )}
      </div>
      <aside aria-label={t('presence.title')} className="presence-bar">
        <PresenceList collab={collab} />
      </aside>
      <div className="table-scroll" role="region" aria-labelledby="plan-caption" tabIndex={0}>
        <table className="plan-table" data-testid="plan-table">
          <caption id="plan-caption">{t('plan.tableCaption')}</caption>
          <colgroup>
            {PLAN_COLUMN_KEYS.map((key) => (
              <col key={key} className={`col-${key}`} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('plan.columns.order')}</th>
              <th scope="col">{columns.title}</th>
              <th scope="col">{columns.objective}</th>
              <th scope="col">{columns.start}</th>
              <th scope="col">{columns.deadline}</th>
              <th scope="col">{columns.status}</th>
              <th scope="col">{columns.progress}</th>
              <th scope="col">{columns.accountable}</th>
              <th scope="col">{columns.responsible}</th>
              <th scope="col">{columns.consulted}</th>
              <th scope="col">{columns.informed}</th>
              <th scope="col">{t('plan.columns.tools')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.ids.map((id, index) => {
              const action = plan.byId.get(id)
              if (!action) return null
              return (
                <ActionRow
                  key={id}
                  id={id}
                  action={action}
                  index={index}
                  count={plan.ids.length}
                  doc={collab.doc}
                  members={workspace.members}
                  userId={me.id}
                  abilities={abilities}
                  rules={rules}
                  today={today}
                  expanded={expanded.has(id)}
                  onToggleExpanded={toggle}
                  onMoved={onMoved}
                />
              )
            })}
          </tbody>
        </table>
        {collab.synced && plan.ids.length === 0 && <p className="empty">{t('plan.empty')}</p>}
        {!collab.synced && <p className="muted" aria-busy="true">{t('documents.syncing')}</p>}
      </div>
    </TargetCommentsProvider>
  )
}
