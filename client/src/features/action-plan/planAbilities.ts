import { type Action, ACTION_STATUSES, type ActionStatus, can, relationTo, type Role, type Verb } from '@ensemble/shared'

/** Fields of an action as the plan's cells name them. */
export type PlanField =
  | 'title'
  | 'objective'
  | 'objectiveId'
  | 'description'
  | 'start'
  | 'deadline'
  | 'status'
  | 'progress'
  | 'blockedReason'
  | 'accountable'
  | 'responsible'
  | 'consulted'
  | 'informed'
  | 'milestones'
  | 'resources'

/** Which verb of the shared matrix governs each field (docs/RULES.md). */
const VERB: Record<PlanField, Verb> = {
  title: 'actions.define',
  objective: 'actions.define',
  objectiveId: 'actions.define',
  description: 'actions.describe',
  start: 'actions.schedule',
  deadline: 'actions.schedule',
  accountable: 'actions.assign',
  responsible: 'actions.assign',
  consulted: 'actions.involve',
  informed: 'actions.involve',
  resources: 'actions.resources',
  milestones: 'actions.milestones',
  progress: 'actions.progress',
  blockedReason: 'actions.progress',
  status: 'actions.progress',
}

/** Statuses one moves between while working; entering or leaving the others is triage. */
const TRIAGE: readonly ActionStatus[] = ['proposed', 'cancelled']

const targetOf = (action: Action, userId: string) => ({ relation: relationTo(action, userId), actionStatus: action.status })

/** May this user change this field of this action? Same answer as the server's. */
export function canEditActionField(role: Role, userId: string, action: Action, field: PlanField): boolean {
  return can({ role }, VERB[field], targetOf(action, userId))
}

/** The statuses this user may set on this action (its current one included, to display it). */
export function allowedStatuses(role: Role, userId: string, action: Action): ActionStatus[] {
  const target = targetOf(action, userId)
  return ACTION_STATUSES.filter((next) => {
    if (next === action.status) return true
    const verb: Verb = TRIAGE.includes(next) || TRIAGE.includes(action.status) ? 'actions.triage' : 'actions.progress'
    return can({ role }, verb, target)
  })
}
