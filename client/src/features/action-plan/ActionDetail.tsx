import type { Action } from '@ensemble/shared'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { TextCell } from '../collab/cells/TextCell.tsx'
import { ActionDecisions } from '../meetings/ActionDecisions.tsx'
import { CommentTargetButton } from '../comments/TargetComments.tsx'
import { ActionHistory } from '../history/ActionHistory.tsx'
import { actionFieldName, DISCUSSED_FIELDS } from './commentTargets.ts'
import { MilestoneList } from './MilestoneList.tsx'
import type { ObjectiveChoices } from './objectiveChoices.ts'
import { ObjectivePicker } from './ObjectivePicker.tsx'
import type { PlanField } from './planAbilities.ts'
import { setActionDescription, setActionField } from './planWrites.ts'
import { ResourceList } from './ResourceList.tsx'

/** The expandable part of a row: why it is blocked, its milestones (jalons) and resources. */
interface ActionDetailProps {
  id: string
  action: Action
  title: string
  doc: Y.Doc
  canEdit(field: PlanField): boolean
  /** The shared rules on a change of this action (null when it may be written). */
  check(change: Partial<Action>): string | null
  objectives: ObjectiveChoices
  /** Picks the objective the action serves (the row's own writer). */
  onPickObjective(value: string | null): string | null
  /** The cells of the columns hidden from the table, edited here instead (PLANUI3). */
  moved?: readonly { key: string; name: string; cell: ReactNode }[]
}

export function ActionDetail({ id, action, title, doc, canEdit, check, objectives, onPickObjective, moved = [] }: ActionDetailProps) {
  const { t } = useTranslation()
  return (
    <section className="action-detail" aria-label={t('plan.detailsOf', { title })}>
      {moved.length > 0 && (
        <div className="action-detail__moved" data-testid="action-detail-moved">
          {moved.map((column) => (
            <div key={column.key} className={`action-detail__cell action-detail__cell--${column.key}`}>
              <p className="action-detail__label" aria-hidden="true">
                {column.name}
              </p>
              {column.cell}
            </div>
          ))}
        </div>
      )}
      <div className="action-detail__objective">
        <ObjectivePicker
          label={`${t('plan.objectiveServed')} — ${title}`}
          showLabel
          value={action.objectiveId}
          legacyText={action.objective}
          choices={objectives}
          entity={`actions/${id}`}
          disabled={!canEdit('objectiveId')}
          onCommit={onPickObjective}
          testId="action-detail-objective"
        />
      </div>
      <div className="action-detail__description">
        <p className="action-detail__label">{t('plan.description')}</p>
        <TextCell
          label={`${t('plan.description')} — ${title}`}
          value={action.description}
          entity={`actions/${id}`}
          field="description"
          multiline
          readOnly={!canEdit('description')}
          validate={(v) => check({ description: v })}
          onCommit={(v) => setActionDescription(doc, id, v)}
          testId="action-description"
        />
      </div>
      {(action.status === 'blocked' || action.blockedReason) && (
        <div className="action-detail__blocked">
          <p className="action-detail__label" id={`blocked-${id}`}>
            {t('plan.blockedReason')}
          </p>
          <TextCell
            label={`${t('plan.blockedReason')} — ${title}`}
            value={action.blockedReason}
            entity={`actions/${id}`}
            field="blockedReason"
            multiline
            readOnly={!canEdit('blockedReason')}
            validate={(v) => check({ blockedReason: v })}
            onCommit={(v) => setActionField(doc, id, 'blockedReason', v)}
          />
        </div>
      )}
      {action.decisionIds.length > 0 && <ActionDecisions ids={action.decisionIds} />}
      <MilestoneList actionId={id} milestones={action.milestones} title={title} doc={doc} canEdit={canEdit('milestones')} check={check} />
      <ResourceList actionId={id} resources={action.resources} title={title} doc={doc} canEdit={canEdit('resources')} check={check} />
      <ActionHistory actionId={id} action={action} />
      <fieldset className="field-comments" aria-label={t('comments.fieldsGroup')}>
        {DISCUSSED_FIELDS.map((field) => (
          <CommentTargetButton
            key={field}
            target={{ targetKind: 'action_field', targetId: id, field }}
            label={t('comments.targets.actionField', { field: actionFieldName(t, field), title })}
            text={t('comments.fieldButton', { field: actionFieldName(t, field) })}
          />
        ))}
      </fieldset>
    </section>
  )
}
