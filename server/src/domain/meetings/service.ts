import {
  type agendaItemInputSchema,
  can,
  computeQuorum,
  keyBetween,
  newId,
  type AgendaItem,
  type AttendanceInput,
  type AttendanceView,
  type CreateMeetingInput,
  type Meeting,
  type MeetingDetail,
  type QuorumResult,
  type RsvpAnswer,
  type UpdateMeetingInput,
  type WorkspaceEventName,
} from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../db/schema.ts'
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../errors.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'
import type { Membership } from '../members.ts'
import type { DocAccess } from './docAccess.ts'
import { amendmentsOf, attendanceOf, entriesOf, hasAction, isWorkspaceDocument, meetingRow, presentMeeting, readBodyFrom, requireBody } from './rows.ts'
import type { VoteBook } from './votes.ts'

/**
 * Meetings of governance bodies (GOV10–GOV11): scheduling, RSVPs, the agenda and live attendance
 * with its quorum. Every change commits, then publishes on the workspace event bus (SSE).
 */
export class MeetingService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: WorkspaceEventBus,
    private readonly docs: DocAccess,
    private readonly votes: VoteBook,
    private readonly clock: Clock = systemClock,
  ) {}

  private now = (): string => this.clock().toISOString()

  publish(workspaceId: string, type: WorkspaceEventName, data: unknown): void {
    this.bus.publish({ workspaceId, type, data })
  }

  // ---- meetings ----

  async list(workspaceId: string, bodyId?: string): Promise<Meeting[]> {
    let q = this.db.selectFrom('meeting').selectAll().where('workspace_id', '=', workspaceId)
    if (bodyId) q = q.where('body_id', '=', bodyId)
    return (await q.orderBy('starts_at', 'desc').orderBy('id').limit(500).execute()).map(presentMeeting)
  }

  async create(actor: Membership, input: CreateMeetingInput): Promise<Meeting> {
    if (!(await readBodyFrom(this.docs, actor.workspaceId, input.bodyId))) throw validationFailed('bodyId: no such body in the governance document.', 'bodyId')
    const id = newId()
    await this.db
      .insertInto('meeting')
      .values({
        id,
        workspace_id: actor.workspaceId,
        body_id: input.bodyId,
        title: input.title,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        place: input.place,
        video_url: input.videoUrl,
        status: 'scheduled',
        minutes_status: 'draft',
        amendments_until: null,
        created_by: actor.userId,
        created_at: this.now(),
      })
      .execute()
    const meeting = presentMeeting(await meetingRow(this.db, actor.workspaceId, id))
    this.publish(actor.workspaceId, 'meeting.changed', { meetingId: id, meeting })
    return meeting
  }

  async update(actor: Membership, meetingId: string, patch: UpdateMeetingInput): Promise<Meeting> {
    const row = await meetingRow(this.db, actor.workspaceId, meetingId)
    const startsAt = patch.startsAt ?? row.starts_at
    const endsAt = patch.endsAt ?? row.ends_at
    if (Date.parse(endsAt) <= Date.parse(startsAt)) throw validationFailed('endsAt: the meeting ends after it starts.', 'endsAt', 'ends_before_start')
    await this.db
      .updateTable('meeting')
      .set({
        title: patch.title ?? row.title,
        starts_at: startsAt,
        ends_at: endsAt,
        place: patch.place !== undefined ? patch.place : row.place,
        video_url: patch.videoUrl !== undefined ? patch.videoUrl : row.video_url,
        status: patch.status ?? row.status,
      })
      .where('id', '=', meetingId)
      .execute()
    const meeting = presentMeeting(await meetingRow(this.db, actor.workspaceId, meetingId))
    this.publish(actor.workspaceId, 'meeting.changed', { meetingId, meeting })
    return meeting
  }

  async detail(workspaceId: string, meetingId: string): Promise<MeetingDetail> {
    const meeting = presentMeeting(await meetingRow(this.db, workspaceId, meetingId))
    const [agenda, attendance, rsvps, votes, amendments] = await Promise.all([
      this.agenda(meetingId),
      attendanceOf(this.db, workspaceId, meetingId),
      this.db.selectFrom('meeting_rsvp').select(['user_id', 'answer']).where('meeting_id', '=', meetingId).orderBy('user_id').execute(),
      this.votes.list(workspaceId, meetingId),
      amendmentsOf(this.db, meetingId),
    ])
    const quorum = await this.quorumFor(workspaceId, meeting.bodyId, attendance)
    return { meeting, agenda, attendance, rsvps: rsvps.map((r) => ({ userId: r.user_id, answer: r.answer as RsvpAnswer })), quorum, votes, amendments }
  }

  /** Any member answers for themselves. */
  async rsvp(actor: Membership, meetingId: string, answer: RsvpAnswer): Promise<void> {
    await meetingRow(this.db, actor.workspaceId, meetingId)
    await this.db
      .insertInto('meeting_rsvp')
      .values({ meeting_id: meetingId, user_id: actor.userId, answer, at: this.now() })
      .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet({ answer, at: this.now() }))
      .execute()
    this.publish(actor.workspaceId, 'meeting.changed', { meetingId })
  }

  // ---- agenda ----

  async agenda(meetingId: string): Promise<AgendaItem[]> {
    const rows = await this.db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', meetingId).orderBy('order_key').orderBy('id').execute()
    return rows.map((r) => ({ id: r.id, title: r.title, notes: r.notes, orderKey: r.order_key, actionId: r.action_id, docName: r.doc_name }))
  }

  async addAgendaItem(actor: Membership, meetingId: string, input: z.infer<typeof agendaItemInputSchema>): Promise<AgendaItem> {
    await meetingRow(this.db, actor.workspaceId, meetingId)
    // What an item names is this alliance's: another alliance's action or minutes answer like none (REF1).
    if (input.actionId && !(await hasAction(this.docs, actor.workspaceId, input.actionId)))
      throw validationFailed('actionId: no such action in this alliance’s plan.', 'actionId')
    if (input.docName && !(await isWorkspaceDocument(this.db, actor.workspaceId, input.docName)))
      throw validationFailed('docName: no such document in this alliance.', 'docName')
    const last = await this.db.selectFrom('agenda_item').select('order_key').where('meeting_id', '=', meetingId).orderBy('order_key', 'desc').executeTakeFirst()
    const item: AgendaItem = {
      id: newId(),
      title: input.title,
      notes: input.notes,
      orderKey: input.orderKey ?? keyBetween(last?.order_key ?? null, null),
      actionId: input.actionId,
      docName: input.docName,
    }
    await this.db
      .insertInto('agenda_item')
      .values({
        id: item.id,
        meeting_id: meetingId,
        title: item.title,
        notes: item.notes,
        order_key: item.orderKey,
        action_id: item.actionId,
        doc_name: item.docName,
        created_at: this.now(),
      })
      .execute()
    this.publish(actor.workspaceId, 'meeting.changed', { meetingId })
    return item
  }

  async updateAgendaItem(
    actor: Membership,
    meetingId: string,
    itemId: string,
    patch: { title?: string; notes?: string; orderKey?: string },
  ): Promise<AgendaItem> {
    await meetingRow(this.db, actor.workspaceId, meetingId)
    const set = {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.orderKey !== undefined ? { order_key: patch.orderKey } : {}),
    }
    if (Object.keys(set).length) {
      const res = await this.db.updateTable('agenda_item').set(set).where('meeting_id', '=', meetingId).where('id', '=', itemId).executeTakeFirst()
      if (Number(res.numUpdatedRows) === 0) throw notFound('Agenda item')
    }
    const item = (await this.agenda(meetingId)).find((i) => i.id === itemId)
    if (!item) throw notFound('Agenda item')
    this.publish(actor.workspaceId, 'meeting.changed', { meetingId })
    return item
  }

  async deleteAgendaItem(actor: Membership, meetingId: string, itemId: string): Promise<void> {
    await meetingRow(this.db, actor.workspaceId, meetingId)
    const res = await this.db.deleteFrom('agenda_item').where('meeting_id', '=', meetingId).where('id', '=', itemId).executeTakeFirst()
    if (Number(res.numDeletedRows) === 0) throw notFound('Agenda item')
    this.publish(actor.workspaceId, 'meeting.changed', { meetingId })
  }

  // ---- attendance and quorum ----

  async quorumFor(workspaceId: string, bodyId: string, attendance: readonly AttendanceView[]): Promise<QuorumResult> {
    return computeQuorum(await requireBody(this.docs, workspaceId, bodyId), entriesOf(attendance))
  }

  /**
   * Records one member's attendance (steering and admin take it; a member may mark only
   * themselves). A proxy the body's rules refuse (GOV4) is a 422 and changes nothing. Publishes the
   * attendance with the new quorum.
   */
  async setAttendance(actor: Membership, meetingId: string, input: AttendanceInput): Promise<{ attendance: AttendanceView[]; quorum: QuorumResult }> {
    if (input.userId !== actor.userId && !can(actor, 'governance.meetings')) throw forbidden('Only the chair’s team takes the attendance of others.')
    const row = await meetingRow(this.db, actor.workspaceId, meetingId)
    if (row.status === 'closed' || row.status === 'cancelled') throw conflict('This meeting is over.', undefined, 'meeting_over')
    if (input.status === 'proxy' && !input.proxyTo) throw validationFailed('proxyTo: a proxy names the member who holds it.', 'proxyTo')
    const body = await requireBody(this.docs, actor.workspaceId, row.body_id)
    const proxyTo = input.status === 'proxy' ? input.proxyTo : null
    const result = await this.db.transaction().execute(async (trx) => {
      const member = await trx
        .selectFrom('member')
        .select('user_id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('user_id', 'in', [input.userId, ...(proxyTo ? [proxyTo] : [])])
        .execute()
      if (!member.some((m) => m.user_id === input.userId)) throw validationFailed('userId: not a member of this alliance.', 'userId')
      if (proxyTo && !member.some((m) => m.user_id === proxyTo)) throw validationFailed('proxyTo: not a member of this alliance.', 'proxyTo')
      const previous = await trx
        .selectFrom('meeting_attendance')
        .select(['seq', 'status'])
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', input.userId)
        .executeTakeFirst()
      const max = await trx
        .selectFrom('meeting_attendance')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst()
      // Arriving or giving a proxy takes the next place: seats and proxies go first come, first served.
      const seq = previous && (previous.status === input.status || input.status === 'absent') ? previous.seq : Number(max?.seq ?? 0) + 1
      const before = computeQuorum(body, entriesOf(await attendanceOf(trx, actor.workspaceId, meetingId)))
      const values = { status: input.status, proxy_to: proxyTo, recused: input.recused ? 1 : 0, seq, at: this.now() }
      await trx
        .insertInto('meeting_attendance')
        .values({ meeting_id: meetingId, user_id: input.userId, ...values })
        .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet(values))
        .execute()
      const attendance = await attendanceOf(trx, actor.workspaceId, meetingId)
      const quorum = computeQuorum(body, entriesOf(attendance))
      // A change that makes a proxy invalid (its own, or one it leaves without a holder) is refused.
      const known = new Set(before.problems.map((p) => `${p.code}:${p.memberId}`))
      const refused = quorum.problems.find((p) => !known.has(`${p.code}:${p.memberId}`))
      if (refused) throw new AppError(422, 'validation_failed', refused.message.en, 'proxyTo', refused.code)
      return { attendance, quorum }
    })
    this.publish(actor.workspaceId, 'meeting.attendance', { meetingId, ...result })
    return result
  }
}
