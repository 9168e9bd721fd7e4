import type {
  AgendaItem,
  AgendaSuggestion,
  AttendanceView,
  Decision,
  Meeting,
  MeetingDetail,
  MinutesAmendment,
  QuorumResult,
  VoteView,
} from '@ensemble/shared'
import { del, get, patch, post, put } from '../../api/http.ts'
import { workspacePath } from '../../api/workspaces.ts'

/** The meetings REST surface (server/src/http/routes/meetings.ts). */
export const meetingsPath = (workspaceId: string): string => `${workspacePath(workspaceId)}/meetings`

const query = (params: Record<string, string | undefined>): string => {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]))
  return q.size ? `?${q}` : ''
}

export const meetingsApi = (workspaceId: string) => {
  const base = meetingsPath(workspaceId)
  return {
    list: (bodyId: string) => get<Meeting[]>(`${base}${query({ bodyId })}`),
    create: (input: { bodyId: string; title: string; startsAt: string; endsAt: string; place: string | null; videoUrl: string | null }) => post<Meeting>(base, input),
    detail: (id: string) => get<MeetingDetail>(`${base}/${id}`),
    update: (id: string, input: Partial<Pick<Meeting, 'status' | 'title'>>) => patch<Meeting>(`${base}/${id}`, input),
    icsUrl: (id: string) => `${base}/${id}/invitation.ics`,
    rsvp: (id: string, answer: 'yes' | 'no' | 'maybe') => put<{ ok: true }>(`${base}/${id}/rsvp`, { answer }),
    addItem: (id: string, title: string) => post<AgendaItem>(`${base}/${id}/agenda`, { title }),
    moveItem: (id: string, itemId: string, orderKey: string) => patch<AgendaItem>(`${base}/${id}/agenda/${itemId}`, { orderKey }),
    removeItem: (id: string, itemId: string) => del(`${base}/${id}/agenda/${itemId}`),
    addSuggestions: (id: string) => post<AgendaItem[]>(`${base}/${id}/agenda/suggestions`),
    suggestions: (id: string) => get<AgendaSuggestion[]>(`${base}/${id}/agenda/suggestions`),
    attend: (id: string, input: { userId: string; status: AttendanceView['status']; proxyTo?: string | null; recused?: boolean }) =>
      put<{ attendance: AttendanceView[]; quorum: QuorumResult }>(`${base}/${id}/attendance`, input),
    openVote: (id: string, input: { question: string; decisionType: Decision['decisionType']; secret: boolean; agendaItemId: string | null }) => post<VoteView>(`${base}/${id}/votes`, input),
    cast: (id: string, voteId: string, choice: 'for' | 'against' | 'abstain', forId?: string) => post<VoteView>(`${base}/${id}/votes/${voteId}/ballots`, { choice, ...(forId ? { forId } : {}) }),
    closeVote: (id: string, voteId: string) => post<{ vote: VoteView; decision: Decision }>(`${base}/${id}/votes/${voteId}/close`),
    record: (id: string, input: { title: string; decisionType?: Decision['decisionType']; outcome: 'adopted' | 'rejected'; agendaItemId: string | null }) => post<Decision>(`${base}/${id}/decisions`, input),
    proposeAmendment: (id: string, input: { text: string; quote: string | null }) => post<MinutesAmendment>(`${base}/${id}/minutes/amendments`, input),
    settleAmendment: (id: string, amendmentId: string, status: 'accepted' | 'rejected') => post<MinutesAmendment>(`${base}/${id}/minutes/amendments/${amendmentId}`, { status }),
    minutes: (id: string, input: { status: 'amendments' | 'approved' | 'locked'; amendmentsUntil?: string; decisionId?: string }) => post<Meeting>(`${base}/${id}/minutes`, input),
    register: (filters: { bodyId?: string; meetingId?: string; outcome?: string; decisionType?: string }) => get<Decision[]>(`${base}/decisions${query(filters)}`),
    createAction: (decisionId: string, input: { title?: string; accountable: string | null; responsible: string[]; deadline: string | null }) =>
      post<{ actionId: string; decision: Decision }>(`${base}/decisions/${decisionId}/actions`, input),
    decision: (decisionId: string) => get<Decision>(`${base}/decisions/${decisionId}`),
    /** GOV19: the fields given replace the action's; the action and the decision are linked both ways. */
    updateAction: (decisionId: string, actionId: string, input: { accountable?: string | null; responsible?: string[]; deadline?: string | null }) =>
      patch<{ actionId: string; decision: Decision }>(`${base}/decisions/${decisionId}/actions/${actionId}`, input),
  }
}
export type MeetingsApi = ReturnType<typeof meetingsApi>
