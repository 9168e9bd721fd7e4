import type { RsvpAnswer, VoteChoice } from '@ensemble/shared'
import { call, params, rest, type BodyOf, type QueryOf } from '../../api/client.ts'

/** The meetings REST surface (server/src/http/routes/meetings.ts), through the typed client. */
const meetings = rest.workspaces[':workspaceId'].meetings
const meeting = meetings[':meetingId']

/** A query without its empty filters (an empty field of a filter form asks for nothing). */
const given = <Q extends Record<string, string | undefined>>(query: Q): Q => Object.fromEntries(Object.entries(query).filter((entry) => !!entry[1])) as Q

export const meetingsApi = (workspaceId: string) => {
  const ws = params({ workspaceId })
  const of = (meetingId: string) => params({ workspaceId, meetingId })
  return {
    list: (bodyId: string) => call(meetings.$get({ param: ws, query: given({ bodyId }) })),
    create: (input: BodyOf<typeof meetings.$post>) => call(meetings.$post({ param: ws, json: input })),
    detail: (id: string) => call(meeting.$get({ param: of(id) })),
    update: (id: string, input: BodyOf<typeof meeting.$patch>) => call(meeting.$patch({ param: of(id), json: input })),
    icsUrl: (id: string) => meeting['invitation.ics'].$url({ param: of(id) }).pathname,
    rsvp: (id: string, answer: RsvpAnswer) => call(meeting.rsvp.$put({ param: of(id), json: { answer } })),
    addItem: (id: string, title: string) => call(meeting.agenda.$post({ param: of(id), json: { title } })),
    moveItem: (id: string, itemId: string, orderKey: string) =>
      call(meeting.agenda[':itemId'].$patch({ param: params({ workspaceId, meetingId: id, itemId }), json: { orderKey } })),
    removeItem: (id: string, itemId: string) => call(meeting.agenda[':itemId'].$delete({ param: params({ workspaceId, meetingId: id, itemId }) })),
    addSuggestions: (id: string) => call(meeting.agenda.suggestions.$post({ param: of(id) })),
    suggestions: (id: string) => call(meeting.agenda.suggestions.$get({ param: of(id) })),
    attend: (id: string, input: BodyOf<typeof meeting.attendance.$put>) => call(meeting.attendance.$put({ param: of(id), json: input })),
    openVote: (id: string, input: BodyOf<typeof meeting.votes.$post>) => call(meeting.votes.$post({ param: of(id), json: input })),
    cast: (id: string, voteId: string, choice: VoteChoice, forId?: string) =>
      call(meeting.votes[':voteId'].ballots.$post({ param: params({ workspaceId, meetingId: id, voteId }), json: { choice, ...(forId ? { forId } : {}) } })),
    closeVote: (id: string, voteId: string) => call(meeting.votes[':voteId'].close.$post({ param: params({ workspaceId, meetingId: id, voteId }) })),
    record: (id: string, input: BodyOf<typeof meeting.decisions.$post>) => call(meeting.decisions.$post({ param: of(id), json: input })),
    proposeAmendment: (id: string, input: BodyOf<typeof meeting.minutes.amendments.$post>) =>
      call(meeting.minutes.amendments.$post({ param: of(id), json: input })),
    settleAmendment: (id: string, amendmentId: string, status: 'accepted' | 'rejected') =>
      call(meeting.minutes.amendments[':amendmentId'].$post({ param: params({ workspaceId, meetingId: id, amendmentId }), json: { status } })),
    minutes: (id: string, input: BodyOf<typeof meeting.minutes.$post>) => call(meeting.minutes.$post({ param: of(id), json: input })),
    register: (filters: QueryOf<typeof meetings.decisions.$get>) => call(meetings.decisions.$get({ param: ws, query: given(filters) })),
    createAction: (decisionId: string, input: BodyOf<(typeof meetings.decisions)[':decisionId']['actions']['$post']>) =>
      call(meetings.decisions[':decisionId'].actions.$post({ param: params({ workspaceId, decisionId }), json: input })),
    decision: (decisionId: string) => call(meetings.decisions[':decisionId'].$get({ param: params({ workspaceId, decisionId }) })),
    /** GOV19: the fields given replace the action's; the action and the decision are linked both ways. */
    updateAction: (decisionId: string, actionId: string, input: BodyOf<(typeof meetings.decisions)[':decisionId']['actions'][':actionId']['$patch']>) =>
      call(meetings.decisions[':decisionId'].actions[':actionId'].$patch({ param: params({ workspaceId, decisionId, actionId }), json: input })),
  }
}
export type MeetingsApi = ReturnType<typeof meetingsApi>
