import {
  amendmentsOpen,
  applyAmendment,
  can,
  isIn,
  minutesDocName,
  newId,
  todayIso,
  type Meeting,
  type MinutesAmendment,
  type ErrorReason,
  type MinutesStatus,
  type ProposeAmendmentInput,
} from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { AppError, forbidden, notFound, validationFailed } from '../../errors.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { Membership } from '../members.ts'
import type { GovernanceDeps } from './governanceDeps.ts'
import { amendmentsOf, attendanceOf, meetingRow, presentMeeting } from './rows.ts'
import type { MeetingService } from './service.ts'

/** Where minutes may go from each state: approval locks them; `approved` (before GOV21) may still be marked locked. */
const NEXT: Record<MinutesStatus, readonly MinutesStatus[]> = { draft: ['amendments'], amendments: ['approved'], approved: ['locked'], locked: [] }

const refused = (status: 403 | 409, reason: ErrorReason, message: string, field?: string) =>
  new AppError(status, status === 403 ? 'forbidden' : 'conflict', message, field, reason)

/**
 * The life of a meeting's minutes (GOV16, GOV21): draft → amendments (until a date: attendees
 * propose amendments, the chair's team accepts them, applied to the minutes document by the server,
 * or rejects them) → approved by an adopted `minutes` decision of a later meeting of the same body,
 * which locks them: the rules' context is refreshed so every instance refuses edits
 * (`document_locked`). Every change is published as `meeting.changed`.
 */
