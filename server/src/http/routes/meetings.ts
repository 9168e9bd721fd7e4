import {
  agendaItemInputSchema,
  attendanceInputSchema,
  castBallotSchema,
  createMeetingSchema,
  decideAmendmentSchema,
  decisionActionSchema,
  decisionActionUpdateSchema,
  listDecisionsQuerySchema,
  listMeetingsQuerySchema,
  minutesTransitionSchema,
  okSchema,
  openVoteSchema,
  proposeAmendmentSchema,
  recordDecisionSchema,
  rsvpInputSchema,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@ensemble/shared'
import { Hono } from 'hono'
import type { GovernanceDeps } from '../../domain/meetings/governanceDeps.ts'
import { meetingIcs } from '../../domain/meetings/ics.ts'
import { requireBody } from '../../domain/meetings/rows.ts'
import type { MeetingServices } from '../../domain/meetings/services.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe, fileAnswer, jsonAnswer } from '../describe.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds, query } from '../validate.ts'

/** The answers' shapes: shared TypeScript types of shared/src/governance/. */
const meeting = jsonAnswer('Meeting')
const agendaItem = jsonAnswer('AgendaItem')
const vote = jsonAnswer('VoteView')
const decision = jsonAnswer('Decision')
const amendment = jsonAnswer('MinutesAmendment')
const decisionAction = jsonAnswer('{ actionId, decision: Decision }')

/**
 * Mounted at /api/workspaces/:workspaceId/meetings (GOV10–GOV17). Members read, RSVP, mark their own
 * attendance and vote for the seats they hold; admin and steering (`governance.meetings`, PERM8)
 * schedule, keep the agenda, take attendance, open and close votes, record decisions and move the
 * minutes along. Changes reach every member live over the workspace's event stream.
 */
