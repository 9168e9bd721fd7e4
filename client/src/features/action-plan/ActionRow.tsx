import { type Action, ACTION_STATUSES, type ActionStatus, actionSchema, isoDateSchema, type Member } from '@ensemble/shared'
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { checkWith } from '../../components/validation.ts'
import { DateCell } from '../collab/cells/DateCell.tsx'
import { NumberCell } from '../collab/cells/NumberCell.tsx'
import { SelectCell } from '../collab/cells/SelectCell.tsx'
import { TextCell } from '../collab/cells/TextCell.tsx'
import type { Abilities } from '../workspaces/abilities.ts'
import { ActionDetail } from './ActionDetail.tsx'
import { isOverdue } from './overdue.ts'
import { allowedStatuses, canEditActionField, type PlanField } from './planAbilities.ts'
import { deleteAction, moveAction, setActionField, toggleInList } from './planWrites.ts'
import { PeoplePicker } from './PeoplePicker.tsx'

/** Column order of the plan table; widths live in plan.css (`.col-<key>`). */
export const PLAN_COLUMN_KEYS = ['order', 'title', 'objective', 'start', 'deadline', 'status', 'progress', 'accountable', 'responsible', 'consulted', 'informed', 'tools'] as const
export const PLAN_COLUMNS = PLAN_COLUMN_KEYS.length

interface ActionRowProps {
  id: string
  action: Action
  index: number
  count: number
  doc: Y.Doc
  members: readonly Member[]
  userId: string
  abilities: Abilities
  today: string
  expanded: boolean
  onToggleExpanded(id: string): void
  onMoved(id: string, direction: -1 | 1): void
}

