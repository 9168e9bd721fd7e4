import { type Action, ACTION_STATUSES, type ActionStatus, type Member, WRITING_ROLES } from '@ensemble/shared'
import { memo, type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { DateCell } from '../collab/cells/DateCell.tsx'
import { NumberCell } from '../collab/cells/NumberCell.tsx'
import { SelectCell } from '../collab/cells/SelectCell.tsx'
import { writeUnlessRefused } from '../collab/cells/writeUnlessRefused.ts'
import { TextCell } from '../collab/cells/TextCell.tsx'
import type { ObjectiveChoices } from './objectiveChoices.ts'
import { ObjectivePicker } from './ObjectivePicker.tsx'
import { CommentTargetButton } from '../comments/TargetComments.tsx'
import type { Abilities } from '../workspaces/abilities.ts'
import { ActionDetail } from './ActionDetail.tsx'
import { BlockedReasonDialog } from './BlockedReasonDialog.tsx'
import type { ChoosableColumn } from './planColumns.ts'
import { isOverdue } from './overdue.ts'
import { allowedStatuses, canEditActionField, type PlanField } from './planAbilities.ts'
import { deleteAction, moveAction, setActionField, setActionFields, toggleInList } from './planWrites.ts'
import type { ActionRules } from './useActionRules.ts'
import { PeoplePicker } from './PeoplePicker.tsx'

/** Column order of the plan table; widths live in plan.css (`.col-<key>`). */
export const PLAN_COLUMN_KEYS = [
  'order',
  'title',
  'objective',
  'start',
  'deadline',
  'status',
  'progress',
  'accountable',
  'responsible',
  'consulted',
  'informed',
  'tools',
] as const
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
  /** The shared rules, run before each write. */
  rules: ActionRules
  today: string
  expanded: boolean
  onToggleExpanded(id: string): void
  onMoved(id: string, direction: -1 | 1): void
  /** A row of the preview shown before the document is synced: nothing can be changed yet. */
  readOnly?: boolean
  /** The operational objectives the action may serve (OBJ8). */
  objectives: ObjectiveChoices
  /** Its row's position among the table's rows (aria-rowindex) when the plan is filtered or grouped; default index + 2. */
  rowIndex?: number
  /** Moving up and down in the whole plan makes sense only when the whole plan is shown in its order. */
  reorderable?: boolean
  /** Tells apart the rows of one action shown twice (grouped by partner: under each of its partners). */
  instance?: string
  /** Columns the person chose to hide: their cells move to the detail (PLANUI3). */
  hidden?: ReadonlySet<ChoosableColumn>
}

const SHOW_ALL: ReadonlySet<ChoosableColumn> = new Set()

