import {
  checkBallot,
  computeQuorum,
  computeVoteResult,
  newId,
  publicResult,
  secretResult,
  ruleFor,
  seat,
  type Ballot,
  type Decision,
  type DecisionType,
  type ListDecisionsQuery,
  type OpenVoteInput,
  type PublicVoteResult,
  type VoteChoice,
  type VoteRule,
  type VoteView,
  type WorkspaceEventName,
} from '@ensemble/shared'
import type { Kysely, Selectable } from 'kysely'
import type { Database, MeetingVoteTable } from '../../db/schema.ts'
import { AppError, conflict, notFound } from '../../errors.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'
import type { Membership } from '../members.ts'
import type { DocAccess } from './docAccess.ts'
import { attendanceOf, decisions, entriesOf, meetingRow, presentDecision, recusalsOf, requireBody, type Db } from './rows.ts'

type VoteRow = Selectable<MeetingVoteTable>

/**
 * Votes and decisions of meetings (GOV12–GOV13). A ballot is checked against the body's rules and
 * the attendance at that moment (GOV6–GOV8); its row's key (vote, seat) makes a second ballot for a
 * seat impossible even from two requests at once. Closing a vote computes the result with the
 * attendance at closing time (no quorum: `no_quorum`) and records the decision with that snapshot.
 * A secret vote's ballots are never published: only who has voted and the tally.
 */
