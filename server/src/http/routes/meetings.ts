import { Hono } from 'hono'
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
  openVoteSchema,
  proposeAmendmentSchema,
  recordDecisionSchema,
  rsvpInputSchema,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@ensemble/shared'
import type { GovernanceDeps } from '../../domain/meetings/governanceDeps.ts'
import { meetingIcs } from '../../domain/meetings/ics.ts'
import { requireBody } from '../../domain/meetings/rows.ts'
import type { MeetingServices } from '../../domain/meetings/services.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { parseQuery, pathId } from './comments.ts'

/**
 * Mounted at /api/workspaces/:workspaceId/meetings (GOV10–GOV17). Members read, RSVP, mark their own
 * attendance and vote for the seats they hold; admin and steering (`governance.meetings`, PERM8)
 * schedule, keep the agenda, take attendance, open and close votes, record decisions and move the
 * minutes along. Changes reach every member live over the workspace's event stream.
 */
export function meetingRoutes(deps: AppDeps, governance: GovernanceDeps, { meetings, votes, actions, agenda, minutes }: MeetingServices) {
  const read = requireMember(deps, 'workspace.read')
  const chair = requireMember(deps, 'governance.meetings')
  const meetingId = (c: Parameters<typeof pathId>[0]) => pathId(c, 'meetingId', 'Meeting')
  return new Hono<AppEnv>()
    .get('/', read, async (c) => c.json(await meetings.list(c.get('membership').workspaceId, parseQuery(c, listMeetingsQuerySchema).bodyId)))
    .post('/', chair, async (c) => c.json(await meetings.create(c.get('membership'), await parseJson(c, createMeetingSchema)), 201))
    .get('/decisions', read, async (c) => c.json(await votes.register(c.get('membership').workspaceId, parseQuery(c, listDecisionsQuerySchema))))
    .get('/decisions/:decisionId', read, async (c) => c.json(await votes.decision(c.get('membership').workspaceId, pathId(c, 'decisionId', 'Decision'))))
    .post('/decisions/:decisionId/actions', read, async (c) => {
      const decisionId = pathId(c, 'decisionId', 'Decision')
      return c.json(await actions.createAction(c.get('membership'), decisionId, await parseJson(c, decisionActionSchema)), 201)
    })
    .patch('/decisions/:decisionId/actions/:actionId', read, async (c) => {
      const decisionId = pathId(c, 'decisionId', 'Decision')
      const actionId = pathId(c, 'actionId', 'Action')
      return c.json(await actions.updateAction(c.get('membership'), decisionId, actionId, await parseJson(c, decisionActionUpdateSchema)))
    })
    .get('/:meetingId', read, async (c) => c.json(await meetings.detail(c.get('membership').workspaceId, meetingId(c))))
    .patch('/:meetingId', chair, async (c) => c.json(await meetings.update(c.get('membership'), meetingId(c), await parseJson(c, updateMeetingSchema))))
    .get('/:meetingId/invitation.ics', read, async (c) => {
      const { workspaceId } = c.get('membership')
      const meeting = (await meetings.detail(workspaceId, meetingId(c))).meeting
      const body = await requireBody(governance.docs, workspaceId, meeting.bodyId)
      const ics = meetingIcs(meeting, body.name, new URL(c.req.url).hostname, new Date())
      return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="meeting-${meeting.id}.ics"` })
    })
    .put('/:meetingId/rsvp', read, async (c) => {
      await meetings.rsvp(c.get('membership'), meetingId(c), (await parseJson(c, rsvpInputSchema)).answer)
      return c.json({ ok: true })
    })
    .post('/:meetingId/agenda', chair, async (c) => c.json(await meetings.addAgendaItem(c.get('membership'), meetingId(c), await parseJson(c, agendaItemInputSchema)), 201))
    .get('/:meetingId/agenda/suggestions', read, async (c) => c.json(await agenda.suggestions(c.get('membership').workspaceId, meetingId(c))))
    .post('/:meetingId/agenda/suggestions', chair, async (c) => c.json(await agenda.addSuggestions(c.get('membership'), meetingId(c)), 201))
    .patch('/:meetingId/agenda/:itemId', chair, async (c) =>
      c.json(await meetings.updateAgendaItem(c.get('membership'), meetingId(c), pathId(c, 'itemId', 'Agenda item'), await parseJson(c, updateAgendaItemSchema))),
    )
    .delete('/:meetingId/agenda/:itemId', chair, async (c) => {
      await meetings.deleteAgendaItem(c.get('membership'), meetingId(c), pathId(c, 'itemId', 'Agenda item'))
      return c.json({ ok: true })
    })
    .put('/:meetingId/attendance', read, async (c) => c.json(await meetings.setAttendance(c.get('membership'), meetingId(c), await parseJson(c, attendanceInputSchema))))
    .post('/:meetingId/votes', chair, async (c) => c.json(await votes.open(c.get('membership'), meetingId(c), await parseJson(c, openVoteSchema)), 201))
    .post('/:meetingId/votes/:voteId/ballots', read, async (c) => {
      const { choice, forId } = await parseJson(c, castBallotSchema)
      return c.json(await votes.cast(c.get('membership'), meetingId(c), pathId(c, 'voteId', 'Vote'), choice, forId), 201)
    })
    .post('/:meetingId/votes/:voteId/close', chair, async (c) => c.json(await votes.close(c.get('membership'), meetingId(c), pathId(c, 'voteId', 'Vote'))))
    .post('/:meetingId/decisions', chair, async (c) => c.json(await votes.record(c.get('membership'), meetingId(c), await parseJson(c, recordDecisionSchema)), 201))
    .post('/:meetingId/minutes', chair, async (c) => c.json(await minutes.advance(c.get('membership'), meetingId(c), await parseJson(c, minutesTransitionSchema))))
    .post('/:meetingId/minutes/amendments', read, async (c) => c.json(await minutes.propose(c.get('membership'), meetingId(c), await parseJson(c, proposeAmendmentSchema)), 201))
    .post('/:meetingId/minutes/amendments/:amendmentId', chair, async (c) => {
      const { status } = await parseJson(c, decideAmendmentSchema)
      return c.json(await minutes.decide(c.get('membership'), meetingId(c), pathId(c, 'amendmentId', 'Amendment'), status))
    })
}
