import type { Action } from '@ensemble/shared'
import type { Abilities } from '../workspaces/abilities.ts'

/** Fields of an action as the plan's cells name them. */
export type PlanField =
  | 'title'
  | 'objective'
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

const STEERING_ONLY: readonly PlanField[] = ['deadline', 'accountable']
const OWNERS_ONLY: readonly PlanField[] = ['status', 'progress', 'blockedReason', 'milestones']

/**
 * Which cells of an action the user may change, mirroring the rules the server enforces: steering
 * and admin change everything (deadlines and the accountable member included); the action's
 * responsible and accountable members update its status, progress and milestones; other writers
 * co-edit the rest. The server has the last word and snaps a refused edit back.
 */
export function canEditActionField(abilities: Abilities, userId: string, action: Action, field: PlanField): boolean {
  if (!abilities.editPlan) return false
  if (abilities.steerPlan) return true
  if (STEERING_ONLY.includes(field)) return false
  if (OWNERS_ONLY.includes(field)) return action.accountable === userId || action.responsible.includes(userId)
  return true
}
