import type { Action, ActionStatus } from '../entities/action.ts'
import type { DocumentStatus } from '../entities/documentMeta.ts'
import { can, relationTo, type Actor, type Verb } from '../permissions.ts'

/** Every field of an action, as stored in its Y.Map (layouts/planLayout.ts). */
export const ACTION_FIELDS = [
  'title',
  'objective',
  'objectiveId',
  'description',
  'start',
  'deadline',
  'status',
  'progress',
  'blockedReason',
  'accountable',
  'responsible',
  'consulted',
  'informed',
  'milestones',
  'resources',
  'order',
  'decisionIds',
] as const satisfies readonly (keyof Action)[]
export type ActionField = (typeof ACTION_FIELDS)[number]

/** Which verb of the matrix governs a change of each field (`status` depends on the move: see statusVerb). */
export const ACTION_FIELD_VERBS: Readonly<Record<ActionField, Verb>> = {
  title: 'actions.define',
  objective: 'actions.define',
  // Which objective the action serves: the same right as the free text it replaces (OBJ8).
  objectiveId: 'actions.define',
  description: 'actions.describe',
  start: 'actions.schedule',
  deadline: 'actions.schedule',
  status: 'actions.progress',
  progress: 'actions.progress',
  blockedReason: 'actions.progress',
  accountable: 'actions.assign',
  responsible: 'actions.assign',
  consulted: 'actions.involve',
  informed: 'actions.involve',
  milestones: 'actions.milestones',
  resources: 'actions.resources',
  order: 'actions.reorder',
  // Links to governance decisions: the server writes them (GOV19); by hand, admin and steering only.
  decisionIds: 'actions.assign',
}

/** Statuses that only admin and steering move an action into or out of. */
export const TRIAGE_STATUSES: readonly ActionStatus[] = ['proposed', 'cancelled']

/** The verb a status change needs: triage when it enters or leaves `proposed` or `cancelled`. */
export const statusVerb = (from: ActionStatus | undefined, to: ActionStatus | undefined): Verb =>
  (from !== undefined && TRIAGE_STATUSES.includes(from)) || (to !== undefined && TRIAGE_STATUSES.includes(to)) ? 'actions.triage' : 'actions.progress'

/** Who is acting, as the rules see them. */
export interface ActingMember extends Actor {
  userId: string
}

type ActionPeople = Pick<Action, 'status' | 'accountable' | 'responsible'>

/**
 * May `actor` change `field` of `action` (as it is now)? For `status` this answers whether they may
 * move it at all from its current status; `canSetActionStatus` answers for a given target status.
 */
export function canEditActionField(actor: ActingMember | null | undefined, action: ActionPeople, field: ActionField): boolean {
  if (!actor) return false
  const verb = field === 'status' ? statusVerb(action.status, undefined) : ACTION_FIELD_VERBS[field]
  return can(actor, verb, { relation: relationTo(action, actor.userId), actionStatus: action.status })
}

/** May `actor` move `action` from its current status to `next`? */
export function canSetActionStatus(actor: ActingMember | null | undefined, action: ActionPeople, next: ActionStatus): boolean {
  if (!actor) return false
  return can(actor, statusVerb(action.status, next), { relation: relationTo(action, actor.userId), actionStatus: action.status })
}

/**
 * May `actor` create this action? Editors only propose: status `proposed`, nobody accountable or
 * responsible (steering assigns people when accepting the proposal).
 */
export function canCreateAction(actor: Actor | null | undefined, action: ActionPeople): boolean {
  return can(actor, isBareProposal(action) ? 'actions.propose' : 'actions.create')
}

export const isBareProposal = (action: ActionPeople): boolean => action.status === 'proposed' && action.accountable === null && action.responsible.length === 0

export const canDeleteAction = (actor: Actor | null | undefined): boolean => can(actor, 'actions.delete')
export const canReorderActions = (actor: Actor | null | undefined): boolean => can(actor, 'actions.reorder')
export const canEditPlanMeta = (actor: Actor | null | undefined): boolean => can(actor, 'plan.meta')
export const canEditBodies = (actor: Actor | null | undefined): boolean => can(actor, 'governance.bodies')

/** May `actor` edit the content or title of a document whose status is `status` (none = draft)? */
export const canEditDocument = (actor: Actor | null | undefined, status: DocumentStatus | undefined): boolean =>
  can(actor, 'documents.write', { docStatus: status })

/** May `actor` change a document's status (adopt, reopen…) or its adopted version? */
export const canSetDocumentStatus = (actor: Actor | null | undefined): boolean => can(actor, 'documents.setStatus')