export function meetingRoutes(deps: AppDeps, governance: GovernanceDeps, { meetings, votes, actions, agenda, minutes }: MeetingServices) {
  const read = requireMember(deps, 'workspace.read')
  const chair = requireMember(deps, 'governance.meetings')
  const meetingId = pathIds({ meetingId: 'Meeting' })
  const decisionId = pathIds({ decisionId: 'Decision' })
  const itemId = pathIds({ itemId: 'Agenda item' })
  const voteId = pathIds({ voteId: 'Vote' })
  return new Hono<AppEnv>()
    .get(
      '/',
      describe('Meetings, newest first; ?bodyId= filters by body (members)', { 200: jsonAnswer('Meeting[]') }),
      read,
      query(listMeetingsQuerySchema),
      async (c) => c.json(await meetings.list(c.get('membership').workspaceId, c.req.valid('query').bodyId)),
    )
    .post('/', describe('Schedule a meeting of a body (admin, steering)', { 201: meeting }), chair, jsonBody(createMeetingSchema), async (c) =>
      c.json(await meetings.create(c.get('membership'), c.req.valid('json')), 201),
    )
    .get(
      '/decisions',
      describe('The decision register; filters bodyId, meetingId, outcome, decisionType, actionId, from, to (members)', { 200: jsonAnswer('Decision[]') }),
      read,
      query(listDecisionsQuerySchema),
      async (c) => c.json(await votes.register(c.get('membership').workspaceId, c.req.valid('query'))),
    )
    .get('/decisions/:decisionId', describe('One decision with its quorum snapshot and result (members)', { 200: decision }), read, decisionId, async (c) =>
      c.json(await votes.decision(c.get('membership').workspaceId, c.req.valid('param').decisionId)),
    )
    .post(
      '/decisions/:decisionId/actions',
      describe('Create a plan action from an adopted decision, checked by the action rules (admin, steering)', { 201: decisionAction }),
      read,
      decisionId,
      jsonBody(decisionActionSchema),
      async (c) => c.json(await actions.createAction(c.get('membership'), c.req.valid('param').decisionId, c.req.valid('json')), 201),
    )
    .patch(
      '/decisions/:decisionId/actions/:actionId',
      describe(
        'Change the accountable, responsible members or deadline of an action a decision created; the action and the decision stay linked both ways (GOV19)',
        { 200: decisionAction },
      ),
      read,
      decisionId,
      pathIds({ actionId: 'Action' }),
      jsonBody(decisionActionUpdateSchema),
      async (c) => {
        const { decisionId, actionId } = c.req.valid('param')
        return c.json(await actions.updateAction(c.get('membership'), decisionId, actionId, c.req.valid('json')))
      },
    )
    .get(
      '/:meetingId',
      describe('A meeting with its agenda, attendance, RSVPs, quorum and votes (members)', { 200: jsonAnswer('MeetingDetail') }),
      read,
      meetingId,
      async (c) => c.json(await meetings.detail(c.get('membership').workspaceId, c.req.valid('param').meetingId)),
    )
    .patch(
      '/:meetingId',
      describe('Change a meeting or its status (admin, steering)', { 200: meeting }),
      chair,
      meetingId,
      jsonBody(updateMeetingSchema),
      async (c) => c.json(await meetings.update(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json'))),
    )
    .get(
      '/:meetingId/invitation.ics',
      describe('The meeting as an iCalendar invitation (text/calendar)', { 200: fileAnswer('text/calendar', 'iCalendar invitation') }),
      read,
      meetingId,
      async (c) => {
        const { workspaceId } = c.get('membership')
        const detail = (await meetings.detail(workspaceId, c.req.valid('param').meetingId)).meeting
        const body = await requireBody(governance.docs, workspaceId, detail.bodyId)
        const ics = meetingIcs(detail, body.name, new URL(c.req.url).hostname, new Date())
        return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="meeting-${detail.id}.ics"` })
      },
    )
    .put(
      '/:meetingId/rsvp',
      describe('Answer the invitation (members, for themselves)', { 200: okSchema }),
      read,
      meetingId,
      jsonBody(rsvpInputSchema),
      async (c) => {
        await meetings.rsvp(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json').answer)
        return c.json({ ok: true as const })
      },
    )
    .post(
      '/:meetingId/agenda',
      describe('Add an agenda item (admin, steering)', { 201: agendaItem }),
      chair,
      meetingId,
      jsonBody(agendaItemInputSchema),
      async (c) => c.json(await meetings.addAgendaItem(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json')), 201),
    )
    .get(
      '/:meetingId/agenda/suggestions',
      describe('Blocked and overdue plan actions, off-track objectives, late indicator values and documents awaiting sign-off not yet on the agenda', {
        200: jsonAnswer('AgendaSuggestion[]'),
      }),
      read,
      meetingId,
      async (c) => c.json(await agenda.suggestions(c.get('membership').workspaceId, c.req.valid('param').meetingId)),
    )
    .post(
      '/:meetingId/agenda/suggestions',
      describe('Add every suggestion to the agenda (admin, steering)', { 201: jsonAnswer('AgendaItem[]') }),
      chair,
      meetingId,
      async (c) => c.json(await agenda.addSuggestions(c.get('membership'), c.req.valid('param').meetingId), 201),
    )
    .patch(
      '/:meetingId/agenda/:itemId',
      describe('Rename, annotate or reorder an agenda item (admin, steering)', { 200: agendaItem }),
      chair,
      meetingId,
      itemId,
      jsonBody(updateAgendaItemSchema),
      async (c) => {
        const { meetingId, itemId } = c.req.valid('param')
        return c.json(await meetings.updateAgendaItem(c.get('membership'), meetingId, itemId, c.req.valid('json')))
      },
    )
    .delete('/:meetingId/agenda/:itemId', describe('Remove an agenda item (admin, steering)', { 200: okSchema }), chair, meetingId, itemId, async (c) => {
      const { meetingId, itemId } = c.req.valid('param')
      await meetings.deleteAgendaItem(c.get('membership'), meetingId, itemId)
      return c.json({ ok: true as const })
    })
    .put(
      '/:meetingId/attendance',
      describe('Record one member’s attendance; answers the attendance and the quorum', {
        200: jsonAnswer('{ attendance: AttendanceView[], quorum: QuorumResult }'),
      }),
      read,
      meetingId,
      jsonBody(attendanceInputSchema),
      async (c) => c.json(await meetings.setAttendance(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json'))),
    )
    .post('/:meetingId/votes', describe('Open a vote (admin, steering)', { 201: vote }), chair, meetingId, jsonBody(openVoteSchema), async (c) =>
      c.json(await votes.open(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json')), 201),
    )
    .post(
      '/:meetingId/votes/:voteId/ballots',
      describe('Cast a ballot for one’s seat or a proxy; refusals are 409 with a reason', { 201: vote }),
      read,
      jsonBody(castBallotSchema),
      meetingId,
      voteId,
      async (c) => {
        const { choice, forId } = c.req.valid('json')
        const { meetingId, voteId } = c.req.valid('param')
        return c.json(await votes.cast(c.get('membership'), meetingId, voteId, choice, forId), 201)
      },
    )
    .post(
      '/:meetingId/votes/:voteId/close',
      describe('Close a vote and record its decision (admin, steering)', { 200: jsonAnswer('{ vote: VoteView, decision: Decision }') }),
      chair,
      meetingId,
      voteId,
      async (c) => {
        const { meetingId, voteId } = c.req.valid('param')
        return c.json(await votes.close(c.get('membership'), meetingId, voteId))
      },
    )
    .post(
      '/:meetingId/decisions',
      describe('Note a decision taken without a vote (admin, steering)', { 201: decision }),
      chair,
      meetingId,
      jsonBody(recordDecisionSchema),
      async (c) => c.json(await votes.record(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json')), 201),
    )
    .post(
      '/:meetingId/minutes',
      describe('Move the minutes to amendments, approved or locked (admin, steering)', { 200: meeting }),
      chair,
      meetingId,
      jsonBody(minutesTransitionSchema),
      async (c) => c.json(await minutes.advance(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json'))),
    )
    .post(
      '/:meetingId/minutes/amendments',
      describe('Propose an amendment to the minutes while they are open to amendments (members)', { 201: amendment }),
      read,
      meetingId,
      jsonBody(proposeAmendmentSchema),
      async (c) => c.json(await minutes.propose(c.get('membership'), c.req.valid('param').meetingId, c.req.valid('json')), 201),
    )
    .post(
      '/:meetingId/minutes/amendments/:amendmentId',
      describe('Accept or reject a proposed amendment (admin, steering)', { 200: amendment }),
      chair,
      jsonBody(decideAmendmentSchema),
      meetingId,
      pathIds({ amendmentId: 'Amendment' }),
      async (c) => {
        const { meetingId, amendmentId } = c.req.valid('param')
        return c.json(await minutes.decide(c.get('membership'), meetingId, amendmentId, c.req.valid('json').status))
      },
    )
}
