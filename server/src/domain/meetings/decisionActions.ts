import {
  actionsOf,
  agendaSuggestions,
  buildAction,
  canCreateAction,
  keyBetween,
  newId,
  periodOf,
  readPlanMeta,
  sortedActionIds,
  todayIso,
  validateAction,
  type AgendaItem,
  type AgendaSuggestion,
  type Decision,
  type DecisionActionInput,
  type NewAction,
  type WorkspaceContext,
} from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { AppError, conflict, forbidden } from '../../errors.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'
import type { Membership } from '../members.ts'
import type { DocAccess } from './docAccess.ts'
import type { MeetingService } from './service.ts'
import type { VoteBook } from './votes.ts'

/**
 * Where meetings meet the action plan (GOV14–GOV15): an adopted decision becomes an action of the
 * plan in one step, written by the server into the plan document only if it passes the shared
 * action rules (the same `validateAction` the live-edit rules run), and linked both ways: the
 * decision lists the action, and the register filters decisions by action (`?actionId=`).
 * "Suggest agenda" reads blocked and overdue actions from the plan document.
 */
export class DecisionActions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: WorkspaceEventBus,
    private readonly docs: DocAccess,
    private readonly votes: VoteBook,
    private readonly meetings: MeetingService,
    private readonly loadContext: (workspaceId: string) => Promise<WorkspaceContext>,
    private readonly clock: Clock = systemClock,
  ) {}

  async createAction(actor: Membership, decisionId: string, input: DecisionActionInput): Promise<{ actionId: string; decision: Decision }> {
    const decision = await this.votes.decision(actor.workspaceId, decisionId)
    if (decision.outcome !== 'adopted') throw conflict('Only an adopted decision becomes an action.')
    const meeting = await this.db.selectFrom('meeting').select('starts_at').where('id', '=', decision.meetingId).executeTakeFirstOrThrow()
    const fields: Omit<NewAction, 'order'> = {
      title: input.title ?? decision.title,
      description: `Décision du ${meeting.starts_at.slice(0, 10)} : ${decision.title}`,
      status: 'planned',
      accountable: input.accountable,
      responsible: input.responsible,
      // Pre-filled: a planned action starts, by default on the day it was decided.
      start: input.start ?? meeting.starts_at.slice(0, 10),
      deadline: input.deadline,
    }
    if (!canCreateAction(actor, { status: 'planned', accountable: fields.accountable ?? null, responsible: fields.responsible ?? [] })) {
      throw forbidden('Only admin and steering create planned actions.')
    }
    const context = await this.loadContext(actor.workspaceId)
    const actionId = newId()
    let refusal: AppError | null = null
    await this.docs.change(actor.workspaceId, 'plan', (doc) => {
      const ids = sortedActionIds(doc)
      const last = ids.length ? (actionsOf(doc).get(ids[ids.length - 1]!)!.get('order') as string) : null
      const action = { ...fields, order: keyBetween(last, null) }
      const plain = { objective: '', blockedReason: '', progress: 0, consulted: [], informed: [], milestones: {}, resources: {}, ...action }
      const violation = validateAction(plain, { workspace: context, period: periodOf(readPlanMeta(doc)) }, `actions/${actionId}`)[0]
      if (violation) {
        refusal = new AppError(422, 'validation_failed', violation.message.en, violation.field, violation.rule)
        return
      }
      actionsOf(doc).set(actionId, buildAction(action))
    })
    if (refusal) throw refusal
    await this.db
      .updateTable('decision')
      .set({ action_ids: JSON.stringify([...decision.actionIds, actionId]) })
      .where('id', '=', decisionId)
      .execute()
    const updated = await this.votes.decision(actor.workspaceId, decisionId)
    this.bus.publish({ workspaceId: actor.workspaceId, type: 'meeting.decision', data: { meetingId: decision.meetingId, decision: updated } })
    return { actionId, decision: updated }
  }

  async suggestions(workspaceId: string, meetingId: string): Promise<AgendaSuggestion[]> {
    const agenda = await this.meetings.agenda(meetingId)
    const onAgenda = new Set(agenda.flatMap((i) => (i.actionId ? [i.actionId] : [])))
    return this.docs.read(workspaceId, 'plan', (doc) => agendaSuggestions(doc, todayIso(this.clock()), onAgenda))
  }

  /** Adds every suggestion to the agenda, titled after its action. */
  async addSuggestions(actor: Membership, meetingId: string): Promise<AgendaItem[]> {
    const added: AgendaItem[] = []
    for (const s of await this.suggestions(actor.workspaceId, meetingId)) {
      const notes = s.reason === 'blocked' ? 'Action bloquée' : `Action en retard (échéance ${s.deadline})`
      added.push(await this.meetings.addAgendaItem(actor, meetingId, { title: s.title, notes, actionId: s.actionId }))
    }
    return added
  }
}
