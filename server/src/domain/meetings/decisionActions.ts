import {
  actionsOf,
  buildAction,
  canCreateAction,
  canEditActionField,
  decisionIdsOf,
  keyBetween,
  newId,
  periodOf,
  readAction,
  readPlanMeta,
  setListField,
  sortedActionIds,
  validateAction,
  type Action,
  type ActionField,
  type Decision,
  type DecisionActionInput,
  type DecisionActionUpdate,
  type NewAction,
  type WorkspaceContext,
} from '@ensemble/shared'
import type * as Y from 'yjs'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { AppError, conflict, forbidden, notFound } from '../../errors.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'
import type { Membership } from '../members.ts'
import type { DocAccess } from './docAccess.ts'
import type { VoteBook } from './votes.ts'

/**
 * Where meetings meet the action plan (GOV15, GOV19): from an adopted decision, an action of the
 * plan is created or an existing one updated in one step, written by the server into the plan
 * document only if it passes the shared action rules (the same `validateAction` the live-edit rules
 * run), and linked both ways: the decision lists the action (the register filters by `?actionId=`),
 * the action lists the decision (`decisionIds`).
 */
export class DecisionActions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: WorkspaceEventBus,
    private readonly docs: DocAccess,
    private readonly votes: VoteBook,
    private readonly loadContext: (workspaceId: string) => Promise<WorkspaceContext>,
  ) {}

  async createAction(actor: Membership, decisionId: string, input: DecisionActionInput): Promise<{ actionId: string; decision: Decision }> {
    const { decision, day } = await this.adopted(actor, decisionId)
    const fields: Omit<NewAction, 'order'> = {
      title: input.title ?? decision.title,
      description: noteOf(day, decision),
      status: 'planned',
      accountable: input.accountable,
      responsible: input.responsible,
      // Pre-filled: a planned action starts, by default on the day it was decided.
      start: input.start ?? day,
      deadline: input.deadline,
      decisionIds: [decisionId],
    }
    if (!canCreateAction(actor, { status: 'planned', accountable: fields.accountable ?? null, responsible: fields.responsible ?? [] })) {
      throw forbidden('Only admin and steering create planned actions.')
    }
    const actionId = newId()
    await this.writePlan(actor.workspaceId, actionId, (doc, check) => {
      const ids = sortedActionIds(doc)
      const last = ids.length
        ? (actionsOf(doc)
            .get(ids[ids.length - 1]!)!
            .get('order') as string)
        : null
      const action = { ...fields, order: keyBetween(last, null) }
      if (check({ objective: '', blockedReason: '', progress: 0, consulted: [], informed: [], milestones: {}, resources: {}, ...action } as Action)) {
        actionsOf(doc).set(actionId, buildAction(action))
      }
    })
    return this.link(actor, decision, actionId)
  }

  /**
   * Updates an existing action from a decision (GOV19): the fields given (accountable, responsible,
   * deadline) replace the action's, the decision is noted at the end of its description and added
   * to its `decisionIds`. Each changed field needs the actor's right to change it (PERM5).
   */
  async updateAction(actor: Membership, decisionId: string, actionId: string, input: DecisionActionUpdate): Promise<{ actionId: string; decision: Decision }> {
    const { decision, day } = await this.adopted(actor, decisionId)
    await this.writePlan(actor.workspaceId, actionId, (doc, check) => {
      const map = actionsOf(doc).get(actionId)
      if (!map) throw notFound('Action')
      const current = readAction(map)
      const changed: ActionField[] = ['decisionIds', ...(['accountable', 'responsible', 'deadline'] as const).filter((f) => input[f] !== undefined)]
      const acting = { userId: actor.userId, role: actor.role }
      const refused = changed.find((field) => !canEditActionField(acting, current, field))
      if (refused) throw forbidden(`You may not change the ${refused} of this action.`)
      const note = noteOf(day, decision)
      const next: Action = {
        ...current,
        ...(input.accountable !== undefined ? { accountable: input.accountable } : {}),
        ...(input.responsible !== undefined ? { responsible: input.responsible } : {}),
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        description: current.description ? `${current.description}\n${note}` : note,
        decisionIds: current.decisionIds.includes(decisionId) ? current.decisionIds : [...current.decisionIds, decisionId],
      }
      if (!check(next)) return
      if (input.accountable !== undefined) map.set('accountable', input.accountable)
      if (input.responsible !== undefined) setListField(map, 'responsible', input.responsible)
      if (input.deadline !== undefined) map.set('deadline', input.deadline)
      const description = map.get('description') as Y.Text
      description.insert(description.length, current.description ? `\n${note}` : note)
      if (!decisionIdsOf(map).includes(decisionId)) map.set('decisionIds', [...decisionIdsOf(map), decisionId])
    })
    return this.link(actor, decision, actionId)
  }

  /** The decision, adopted, with the day of its meeting. */
  private async adopted(actor: Membership, decisionId: string): Promise<{ decision: Decision; day: string }> {
    const decision = await this.votes.decision(actor.workspaceId, decisionId)
    if (decision.outcome !== 'adopted') throw conflict('Only an adopted decision becomes or changes an action.')
    const meeting = await this.db.selectFrom('meeting').select('starts_at').where('id', '=', decision.meetingId).executeTakeFirstOrThrow()
    return { decision, day: meeting.starts_at.slice(0, 10) }
  }

  /**
   * Changes the plan document; `check` runs the action rules on the action as it will be and
   * answers whether to go on, the first violation becoming the 422 the caller gets.
   */
  private async writePlan(workspaceId: string, actionId: string, change: (doc: Y.Doc, check: (action: Action) => boolean) => void): Promise<void> {
    const context = await this.loadContext(workspaceId)
    let refusal: AppError | null = null
    await this.docs.change(workspaceId, 'plan', (doc) =>
      change(doc, (action) => {
        const violation = validateAction(action, { workspace: context, period: periodOf(readPlanMeta(doc)) }, `actions/${actionId}`)[0]
        if (violation) refusal = new AppError(422, 'validation_failed', violation.message.en, violation.field, violation.rule)
        return !violation
      }),
    )
    if (refusal) throw refusal
  }

  /** Lists the action on the decision (once) and tells every member. */
  private async link(actor: Membership, decision: Decision, actionId: string): Promise<{ actionId: string; decision: Decision }> {
    // Compare and set: two actions linked to one decision at once both stay listed.
    for (;;) {
      const row = await this.db.selectFrom('decision').select('action_ids').where('id', '=', decision.id).executeTakeFirstOrThrow()
      const ids = JSON.parse(row.action_ids) as string[]
      if (ids.includes(actionId)) break
      const res = await this.db
        .updateTable('decision')
        .set({ action_ids: JSON.stringify([...ids, actionId]) })
        .where('id', '=', decision.id)
        .where('action_ids', '=', row.action_ids)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) > 0) break
    }
    const updated = await this.votes.decision(actor.workspaceId, decision.id)
    this.bus.publish({ workspaceId: actor.workspaceId, type: 'meeting.decision', data: { meetingId: decision.meetingId, decision: updated } })
    return { actionId, decision: updated }
  }
}

/** The line an action gets from a decision, in the alliance's language (French first). */
const noteOf = (day: string, decision: Decision): string => `Décision du ${day} : ${decision.title}`
