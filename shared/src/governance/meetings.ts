import { z } from 'zod'
import { isoDateSchema } from '../dates.ts'
import { isDocName } from '../layouts/documents.ts'
import { orderKeySchema } from '../layouts/order.ts'
import { idSchema } from '../ids.ts'
import { LIMITS } from '../limits.ts'
import { attendanceStatusSchema, voteChoiceSchema } from './attendance.ts'
import type { MinutesAmendment, MinutesStatus } from './minutes.ts'
import type { QuorumResult } from './quorum.ts'
import type { GovProblem } from './problems.ts'
import type { Tally, VoteOutcome, VoteResult } from './votes.ts'
import { decisionTypeSchema, type DecisionType, type VoteRule } from './voting.ts'

/** REST shapes of meetings, agenda, attendance, votes and decisions (docs/SPEC.md, GOV10–). */

export const MEETING_STATUSES = ['scheduled', 'in_progress', 'closed', 'cancelled'] as const
export const meetingStatusSchema = z.enum(MEETING_STATUSES)
export type MeetingStatus = z.infer<typeof meetingStatusSchema>

export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const
export const rsvpAnswerSchema = z.enum(RSVP_ANSWERS)
export type RsvpAnswer = z.infer<typeof rsvpAnswerSchema>

const instant = z.iso.datetime({ offset: true })
const title = z.string().trim().min(1).max(LIMITS.actionTitleLength)
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000)

const meetingFields = {
  title,
  startsAt: instant,
  endsAt: instant,
  place: z.string().trim().max(300).nullable(),
  videoUrl: httpUrl.nullable(),
}
const endsAfterStart = (m: { startsAt?: string; endsAt?: string }) => !m.startsAt || !m.endsAt || Date.parse(m.endsAt) > Date.parse(m.startsAt)

export const createMeetingSchema = z
  .object({ bodyId: idSchema, ...meetingFields, place: meetingFields.place.default(null), videoUrl: meetingFields.videoUrl.default(null) })
  .refine(endsAfterStart, { message: 'The meeting ends after it starts.', path: ['endsAt'] })
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>

export const updateMeetingSchema = z
  .object({ ...meetingFields, status: meetingStatusSchema })
  .partial()
  .refine(endsAfterStart, { message: 'The meeting ends after it starts.', path: ['endsAt'] })
export type UpdateMeetingInput = z.infer<typeof updateMeetingSchema>

export const listMeetingsQuerySchema = z.object({ bodyId: idSchema.optional() })

export const rsvpInputSchema = z.object({ answer: rsvpAnswerSchema })

export const agendaItemInputSchema = z.object({
  title,
  notes: z.string().max(LIMITS.textFieldLength).default(''),
  /** The plan action this item is about, if any. */
  actionId: idSchema.nullable().default(null),
  /** The document awaiting sign-off this item is about, if any (GOV20). */
  docName: z.string().max(200).refine(isDocName, 'not a document of the workspace').nullable().default(null),
  /** Where it goes; default: last. Clients compute it with `keyBetween` (layouts/order.ts). */
  orderKey: orderKeySchema.optional(),
})
export const updateAgendaItemSchema = z.object({ title, notes: z.string().max(LIMITS.textFieldLength), orderKey: orderKeySchema }).partial()

export const attendanceInputSchema = z.object({
  userId: idSchema,
  status: attendanceStatusSchema,
  /** The member holding the proxy, when `status` is `proxy`. */
  proxyTo: idSchema.nullable().default(null),
  /** Declares a conflict of interest: the member takes part in no vote of this meeting. */
  recused: z.boolean().default(false),
})
export type AttendanceInput = z.infer<typeof attendanceInputSchema>

export const openVoteSchema = z.object({
  question: title,
  agendaItemId: idSchema.nullable().default(null),
  decisionType: decisionTypeSchema.default('ordinary'),
  secret: z.boolean().default(false),
})
export type OpenVoteInput = z.infer<typeof openVoteSchema>

export const castBallotSchema = z.object({
  choice: voteChoiceSchema,
  /** Whose seat the ballot is for: yourself (default) or a member whose proxy you hold. */
  forId: idSchema.optional(),
})

/** A decision taken without a vote (noted by the chair), e.g. by consensus. */
export const recordDecisionSchema = z.object({
  title,
  agendaItemId: idSchema.nullable().default(null),
  decisionType: decisionTypeSchema.default('ordinary'),
  outcome: z.enum(['adopted', 'rejected']),
})

export const decisionActionSchema = z.object({
  title: title.optional(),
  accountable: idSchema.nullable().default(null),
  responsible: z.array(idSchema).max(50).default([]),
  start: isoDateSchema.nullable().default(null),
  deadline: isoDateSchema.nullable().default(null),
})
export type DecisionActionInput = z.infer<typeof decisionActionSchema>

/** Updating an existing action from a decision (GOV19): the fields given replace the action's. */
export const decisionActionUpdateSchema = z.object({
  accountable: idSchema.nullable().optional(),
  responsible: z.array(idSchema).max(50).optional(),
  deadline: isoDateSchema.nullable().optional(),
})
export type DecisionActionUpdate = z.infer<typeof decisionActionUpdateSchema>

