import type { Action, CommentThread } from '@ensemble/shared'
import type { TFunction } from 'i18next'

/** The fields of an action offered for discussion in its detail, most discussed first. */
export const DISCUSSED_FIELDS = ['deadline', 'start', 'status', 'progress', 'accountable', 'responsible', 'description', 'resources'] as const

const COLUMN_FIELDS = ['title', 'objective', 'start', 'deadline', 'status', 'progress', 'accountable', 'responsible', 'consulted', 'informed'] as const

/** An action field's name as the plan shows it. */
export function actionFieldName(t: TFunction, field: string): string {
  const column = COLUMN_FIELDS.find((f) => f === field)
  if (column) return t(`plan.columns.${column}`)
  if (field === 'description') return t('plan.description')
  if (field === 'blockedReason') return t('plan.blockedReason')
  if (field === 'milestones') return t('plan.milestones')
  if (field === 'resources') return t('plan.resources')
  return field
}

/** What a thread of the plan is about: "Action : …" or "Échéance de l’action « … »". */
export function planThreadLabel(t: TFunction, thread: CommentThread, actionOf: (id: string) => Action | undefined): string {
  const title = (thread.targetId && actionOf(thread.targetId)?.title.trim()) || t('plan.untitled')
  if (thread.targetKind === 'action_field' && thread.field) return t('comments.targets.actionField', { field: actionFieldName(t, thread.field), title })
  return t('comments.targets.action', { title })
}
