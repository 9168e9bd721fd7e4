import { actionsOf, participationOf, readAction, type Participation } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '../../db/schema.ts'
import type { DocAccess } from '../meetings/docAccess.ts'

/**
 * Participation per partner beside the balance (BAL10): attendance and ballots from SQL, the A and R
 * of each action from the plan document (read through its room), partners and members as they are
 * now. Every partner of the alliance has a row, in the partners' order.
 */
export async function participationFor(db: Kysely<Database>, docs: DocAccess, workspaceId: string): Promise<Participation> {
  const rows = await participationRows(db, workspaceId)
  const actions = await docs.read(workspaceId, 'plan', (doc) =>
    [...actionsOf(doc).values()]
      .filter((map) => map instanceof Y.Map)
      .map((map) => {
        const { status, accountable, responsible } = readAction(map)
        return { status, accountable, responsible }
      }),
  )
  return participationOf({ ...rows, partnerOf: new Map(rows.partnerOf), actions })
}

/** The SQL part of participation (also what a report carries to its thread, EXP8): plain rows. */
export async function participationRows(db: Kysely<Database>, workspaceId: string) {
  const [partners, members, attendance, ballots] = await Promise.all([
    db.selectFrom('partner').select('id').where('workspace_id', '=', workspaceId).orderBy('name').execute(),
    db.selectFrom('member').select(['user_id', 'partner_id']).where('workspace_id', '=', workspaceId).execute(),
    db
      .selectFrom('meeting_attendance')
      .innerJoin('meeting', 'meeting.id', 'meeting_attendance.meeting_id')
      .select(['meeting_attendance.meeting_id as meetingId', 'meeting_attendance.user_id as userId', 'meeting_attendance.status as status'])
      .where('meeting.workspace_id', '=', workspaceId)
      .execute(),
    db
      .selectFrom('meeting_ballot')
      .innerJoin('meeting_vote', 'meeting_vote.id', 'meeting_ballot.vote_id')
      .innerJoin('meeting', 'meeting.id', 'meeting_vote.meeting_id')
      .select('meeting_ballot.for_id as forId')
      .where('meeting.workspace_id', '=', workspaceId)
      .execute(),
  ])
  return {
    partnerIds: partners.map((p) => p.id),
    partnerOf: members.map((m): [string, string | null] => [m.user_id, m.partner_id]),
    attendance,
    ballots,
  }
}
