import type { Meeting, MinutesStatus } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { AppError, conflict, validationFailed } from '../../errors.ts'
import type { Membership } from '../members.ts'
import { meetingRow, presentMeeting } from './rows.ts'
import type { MeetingService } from './service.ts'

const NEXT: Record<MinutesStatus, MinutesStatus | null> = { draft: 'amendments', amendments: 'approved', approved: 'locked', locked: null }

/**
 * The life of a meeting's minutes (GOV16): draft → amendments (until a date) → approved, by an
 * adopted `minutes` decision of a later meeting of the same body → locked. From approval on, the
 * minutes document accepts no edit: `onLocked` refreshes the rules' context so every instance
 * refuses them (PERM10, `document_locked`).
 */
export async function advanceMinutes(
  db: Kysely<Database>,
  meetings: MeetingService,
  onLocked: (workspaceId: string) => Promise<void>,
  actor: Membership,
  meetingId: string,
  input: { status: 'amendments' | 'approved' | 'locked'; amendmentsUntil?: string; decisionId?: string },
): Promise<Meeting> {
  const row = await meetingRow(db, actor.workspaceId, meetingId)
  const from = row.minutes_status as MinutesStatus
  if (NEXT[from] !== input.status) throw new AppError(409, 'conflict', `Minutes go from ${from} to ${NEXT[from] ?? 'nothing'}, not ${input.status}.`, 'status', 'minutes_transition')
  if (input.status === 'amendments' && !input.amendmentsUntil) throw validationFailed('amendmentsUntil: the amendments period needs an end date.', 'amendmentsUntil')
  if (input.status === 'approved') {
    if (!input.decisionId) throw validationFailed('decisionId: minutes are approved by a decision.', 'decisionId')
    const decision = await db.selectFrom('decision').innerJoin('meeting', 'meeting.id', 'decision.meeting_id')
      .select(['decision.outcome', 'decision.decision_type', 'decision.body_id', 'meeting.starts_at', 'meeting.id'])
      .where('decision.workspace_id', '=', actor.workspaceId).where('decision.id', '=', input.decisionId).executeTakeFirst()
    if (!decision) throw validationFailed('decisionId: no such decision.', 'decisionId')
    if (decision.outcome !== 'adopted' || decision.decision_type !== 'minutes' || decision.body_id !== row.body_id || decision.id === meetingId || decision.starts_at <= row.starts_at) {
      throw conflict('Minutes are approved by an adopted “minutes” decision of a later meeting of the same body.', 'decisionId')
    }
  }
  await db
    .updateTable('meeting')
    .set({ minutes_status: input.status, ...(input.status === 'amendments' ? { amendments_until: input.amendmentsUntil! } : {}) })
    .where('id', '=', meetingId)
    .where('minutes_status', '=', from)
    .execute()
  if (input.status === 'approved') await onLocked(actor.workspaceId)
  const meeting = presentMeeting(await meetingRow(db, actor.workspaceId, meetingId))
  meetings.publish(actor.workspaceId, 'meeting.changed', { meetingId, meeting })
  return meeting
}
