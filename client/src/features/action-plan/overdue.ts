import { type Action, todayIso } from '@ensemble/shared'

/** An open action whose deadline has passed. */
export const isOverdue = (action: Pick<Action, 'deadline' | 'status'>, today: string = todayIso()): boolean =>
  action.deadline !== null && action.deadline < today && action.status !== 'done' && action.status !== 'cancelled'