/** One action: every cell edits one field of the action's Y.Map, nothing rewrites the row. */
export const ActionRow = memo(function ActionRow(props: ActionRowProps) {
  const { id, action, index, count, doc, members, userId, abilities, today, expanded, onToggleExpanded, onMoved } = props
  const { t } = useTranslation()
  const entity = `actions/${id}`
  const title = action.title.trim() || t('plan.untitled')
  const label = (column: keyof ReturnType<typeof columnNames>) => t('plan.cellLabel', { column: columnNames(t)[column], title })
  const can = (field: PlanField) => canEditActionField(abilities.role, userId, action, field)
  const statuses = allowedStatuses(abilities.role, userId, action)
  const overdue = isOverdue(action, today)
  const detailId = `action-detail-${id}`
  const memberOptions = members.map((m) => ({ value: m.userId, label: m.name }))

  const validDate = (value: string) => (value === '' ? null : checkWith(isoDateSchema, value, t))

  return (
    <>
      <tr className={`action-row${overdue ? ' is-overdue' : ''} status-row--${action.status}`} data-action-id={id} data-testid="action-row">
        <td className="action-row__index">{index + 1}</td>
        <th scope="row" className="action-row__title">
          <TextCell
            label={label('title')}
            value={action.title}
            entity={entity}
            field="title"
            readOnly={!can('title')}
            validate={(v) => checkWith(actionSchema.shape.title, v, t)}
            onCommit={(v) => setActionField(doc, id, 'title', v.trim())}
            testId="action-title"
            wrap
          />
        </th>
        <td>
          <TextCell
            label={label('objective')}
            value={action.objective}
            entity={entity}
            field="objective"
            readOnly={!can('objective')}
            validate={(v) => checkWith(actionSchema.shape.objective, v, t)}
            onCommit={(v) => setActionField(doc, id, 'objective', v)}
            testId="action-objective"
            wrap
          />
        </td>
        <td>
          <DateCell
            label={label('start')}
            value={action.start}
            entity={entity}
            field="start"
            readOnly={!can('start')}
            validate={(v) => validDate(v) ?? (v && action.deadline && v > action.deadline ? t('errors.deadlineBeforeStart') : null)}
            onCommit={(v) => setActionField(doc, id, 'start', v)}
          />
        </td>
        <td className="action-row__deadline">
          <DateCell
            label={label('deadline')}
            value={action.deadline}
            entity={entity}
            field="deadline"
            readOnly={!can('deadline')}
            validate={(v) => validDate(v) ?? (v && action.start && v < action.start ? t('errors.deadlineBeforeStart') : null)}
            onCommit={(v) => setActionField(doc, id, 'deadline', v)}
            testId="action-deadline"
          />
          {overdue && <span className="badge badge--overdue">{t('plan.overdue')}</span>}
        </td>
        <td>
          <SelectCell<ActionStatus>
            label={label('status')}
            value={action.status}
            options={ACTION_STATUSES.filter((s) => statuses.includes(s)).map((s) => ({ value: s, label: t(`plan.statuses.${s}`) }))}
            entity={entity}
            field="status"
            disabled={statuses.length < 2}
            onCommit={(v) => v && setActionField(doc, id, 'status', v)}
            className={`status status--${action.status}`}
            testId="action-status"
          />
        </td>
        <td className="action-row__progress">
          <NumberCell
            label={label('progress')}
            value={action.progress}
            entity={entity}
            field="progress"
            readOnly={!can('progress')}
            min={0}
            max={100}
            step={5}
            suffix="%"
            validate={(v) => (checkWith(actionSchema.shape.progress, Number(v), t) ? t('errors.numberRange', { min: 0, max: 100 }) : null)}
            onCommit={(v) => setActionField(doc, id, 'progress', v)}
            testId="action-progress"
          />
          <span className="progress" aria-hidden="true">
            <span className="progress__bar" style={{ width: `${Math.max(0, Math.min(100, Number(action.progress) || 0))}%` }} />
          </span>
        </td>
        <td>
          <SelectCell<string>
            label={label('accountable')}
            value={action.accountable}
            options={memberOptions}
            emptyLabel={t('plan.unassigned')}
            entity={entity}
            field="accountable"
            disabled={!can('accountable')}
            onCommit={(v) => setActionField(doc, id, 'accountable', v)}
            testId="action-accountable"
          />
        </td>
        {(['responsible', 'consulted', 'informed'] as const).map((field) => (
          <td key={field}>
            <PeoplePicker
              label={label(field)}
              legend={columnNames(t)[field]}
              selected={action[field]}
              members={members}
              disabled={!can(field)}
              entity={entity}
              field={field}
              onToggle={(memberId, on) => toggleInList(doc, id, field, memberId, on)}
            />
          </td>
        ))}
        <td className="action-row__tools">
          <button type="button" className="button button--small" aria-expanded={expanded} aria-controls={detailId} onClick={() => onToggleExpanded(id)} data-tool="details">
            {t('plan.details')}
            <span className="visually-hidden"> — {title}</span>
          </button>
          {abilities.reorderActions && (
            <>
              <button
                type="button"
                className="button button--small button--icon"
                aria-label={t('plan.moveUp', { title })}
                title={t('plan.moveUp', { title })}
                disabled={index === 0}
                data-tool="up"
                onClick={() => {
                  moveAction(doc, id, -1)
                  onMoved(id, -1)
                }}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--small button--icon"
                aria-label={t('plan.moveDown', { title })}
                title={t('plan.moveDown', { title })}
                disabled={index === count - 1}
                data-tool="down"
                onClick={() => {
                  moveAction(doc, id, 1)
                  onMoved(id, 1)
                }}
              >
                ↓
              </button>
            </>
          )}
          {abilities.deleteActions && (
            <>
              <button
                type="button"
                className="button button--small button--danger button--icon"
                aria-label={t('plan.deleteAction', { title })}
                title={t('plan.deleteAction', { title })}
                data-tool="delete"
                onClick={() => {
                  if (window.confirm(t('plan.confirmDelete', { title }))) deleteAction(doc, id)
                }}
              >
                ×
              </button>
            </>
          )}
        </td>
      </tr>
      {expanded && (
        <tr className="action-detail-row" id={detailId}>
          <td colSpan={PLAN_COLUMNS}>
            <ActionDetail id={id} action={action} title={title} doc={doc} canEdit={(field) => can(field)} />
          </td>
        </tr>
      )}
    </>
  )
})

/** Column names, shared by the table header and each cell's accessible name. */
export function columnNames(t: ReturnType<typeof useTranslation>['t']) {
  return {
    title: t('plan.columns.title'),
    objective: t('plan.columns.objective'),
    start: t('plan.columns.start'),
    deadline: t('plan.columns.deadline'),
    status: t('plan.columns.status'),
    progress: t('plan.columns.progress'),
    accountable: t('plan.columns.accountable'),
    responsible: t('plan.columns.responsible'),
    consulted: t('plan.columns.consulted'),
    informed: t('plan.columns.informed'),
  }
}