export const listDecisionsQuerySchema = z.object({
  bodyId: idSchema.optional(),
  meetingId: idSchema.optional(),
  outcome: z.enum(['adopted', 'rejected', 'no_quorum']).optional(),
  decisionType: decisionTypeSchema.optional(),
  actionId: idSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
})
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuerySchema>

/** `approved` locks the minutes (GOV21); `locked` remains for minutes approved before, which it also locks. */
export const minutesTransitionSchema = z.object({
  status: z.enum(['amendments', 'approved', 'locked']),
  /** End of the amendments period (status `amendments`). */
  amendmentsUntil: isoDateSchema.optional(),
  /** The adopted `minutes` decision of a later meeting approving them (status `approved`). */
  decisionId: idSchema.optional(),
})

// ---- what the server answers ----

export interface Meeting {
  id: string
  bodyId: string
  title: string
  startsAt: string
  endsAt: string
  place: string | null
  videoUrl: string | null
  status: MeetingStatus
  minutesStatus: MinutesStatus
  amendmentsUntil: string | null
  /** The adopted `minutes` decision (of a later meeting) that approved and locked them. */
  approvedBy: string | null
  /** The rich-text document holding the minutes (`minutes:<id>`). */
  minutesDoc: string
  createdBy: string
  createdAt: string
}

export interface AgendaItem {
  id: string
  title: string
  notes: string
  orderKey: string
  actionId: string | null
  docName: string | null
}

export interface AttendanceView {
  userId: string
  partnerId: string | null
  status: z.infer<typeof attendanceStatusSchema>
  proxyTo: string | null
  recused: boolean
}

/**
 * A vote as anyone in the meeting sees it. In a secret vote `ballots` is absent and, while it is
 * open, `tally` is null: only who has voted, never what (a running tally next to who just voted
 * would tell each ballot). Once closed, a secret vote shows the counted totals (GOV18).
 */
export interface VoteView {
  id: string
  question: string
  agendaItemId: string | null
  decisionType: DecisionType
  rule: VoteRule
  secret: boolean
  status: 'open' | 'closed'
  openedAt: string
  closedAt: string | null
  /** Seats that have voted (member ids). */
  voted: string[]
  tally: Tally | null
  ballots?: { forId: string; voterId: string; choice: z.infer<typeof voteChoiceSchema> }[]
  /** Once closed: the result. */
  result: PublicVoteResult | null
}

/**
 * A vote result as published: a refused ballot names its seat and reason, never its choice. A
 * secret vote's result keeps the totals and the outcome only (GOV18): no tally per college (a
 * one-seat college would show its vote), no weighted totals nor tie (with unequal weights they tell
 * the colleges apart).
 */
export type PublicVoteResult = Omit<VoteResult, 'refused' | 'weighted' | 'tie'> & {
  secret: boolean
  weighted: Tally | null
  tie: boolean | null
  refused: { forId: string; voterId: string; problem: GovProblem }[]
}

export const publicResult = (result: VoteResult, secret: boolean): PublicVoteResult => {
  const open: PublicVoteResult = {
    ...result,
    secret: false,
    refused: result.refused.map(({ ballot, problem }) => ({ forId: ballot.forId, voterId: ballot.voterId, problem })),
  }
  return secret ? secretResult(open) : open
}

/** What a secret vote's result may show; applied again on every read so results stored before GOV18 leak nothing either. */
export const secretResult = (result: PublicVoteResult): PublicVoteResult => ({
  rule: result.rule,
  outcome: result.outcome,
  valid: result.valid,
  quorum: result.quorum,
  colleges: [],
  votes: result.votes,
  weighted: null,
  membersWeight: result.membersWeight,
  tie: null,
  secret: true,
  refused: result.refused,
})

export interface MeetingDetail {
  meeting: Meeting
  agenda: AgendaItem[]
  attendance: AttendanceView[]
  rsvps: { userId: string; answer: RsvpAnswer }[]
  quorum: QuorumResult
  votes: VoteView[]
  /** Amendments proposed to the minutes, oldest first (GOV21). */
  amendments: MinutesAmendment[]
}

export interface Decision {
  id: string
  meetingId: string
  bodyId: string
  agendaItemId: string | null
  voteId: string | null
  title: string
  decisionType: DecisionType
  outcome: VoteOutcome
  /** The quorum at decision time, always; the full vote result when taken by a vote. */
  quorum: QuorumResult
  result: PublicVoteResult | null
  actionIds: string[]
  decidedAt: string
  recordedBy: string
}

/**
 * A suggestion for the agenda: an overdue or blocked action of the plan, a document awaiting sign-off
 * (GOV20), an operational objective off its track or an indicator whose value is late (GOV27), a
 * partner behind on its commitments (GOV28), with
 * the ids the page links to (the objective's card, the indicator's).
 */
export type AgendaSuggestion =
  | { reason: 'overdue' | 'blocked'; actionId: string; docName: null; title: string; deadline: string | null }
  | { reason: 'signoff'; actionId: null; docName: string; title: string; deadline: null }
  | { reason: 'off_track'; actionId: null; docName: null; objectiveId: string; title: string; deadline: null }
  | { reason: 'value_late'; actionId: null; docName: null; objectiveId: string; indicatorId: string; title: string; deadline: null; since: string }
  /** A partner flagged by the balance (BAL12, GOV28): titled after the partner. */
  | { reason: 'balance_imbalance'; actionId: null; docName: null; partnerId: string; period: string; ratio: number; title: string; deadline: null }
