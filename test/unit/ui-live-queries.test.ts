import type { MeetingDetail, VoteView } from '@ensemble/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { applyWorkspaceEvent, invalidationsFor } from '../../client/src/api/liveQueries.ts'
import { queryClient } from '../../client/src/api/queryClient.ts'
import { queryKeys } from '../../client/src/api/queryKeys.ts'

const ws = 'ws1'
const invalidated = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated

/** The one place where the workspace's live events become cache work (client/src/api/liveQueries.ts). */
describe('[UI3] workspace events mapped onto the client cache', () => {
  afterEach(() => queryClient.clear())

  it('[UI3] a document’s history.changed makes that document’s sessions, versions and actions’ changes stale, not another’s', () => {
    queryClient.setQueryData(queryKeys.sessions(ws, 'charter'), { pages: [], pageParams: [] })
    queryClient.setQueryData(queryKeys.versions(ws, 'charter'), { pages: [], pageParams: [] })
    queryClient.setQueryData(queryKeys.sessions(ws, 'plan'), { pages: [], pageParams: [] })
    queryClient.setQueryData(queryKeys.actionHistory(ws, 'a1'), { pages: [], pageParams: [] })
    applyWorkspaceEvent(ws, 'history.changed', { docName: 'charter' })
    expect(invalidated(queryKeys.sessions(ws, 'charter'))).toBe(true)
    expect(invalidated(queryKeys.versions(ws, 'charter'))).toBe(true)
    expect(invalidated(queryKeys.sessions(ws, 'plan'))).toBe(false)
    expect(invalidated(queryKeys.actionHistory(ws, 'a1'))).toBe(false)
    applyWorkspaceEvent(ws, 'history.changed', { docName: 'plan' })
    expect(invalidated(queryKeys.actionHistory(ws, 'a1'))).toBe(true)
  })

  it('[UI3] an event without a usable document name, or of another alliance, touches nothing', () => {
    expect(invalidationsFor(ws, 'history.changed', { docName: 42 })).toEqual([])
    expect(invalidationsFor(ws, 'signoff.changed', null)).toEqual([])
    queryClient.setQueryData(queryKeys.signoff(ws, 'agreement'), [])
    applyWorkspaceEvent('other', 'signoff.changed', { docName: 'agreement' })
    expect(invalidated(queryKeys.signoff(ws, 'agreement'))).toBe(false)
    applyWorkspaceEvent(ws, 'signoff.changed', { docName: 'agreement' })
    expect(invalidated(queryKeys.signoff(ws, 'agreement'))).toBe(true)
  })

  it('[UI3] [LIM9] each (re)connection’s ready makes everything read inside the alliance stale, and only there', () => {
    queryClient.setQueryData(queryKeys.inboxItems(ws), [])
    queryClient.setQueryData(queryKeys.decisionRegister(ws, { bodyId: 'b' }), [])
    queryClient.setQueryData(queryKeys.workspaces(), [])
    applyWorkspaceEvent(ws, 'ready', {})
    expect(invalidated(queryKeys.inboxItems(ws))).toBe(true)
    expect(invalidated(queryKeys.decisionRegister(ws, { bodyId: 'b' }))).toBe(true)
    expect(invalidated(queryKeys.workspaces())).toBe(false)
  })

  it('[UI3] inbox.changed sets the unread count from the event and makes the inbox stale', () => {
    queryClient.setQueryData(queryKeys.unreadCount(ws), { unread: 0 })
    queryClient.setQueryData(queryKeys.inboxItems(ws), [])
    applyWorkspaceEvent(ws, 'inbox.changed', { unread: 3 })
    expect(queryClient.getQueryData(queryKeys.unreadCount(ws))).toEqual({ unread: 3 })
    expect(invalidated(queryKeys.unreadCount(ws))).toBe(false)
    expect(invalidated(queryKeys.inboxItems(ws))).toBe(true)
  })

  it('[UI3] a meeting’s vote and attendance are set from their events; without their state, the meeting is read again', () => {
    const vote = { id: 'v1', title: 'Budget' } as unknown as VoteView
    const detail = { id: 'm1', votes: [], attendance: [], quorum: { met: false } } as unknown as MeetingDetail
    queryClient.setQueryData(queryKeys.meeting(ws, 'm1'), detail)
    applyWorkspaceEvent(ws, 'meeting.vote', { meetingId: 'm1', vote })
    expect(queryClient.getQueryData<MeetingDetail>(queryKeys.meeting(ws, 'm1'))?.votes).toEqual([vote])
    const closed = { ...vote, status: 'closed' } as unknown as VoteView
    applyWorkspaceEvent(ws, 'meeting.vote', { meetingId: 'm1', vote: closed })
    expect(queryClient.getQueryData<MeetingDetail>(queryKeys.meeting(ws, 'm1'))?.votes).toEqual([closed])
    applyWorkspaceEvent(ws, 'meeting.attendance', { meetingId: 'm1', attendance: [{ userId: 'u' }], quorum: { met: true } })
    expect(queryClient.getQueryData<MeetingDetail>(queryKeys.meeting(ws, 'm1'))?.quorum).toEqual({ met: true })
    expect(invalidated(queryKeys.meeting(ws, 'm1'))).toBe(false)
    applyWorkspaceEvent(ws, 'meeting.attendance', { meetingId: 'm1' })
    expect(invalidated(queryKeys.meeting(ws, 'm1'))).toBe(true)
  })

  it('[UI3] [BAL10] attendance and ballots make the participation beside the balance stale, with or without the meeting’s state', () => {
    for (const [type, data] of [
      ['meeting.attendance', { meetingId: 'm1', attendance: [], quorum: { met: true } }],
      ['meeting.vote', { meetingId: 'm1', vote: { id: 'v1' } }],
      ['meeting.vote', { meetingId: 'm1' }],
    ] as const) {
      queryClient.setQueryData(queryKeys.participation(ws), { meetings: 0, partners: [] })
      applyWorkspaceEvent(ws, type, data)
      expect(invalidated(queryKeys.participation(ws)), type).toBe(true)
    }
  })

  it('[UI3] meeting.decision makes the decisions and that meeting stale; meeting.changed every meeting', () => {
    queryClient.setQueryData(queryKeys.decisionRegister(ws, { meetingId: 'm1' }), [])
    queryClient.setQueryData(queryKeys.meeting(ws, 'm1'), {})
    queryClient.setQueryData(queryKeys.meeting(ws, 'm2'), {})
    queryClient.setQueryData(queryKeys.meetingList(ws, 'b'), [])
    applyWorkspaceEvent(ws, 'meeting.decision', { meetingId: 'm1' })
    expect(invalidated(queryKeys.decisionRegister(ws, { meetingId: 'm1' }))).toBe(true)
    expect(invalidated(queryKeys.meeting(ws, 'm1'))).toBe(true)
    expect(invalidated(queryKeys.meeting(ws, 'm2'))).toBe(false)
    applyWorkspaceEvent(ws, 'meeting.changed', { meetingId: 'm2' })
    expect(invalidated(queryKeys.meeting(ws, 'm2'))).toBe(true)
    expect(invalidated(queryKeys.meetingList(ws, 'b'))).toBe(true)
  })

  it.each([
    ['plan.changed', { docName: 'plan' }],
    ['inbox.changed', { unread: 2 }],
    ['signoff.changed', { docName: 'agreement' }],
    ['meeting.changed', { meetingId: 'm1' }],
    ['meeting.decision', { meetingId: 'm1' }],
  ] as const)('[DASH8] %s makes the dashboard stale, and only that alliance’s', (type, data) => {
    queryClient.setQueryData(queryKeys.dashboard(ws), {})
    queryClient.setQueryData(queryKeys.dashboard('other'), {})
    applyWorkspaceEvent(ws, type, data)
    expect(invalidated(queryKeys.dashboard(ws))).toBe(true)
    expect(invalidated(queryKeys.dashboard('other'))).toBe(false)
  })

  it('[DASH8] a comment or a history event leaves the dashboard as it is', () => {
    queryClient.setQueryData(queryKeys.dashboard(ws), {})
    applyWorkspaceEvent(ws, 'comment.message.created', {})
    applyWorkspaceEvent(ws, 'history.changed', { docName: 'plan' })
    expect(invalidated(queryKeys.dashboard(ws))).toBe(false)
  })
})