/** One action: every cell edits one field of the action's Y.Map, nothing rewrites the row. */
export const ActionRow = memo(function ActionRow(props: ActionRowProps) {
  const { id, action, index, count, doc, members, userId, abilities, rules, today, expanded, onToggleExpanded, onMoved, readOnly = false, objectives } = props
  const { rowIndex = index + 2, reorderable = true, instance = '', hidden = SHOW_ALL } = props
  const { t } = useTranslation()
  const entity = `actions/${id}`
  const title = action.title.trim() || t('plan.untitled')
  // Once per row, not once per cell: a plan renders dozens of rows at once, ten labels each.
  const columns = columnNames(t)
  const label = (column: keyof typeof columns) => t('plan.cellLabel', { column: columns[column], title })
  const can = (field: PlanField) => !readOnly && canEditActionField(abilities.role, userId, action, field)
  const statuses = readOnly ? [action.status] : allowedStatuses(abilities.role, userId, action)
  const overdue = isOverdue(action, today)
  const detailId = `action-detail-${id}${instance ? `-${instance}` : ''}`
  // Only members who may write can be accountable or responsible (VAL5).
  const doers = members.filter((m) => WRITING_ROLES.includes(m.role))
  const memberOptions = doers.map((m) => ({ value: m.userId, label: m.name }))
  const check = (change: Partial<Action>) => rules(id, action, change)
  const [askingReason, setAskingReason] = useState(false)
  const block = (reason: string): string | null => {
    const change: Partial<Action> = { status: 'blocked', blockedReason: reason }
    const problem = check(change)
    if (problem) return problem
    setActionFields(doc, id, change as Record<string, string>)
    return null
  }

  /** A status change may need other fields in the same edit: done is 100 %, blocked says why. */
  const changeStatus = (next: ActionStatus | null): string | null => {
    if (!next || next === action.status) return null
    const change: Partial<Action> = { status: next }
    if (next === 'done') change.progress = 100
    // Blocked says why, asked in the page; the status changes only once the reason is given (PLANUI6).
    if (next === 'blocked' && !action.blockedReason.trim()) {
      setAskingReason(true)
      return null
    }
    const problem = check(change)
    if (problem) return problem
    setActionFields(doc, id, change as Record<string, string | number | null>)
    return null
  }

  /** Picks the objective served; the free text it replaces goes in the same edit (OBJ10). */
  const pickObjective = (next: string | null): string | null => {
    const change: Partial<Action> = { objectiveId: next }
    if (next !== null && action.objective !== '') change.objective = ''
    const problem = check(change)
    if (problem) return problem
    setActionFields(doc, id, change as Record<string, string | null>)
    return null
  }

  /** Adds or removes one person of R, C or I, unless the rules refuse the resulting list. */
  const togglePerson = (field: 'responsible' | 'consulted' | 'informed', memberId: string, on: boolean): string | null => {
    const next = on ? [...action[field].filter((m) => m !== memberId), memberId] : action[field].filter((m) => m !== memberId)
    const problem = check({ [field]: next })
    if (problem) return problem
    toggleInList(doc, id, field, memberId, on)
    return null
  }

  // Each column's cell, in the row and, when its column is hidden, in the detail (PLANUI3).
  const cells: Record<ChoosableColumn, ReactNode> = {
    objective: (
      <>
        <ObjectivePicker
          label={label('objective')}
          value={action.objectiveId}
          legacyText={action.objective}
          choices={objectives}
          entity={entity}
          disabled={!can('objectiveId')}
          onCommit={pickObjective}
          testId="action-objective"
        />
      </>
    ),
    start: (
      <>
        <DateCell
          label={label('start')}
          value={action.start}
          entity={entity}
          field="start"
          readOnly={!can('start')}
          validate={(v) => check({ start: v || null })}
          onCommit={(v) => setActionField(doc, id, 'start', v)}
        />
      </>
    ),
    deadline: (
      <>
        <DateCell
          label={label('deadline')}
          value={action.deadline}
          entity={entity}
          field="deadline"
          readOnly={!can('deadline')}
          validate={(v) => check({ deadline: v || null })}
          onCommit={(v) => setActionField(doc, id, 'deadline', v)}
          testId="action-deadline"
        />
        {overdue && <span className="badge badge--overdue">{t('plan.overdue')}</span>}
      </>
    ),
    status: (
      <>
        <SelectCell<ActionStatus>
          label={label('status')}
          value={action.status}
          options={ACTION_STATUSES.filter((s) => statuses.includes(s)).map((s) => ({ value: s, label: t(`plan.statuses.${s}`) }))}
          entity={entity}
          field="status"
          disabled={statuses.length < 2}
          onCommit={changeStatus}
          className={`status status--${action.status}`}
          testId="action-status"
        />
      </>
    ),
    progress: (
      <>
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
          validate={(v) => check({ progress: Number(v) })}
          onCommit={(v) => setActionField(doc, id, 'progress', v)}
          testId="action-progress"
        />
        <span className="progress" aria-hidden="true">
          <span className="progress__bar" style={{ width: `${Math.max(0, Math.min(100, Number(action.progress) || 0))}%` }} />
        </span>
      </>
    ),
    accountable: (
      <>
        <SelectCell<string>
          label={label('accountable')}
          value={action.accountable}
          options={memberOptions}
          emptyLabel={t('plan.unassigned')}
          entity={entity}
          field="accountable"
          disabled={!can('accountable')}
          onCommit={(v) => writeUnlessRefused(check({ accountable: v }), () => setActionField(doc, id, 'accountable', v))}
          testId="action-accountable"
        />
      </>
    ),
    ...Object.fromEntries(
      (['responsible', 'consulted', 'informed'] as const).map((field) => [
        field,
        <PeoplePicker
          key={field}
          label={label(field)}
          legend={columns[field]}
          selected={action[field]}
          members={field === 'responsible' ? doers : members}
          disabled={!can(field)}
          entity={entity}
          field={field}
          onToggle={(memberId, on) => togglePerson(field, memberId, on)}
        />,
      ]),
    ),
  } as Record<ChoosableColumn, ReactNode>

  return (
    <>
      <tr
        className={`action-row${overdue ? ' is-overdue' : ''} status-row--${action.status}`}
        aria-rowindex={rowIndex}
        data-action-id={id}
        data-testid="action-row"
      >
        <td className="action-row__index">{index + 1}</td>
        <th scope="row" className="action-row__title">
          <TextCell
            label={label('title')}
            value={action.title}
            entity={entity}
            field="title"
            readOnly={!can('title')}
            validate={(v) => check({ title: v.trim() })}
            onCommit={(v) => setActionField(doc, id, 'title', v.trim())}
            testId="action-title"
            wrap
          />
        </th>
        <td className="col-objective">{hidden.has('objective') ? null : cells.objective}</td>
        <td className="col-start">{hidden.has('start') ? null : cells.start}</td>
        <td className="col-deadline action-row__deadline">{hidden.has('deadline') ? null : cells.deadline}</td>
        <td className="col-status">{hidden.has('status') ? null : cells.status}</td>
        <td className="col-progress action-row__progress">{hidden.has('progress') ? null : cells.progress}</td>
        <td className="col-accountable">{hidden.has('accountable') ? null : cells.accountable}</td>
        {(['responsible', 'consulted', 'informed'] as const).map((field) => (
          <td key={field} className={`col-${field}`}>
            {hidden.has(field) ? null : cells[field]}
          </td>
        ))}
        <td className="action-row__tools">
          {askingReason && <BlockedReasonDialog title={title} onBlock={block} onClose={() => setAskingReason(false)} />}
          <button
            type="button"
            className="button button--small"
            aria-expanded={expanded}
            aria-controls={detailId}
            onClick={() => onToggleExpanded(id)}
            disabled={readOnly}
            data-tool="details"
          >
            {t('plan.details')}
            <span className="visually-hidden"> — {title}</span>
          </button>
          <CommentTargetButton target={{ targetKind: 'action', targetId: id }} label={t('comments.targets.action', { title })} />
          {abilities.reorderActions && reorderable && !readOnly && (
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
          {abilities.deleteActions && !readOnly && (
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
          )}
        </td>
      </tr>
      {expanded && (
        <tr className="action-detail-row" id={detailId}>
          <td colSpan={PLAN_COLUMNS}>
            <ActionDetail
              id={id}
              action={action}
              title={title}
              doc={doc}
              canEdit={(field) => can(field)}
              check={check}
              objectives={objectives}
              onPickObjective={pickObjective}
              moved={[...hidden].filter((key) => key !== 'objective').map((key) => ({ key, name: columns[key], cell: cells[key] }))}
            />
          </td>
        </tr>
      )}
    </>
  )
})

type ColumnKey = 'title' | 'objective' | 'start' | 'deadline' | 'status' | 'progress' | 'accountable' | 'responsible' | 'consulted' | 'informed'

/**
 * Column names, shared by the table header and each cell's accessible name. `t` is typed by the
 * keys it is asked for: the whole `useTranslation()['t']` type, instantiated here without a call
 * site, grows with the number of strings until TypeScript gives up (TS2589).
 */
export function columnNames(t: (key: `plan.columns.${ColumnKey}`) => string) {
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
