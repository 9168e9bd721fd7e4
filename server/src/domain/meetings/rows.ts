import {
  actionsOf,
  bodiesOf,
  docKind,
  minutesDocName,
  readBody,
  secretResult,
  type AmendmentStatus,
  type AttendanceEntry,
  type AttendanceView,
  type Decision,
  type DecisionType,
  type GovernanceBody,
  type Meeting,
  type MeetingStatus,
  type MinutesAmendment,
  type MinutesStatus,
} from '@ensemble/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, DecisionTable, MeetingTable } from '../../db/schema.ts'
import { conflict, notFound } from '../../errors.ts'
import type { DocAccess } from './docAccess.ts'

export type Db = Kysely<Database> | Transaction<Database>

export const presentMeeting = (r: Selectable<MeetingTable>): Meeting => ({
  id: r.id,
  bodyId: r.body_id,
  title: r.title,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  place: r.place,
  videoUrl: r.video_url,
  status: r.status as MeetingStatus,
  minutesStatus: r.minutes_status as MinutesStatus,
  amendmentsUntil: r.amendments_until,
  approvedBy: r.approved_by,
  minutesDoc: minutesDocName(r.id),
  createdBy: r.created_by,
  createdAt: r.created_at,
})

/** Decisions with whether their vote was secret (what `presentDecision` needs). */
export const decisions = (db: Db) =>
  db.selectFrom('decision').leftJoin('meeting_vote', 'meeting_vote.id', 'decision.vote_id').selectAll('decision').select('meeting_vote.secret')

/** A decision as clients see it; a secret vote's result shows its totals and outcome only (GOV18). */
export const presentDecision = (r: Selectable<DecisionTable> & { secret: number | null }): Decision => {
  const stored = JSON.parse(r.result) as Pick<Decision, 'quorum' | 'result'>
  return {
    id: r.id,
    meetingId: r.meeting_id,
    bodyId: r.body_id,
    agendaItemId: r.agenda_item_id,
    voteId: r.vote_id,
    title: r.title,
    decisionType: r.decision_type as DecisionType,
    outcome: r.outcome as Decision['outcome'],
    quorum: stored.quorum,
    result: stored.result && r.secret === 1 ? secretResult(stored.result) : stored.result,
    actionIds: JSON.parse(r.action_ids) as string[],
    decidedAt: r.decided_at,
    recordedBy: r.recorded_by,
  }
}

/** The amendments proposed to a meeting's minutes, oldest first (GOV21). */
export async function amendmentsOf(db: Db, meetingId: string): Promise<MinutesAmendment[]> {
  const rows = await db.selectFrom('minutes_amendment').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').orderBy('id').execute()
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    authorId: r.author_id,
    text: r.text,
    quote: r.quote,
    status: r.status as AmendmentStatus,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  }))
}

export async function meetingRow(db: Db, workspaceId: string, meetingId: string): Promise<Selectable<MeetingTable>> {
  const row = await db.selectFrom('meeting').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', meetingId).executeTakeFirst()
  if (!row) throw notFound('Meeting')
  return row
}

/** A body as it is now in the governance document, or null when there is no such body. */
export async function readBodyFrom(docs: DocAccess, workspaceId: string, bodyId: string): Promise<GovernanceBody | null> {
  return docs.read(workspaceId, 'governance', (doc) => {
    const map = bodiesOf(doc).get(bodyId)
    return map ? readBody(map) : null
  })
}

/** Whether the plan of the workspace holds this action (an id of another alliance's plan does not count). */
export async function hasAction(docs: DocAccess, workspaceId: string, actionId: string): Promise<boolean> {
  return docs.read(workspaceId, 'plan', (doc) => actionsOf(doc).has(actionId))
}

/** Whether `docName` is a document of the workspace: one every alliance has, or the minutes of one of its meetings. */
export async function isWorkspaceDocument(db: Db, workspaceId: string, docName: string): Promise<boolean> {
  const kind = docKind(docName)
  if (kind !== 'minutes') return kind !== null
  const meetingId = docName.slice(docName.indexOf(':') + 1)
  return (await db.selectFrom('meeting').select('id').where('workspace_id', '=', workspaceId).where('id', '=', meetingId).executeTakeFirst()) !== undefined
}

export async function requireBody(docs: DocAccess, workspaceId: string, bodyId: string): Promise<GovernanceBody> {
  const body = await readBodyFrom(docs, workspaceId, bodyId)
  if (!body) throw conflict('This body no longer exists in the governance document.', 'bodyId')
  return body
}

/**
 * Every member of the workspace with their attendance at a meeting (absent when not recorded), in
 * seating order: those who came (present, remote or giving a proxy) in arrival order, then the others.
 */
export async function attendanceOf(db: Db, workspaceId: string, meetingId: string): Promise<AttendanceView[]> {
  const [members, rows] = await Promise.all([
    db.selectFrom('member').select(['user_id', 'partner_id']).where('workspace_id', '=', workspaceId).orderBy('user_id').execute(),
    db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', meetingId).orderBy('seq').execute(),
  ])
  const partnerOf = new Map(members.map((m) => [m.user_id, m.partner_id]))
  const recorded = new Set<string>()
  const came: AttendanceView[] = []
  const others: AttendanceView[] = []
  for (const r of rows) {
    if (!partnerOf.has(r.user_id)) continue
    recorded.add(r.user_id)
    const view: AttendanceView = {
      userId: r.user_id,
      partnerId: partnerOf.get(r.user_id) ?? null,
      status: r.status as AttendanceView['status'],
      proxyTo: r.proxy_to,
      recused: r.recused === 1,
    }
    ;(view.status === 'absent' ? others : came).push(view)
  }
  for (const m of members)
    if (!recorded.has(m.user_id)) others.push({ userId: m.user_id, partnerId: m.partner_id, status: 'absent', proxyTo: null, recused: false })
  return [...came, ...others]
}

export const entriesOf = (attendance: readonly AttendanceView[]): AttendanceEntry[] =>
  attendance.map((a) => ({ memberId: a.userId, partnerId: a.partnerId, status: a.status, proxyTo: a.proxyTo }))

export const recusalsOf = (attendance: readonly AttendanceView[]): string[] => attendance.filter((a) => a.recused).map((a) => a.userId)