export class MinutesBook {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly meetings: MeetingService,
    private readonly governance: GovernanceDeps,
    private readonly clock: Clock = systemClock,
  ) {}

  private now = (): string => this.clock().toISOString()

  async advance(
    actor: Membership,
    meetingId: string,
    input: { status: 'amendments' | 'approved' | 'locked'; amendmentsUntil?: string; decisionId?: string },
  ): Promise<Meeting> {
    const row = await meetingRow(this.db, actor.workspaceId, meetingId)
    const from = row.minutes_status as MinutesStatus
    if (!NEXT[from].includes(input.status))
      throw refused(409, 'minutes_transition', `Minutes go from ${from} to ${NEXT[from].join(' or ') || 'nothing'}, not ${input.status}.`, 'status')
    if (input.status === 'amendments') {
      if (!input.amendmentsUntil) throw validationFailed('amendmentsUntil: the amendments period needs an end date.', 'amendmentsUntil')
      if (input.amendmentsUntil < todayIso(this.clock()))
        throw validationFailed('amendmentsUntil: the amendments period ends today or later.', 'amendmentsUntil')
    }
    let approvedBy: string | null = row.approved_by
    if (input.status === 'approved') {
      approvedBy = await this.approvingDecision(actor.workspaceId, row, input.decisionId)
      const pending = await this.db
        .selectFrom('minutes_amendment')
        .select('id')
        .where('meeting_id', '=', meetingId)
        .where('status', '=', 'pending')
        .executeTakeFirst()
      if (pending) throw refused(409, 'amendments_pending', 'Accept or reject every pending amendment before the minutes are approved.')
    }
    // Approval locks at once (GOV21); `approved` rows from before only move on to `locked`.
    const status: MinutesStatus = input.status === 'approved' ? 'locked' : input.status
    const res = await this.db
      .updateTable('meeting')
      .set({ minutes_status: status, approved_by: approvedBy, ...(input.status === 'amendments' ? { amendments_until: input.amendmentsUntil! } : {}) })
      .where('id', '=', meetingId)
      .where('minutes_status', '=', from)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) throw refused(409, 'minutes_transition', 'The minutes changed meanwhile; read them again.', 'status')
    if (status === 'locked') await this.governance.rulesChanged(actor.workspaceId)
    return this.publish(actor.workspaceId, meetingId)
  }

  /** The adopted `minutes` decision of a later meeting of the same body, or a refusal. */
  private async approvingDecision(
    workspaceId: string,
    row: { id: string; body_id: string; starts_at: string },
    decisionId: string | undefined,
  ): Promise<string> {
    if (!decisionId) throw validationFailed('decisionId: minutes are approved by a decision.', 'decisionId')
    const decision = await this.db
      .selectFrom('decision')
      .innerJoin('meeting', 'meeting.id', 'decision.meeting_id')
      .select(['decision.outcome', 'decision.decision_type', 'decision.body_id', 'meeting.starts_at', 'meeting.id'])
      .where('decision.workspace_id', '=', workspaceId)
      .where('decision.id', '=', decisionId)
      .executeTakeFirst()
    if (!decision) throw validationFailed('decisionId: no such decision.', 'decisionId')
    if (
      decision.outcome !== 'adopted' ||
      decision.decision_type !== 'minutes' ||
      decision.body_id !== row.body_id ||
      decision.id === row.id ||
      decision.starts_at <= row.starts_at
    ) {
      throw refused(409, 'not_an_approval', 'Minutes are approved by an adopted “minutes” decision of a later meeting of the same body.', 'decisionId')
    }
    return decisionId
  }

  /** An attendee (present or remote) or the chair's team proposes an amendment, during the period only. */
  async propose(actor: Membership, meetingId: string, input: ProposeAmendmentInput): Promise<MinutesAmendment> {
    const meeting = presentMeeting(await meetingRow(this.db, actor.workspaceId, meetingId))
    if (!amendmentsOpen(meeting, todayIso(this.clock()))) throw refused(409, 'amendments_closed', 'Amendments are proposed during the amendments period only.')
    if (!can(actor, 'governance.meetings')) {
      const attended = (await attendanceOf(this.db, actor.workspaceId, meetingId)).some((a) => a.userId === actor.userId && isIn(a.status))
      if (!attended) throw forbidden('Only those who attended the meeting propose amendments to its minutes.')
    }
    const id = newId()
    await this.db
      .insertInto('minutes_amendment')
      .values({
        id,
        meeting_id: meetingId,
        author_id: actor.userId,
        text: input.text,
        quote: input.quote,
        status: 'pending',
        created_at: this.now(),
        decided_by: null,
        decided_at: null,
      })
      .execute()
    await this.publish(actor.workspaceId, meetingId)
    return (await amendmentsOf(this.db, meetingId)).find((a) => a.id === id)!
  }

  /**
   * The chair's team accepts an amendment, applied to the minutes document (its quoted passage
   * replaced, or its text added), or rejects it; while the minutes are not locked.
   */
  async decide(actor: Membership, meetingId: string, amendmentId: string, status: 'accepted' | 'rejected'): Promise<MinutesAmendment> {
    const meeting = presentMeeting(await meetingRow(this.db, actor.workspaceId, meetingId))
    if (meeting.minutesStatus !== 'amendments') throw refused(409, 'minutes_transition', 'Amendments are settled while the minutes are open to amendments.')
    const row = await this.db.selectFrom('minutes_amendment').selectAll().where('meeting_id', '=', meetingId).where('id', '=', amendmentId).executeTakeFirst()
    if (!row) throw notFound('Amendment')
    if (row.status !== 'pending') throw refused(409, 'amendment_settled', 'This amendment is already settled.')
    // Claimed first, so two accepts at once apply the change once.
    const claimed = await this.db
      .updateTable('minutes_amendment')
      .set({ status, decided_by: actor.userId, decided_at: this.now() })
      .where('id', '=', amendmentId)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 0) throw refused(409, 'amendment_settled', 'This amendment is already settled.')
    if (status === 'accepted') {
      let applied = false
      await this.governance.docs.change(actor.workspaceId, minutesDocName(meetingId), (doc) => {
        applied = applyAmendment(doc, row.quote, row.text)
      })
      if (!applied) {
        await this.db.updateTable('minutes_amendment').set({ status: 'pending', decided_by: null, decided_at: null }).where('id', '=', amendmentId).execute()
        throw refused(409, 'quote_not_found', 'The quoted passage is no longer in the minutes: edit them by hand, or reject the amendment.', 'quote')
      }
    }
    await this.publish(actor.workspaceId, meetingId)
    return (await amendmentsOf(this.db, meetingId)).find((a) => a.id === amendmentId)!
  }

  private async publish(workspaceId: string, meetingId: string): Promise<Meeting> {
    const meeting = presentMeeting(await meetingRow(this.db, workspaceId, meetingId))
    this.meetings.publish(workspaceId, 'meeting.changed', { meetingId, meeting })
    return meeting
  }
}