export class VoteBook {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: WorkspaceEventBus,
    private readonly docs: DocAccess,
    private readonly clock: Clock = systemClock,
  ) {}

  private now = (): string => this.clock().toISOString()
  private publish(workspaceId: string, type: WorkspaceEventName, data: unknown): void {
    this.bus.publish({ workspaceId, type, data })
  }

  async list(workspaceId: string, meetingId: string): Promise<VoteView[]> {
    await meetingRow(this.db, workspaceId, meetingId)
    const rows = await this.db.selectFrom('meeting_vote').selectAll().where('meeting_id', '=', meetingId).orderBy('opened_at').orderBy('id').execute()
    return Promise.all(rows.map((r) => this.view(this.db, r)))
  }

  private async voteRow(db: Db, meetingId: string, voteId: string): Promise<VoteRow> {
    const row = await db.selectFrom('meeting_vote').selectAll().where('meeting_id', '=', meetingId).where('id', '=', voteId).executeTakeFirst()
    if (!row) throw notFound('Vote')
    return row
  }

  private async view(db: Db, row: VoteRow): Promise<VoteView> {
    const ballots = await db
      .selectFrom('meeting_ballot')
      .select(['for_id', 'voter_id', 'choice'])
      .where('vote_id', '=', row.id)
      .orderBy('at')
      .orderBy('for_id')
      .execute()
    const tally = { for: 0, against: 0, abstain: 0 }
    for (const b of ballots) tally[b.choice as VoteChoice]++
    const secret = row.secret === 1
    const decision = row.status === 'closed' ? await db.selectFrom('decision').select('result').where('vote_id', '=', row.id).executeTakeFirst() : undefined
    const stored = decision ? ((JSON.parse(decision.result) as { result: PublicVoteResult | null }).result ?? null) : null
    const result = stored && secret ? secretResult(stored) : stored
    return {
      id: row.id,
      question: row.question,
      agendaItemId: row.agenda_item_id,
      decisionType: row.decision_type as DecisionType,
      rule: row.rule as VoteRule,
      secret,
      status: row.status as VoteView['status'],
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      voted: ballots.map((b) => b.for_id).sort(),
      // GOV18: a secret vote shows no running tally, then only the ballots counted (a refused
      // ballot's choice would show as the difference).
      tally: secret ? (result?.votes ?? null) : tally,
      ...(secret ? {} : { ballots: ballots.map((b) => ({ forId: b.for_id, voterId: b.voter_id, choice: b.choice as VoteChoice })) }),
      result,
    }
  }

  private async publishVote(workspaceId: string, meetingId: string, voteId: string): Promise<VoteView> {
    const vote = await this.view(this.db, await this.voteRow(this.db, meetingId, voteId))
    this.publish(workspaceId, 'meeting.vote', { meetingId, vote })
    return vote
  }

  async open(actor: Membership, meetingId: string, input: OpenVoteInput): Promise<VoteView> {
    const meeting = await meetingRow(this.db, actor.workspaceId, meetingId)
    if (meeting.status === 'closed' || meeting.status === 'cancelled') throw conflict('This meeting is over.', undefined, 'meeting_over')
    await this.requireAgendaItem(meetingId, input.agendaItemId)
    const body = await requireBody(this.docs, actor.workspaceId, meeting.body_id)
    const id = newId()
    await this.db
      .insertInto('meeting_vote')
      .values({
        id,
        meeting_id: meetingId,
        agenda_item_id: input.agendaItemId,
        question: input.question,
        decision_type: input.decisionType,
        rule: ruleFor(body, input.decisionType),
        secret: input.secret ? 1 : 0,
        status: 'open',
        opened_by: actor.userId,
        opened_at: this.now(),
        closed_at: null,
      })
      .execute()
    return this.publishVote(actor.workspaceId, meetingId, id)
  }

  /** A vote or decision names an item of its own meeting's agenda, or none (GOV23, REF1). */
  private async requireAgendaItem(meetingId: string, agendaItemId: string | null): Promise<void> {
    if (!agendaItemId) return
    const item = await this.db.selectFrom('agenda_item').select('id').where('meeting_id', '=', meetingId).where('id', '=', agendaItemId).executeTakeFirst()
    if (!item) throw new AppError(422, 'validation_failed', 'agendaItemId: not an item of this meeting’s agenda.', 'agendaItemId')
  }

  /** Casts the actor's ballot for their own seat or one whose proxy they hold; refusals are 409 with the rule's reason. */
  async cast(actor: Membership, meetingId: string, voteId: string, choice: VoteChoice, forId = actor.userId): Promise<VoteView> {
    const meeting = await meetingRow(this.db, actor.workspaceId, meetingId)
    const vote = await this.voteRow(this.db, meetingId, voteId)
    if (vote.status !== 'open') throw new AppError(409, 'conflict', 'This vote is closed.', undefined, 'vote_closed')
    const body = await requireBody(this.docs, actor.workspaceId, meeting.body_id)
    const attendance = await attendanceOf(this.db, actor.workspaceId, meetingId)
    const counted = await this.db.selectFrom('meeting_ballot').select(['for_id', 'voter_id', 'choice']).where('vote_id', '=', voteId).execute()
    const ballot: Ballot = { voterId: actor.userId, forId, choice }
    const problem = checkBallot(
      seat(body, entriesOf(attendance)),
      new Set(recusalsOf(attendance)),
      counted.map((b) => ({ voterId: b.voter_id, forId: b.for_id, choice: b.choice as VoteChoice })),
      ballot,
    )
    if (problem) throw new AppError(409, 'conflict', problem.message.en, 'forId', problem.code)
    await this.db.transaction().execute(async (trx) => {
      // Touching the vote's row serialises this ballot with `close`: either it lands before the
      // vote closes (and is counted), or it sees the vote closed.
      const open = await trx.updateTable('meeting_vote').set({ status: 'open' }).where('id', '=', voteId).where('status', '=', 'open').executeTakeFirst()
      if (Number(open.numUpdatedRows) === 0) throw new AppError(409, 'conflict', 'This vote is closed.', undefined, 'vote_closed')
      const inserted = await trx
        .insertInto('meeting_ballot')
        .values({ vote_id: voteId, for_id: forId, voter_id: actor.userId, choice, at: this.now() })
        .onConflict((oc) => oc.columns(['vote_id', 'for_id']).doNothing())
        .executeTakeFirst()
      // Lost a race with another ballot for the same seat.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new AppError(409, 'conflict', 'This seat has already voted.', 'forId', 'double_vote')
    })
    return this.publishVote(actor.workspaceId, meetingId, voteId)
  }

  /** Closes the vote, computes its result with the attendance now, and records the decision. */
  async close(actor: Membership, meetingId: string, voteId: string): Promise<{ vote: VoteView; decision: Decision }> {
    const meeting = await meetingRow(this.db, actor.workspaceId, meetingId)
    const vote = await this.voteRow(this.db, meetingId, voteId)
    if (vote.status !== 'open') throw new AppError(409, 'conflict', 'This vote is already closed.', undefined, 'vote_closed')
    const body = await requireBody(this.docs, actor.workspaceId, meeting.body_id)
    const now = this.now()
    const decisionId = newId()
    await this.db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable('meeting_vote')
        .set({ status: 'closed', closed_at: now })
        .where('id', '=', voteId)
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (Number(closed.numUpdatedRows) === 0) throw new AppError(409, 'conflict', 'This vote is already closed.', undefined, 'vote_closed')
      const attendance = await attendanceOf(trx, actor.workspaceId, meetingId)
      const ballots = await trx.selectFrom('meeting_ballot').select(['for_id', 'voter_id', 'choice']).where('vote_id', '=', voteId).orderBy('at').execute()
      const result = computeVoteResult(
        body,
        vote.rule as VoteRule,
        entriesOf(attendance),
        ballots.map((b) => ({ voterId: b.voter_id, forId: b.for_id, choice: b.choice as VoteChoice })),
        recusalsOf(attendance),
      )
      await trx
        .insertInto('decision')
        .values({
          id: decisionId,
          workspace_id: actor.workspaceId,
          meeting_id: meetingId,
          body_id: meeting.body_id,
          agenda_item_id: vote.agenda_item_id,
          vote_id: voteId,
          title: vote.question,
          decision_type: vote.decision_type,
          outcome: result.outcome,
          result: JSON.stringify({ quorum: result.quorum, result: publicResult(result, vote.secret === 1) }),
          action_ids: '[]',
          decided_at: now,
          recorded_by: actor.userId,
        })
        .execute()
    })
    const decision = await this.decision(actor.workspaceId, decisionId)
    this.publish(actor.workspaceId, 'meeting.decision', { meetingId, decision })
    return { vote: await this.publishVote(actor.workspaceId, meetingId, voteId), decision }
  }

  /** A decision taken without a vote (e.g. by consensus): without quorum it is recorded as `no_quorum`. */
  async record(
    actor: Membership,
    meetingId: string,
    input: { title: string; agendaItemId: string | null; decisionType: DecisionType; outcome: 'adopted' | 'rejected' },
  ): Promise<Decision> {
    const meeting = await meetingRow(this.db, actor.workspaceId, meetingId)
    await this.requireAgendaItem(meetingId, input.agendaItemId)
    const body = await requireBody(this.docs, actor.workspaceId, meeting.body_id)
    const quorum = computeQuorum(body, entriesOf(await attendanceOf(this.db, actor.workspaceId, meetingId)))
    const id = newId()
    await this.db
      .insertInto('decision')
      .values({
        id,
        workspace_id: actor.workspaceId,
        meeting_id: meetingId,
        body_id: meeting.body_id,
        agenda_item_id: input.agendaItemId,
        vote_id: null,
        title: input.title,
        decision_type: input.decisionType,
        outcome: quorum.met ? input.outcome : 'no_quorum',
        result: JSON.stringify({ quorum, result: null }),
        action_ids: '[]',
        decided_at: this.now(),
        recorded_by: actor.userId,
      })
      .execute()
    const decision = await this.decision(actor.workspaceId, id)
    this.publish(actor.workspaceId, 'meeting.decision', { meetingId, decision })
    return decision
  }

  async decision(workspaceId: string, decisionId: string): Promise<Decision> {
    const row = await decisions(this.db).where('decision.workspace_id', '=', workspaceId).where('decision.id', '=', decisionId).executeTakeFirst()
    if (!row) throw notFound('Decision')
    return presentDecision(row)
  }

  /** The decision register, newest first, filtered. */
  async register(workspaceId: string, query: ListDecisionsQuery): Promise<Decision[]> {
    let q = decisions(this.db).where('decision.workspace_id', '=', workspaceId)
    if (query.bodyId) q = q.where('decision.body_id', '=', query.bodyId)
    if (query.meetingId) q = q.where('decision.meeting_id', '=', query.meetingId)
    if (query.outcome) q = q.where('decision.outcome', '=', query.outcome)
    if (query.decisionType) q = q.where('decision.decision_type', '=', query.decisionType)
    if (query.from) q = q.where('decision.decided_at', '>=', query.from)
    if (query.to) q = q.where('decision.decided_at', '<', `${query.to}T99`)
    const rows = await q.orderBy('decision.decided_at', 'desc').orderBy('decision.id').limit(1000).execute()
    const found = rows.map(presentDecision)
    return query.actionId ? found.filter((d) => d.actionIds.includes(query.actionId!)) : found
  }
}
