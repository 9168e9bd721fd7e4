import {
  actionsOf,
  bodiesOf,
  buildAction,
  buildBody,
  keyBetween,
  readAction,
  readPlanMeta,
  periodOf,
  validateAction,
  workspaceContextFrom,
  type AgendaItem,
  type AgendaSuggestion,
  type Decision,
  type Meeting,
  type MeetingDetail,
  type MinutesAmendment,
  type VoteView,
} from '@ensemble/shared'
import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, serverPerSuite, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { openEvents } from './comments-flow.ts'
import { addMember } from '../helpers/invitations.ts'

/**
 * Governance meetings on a real server (GOV10–GOV17): REST + live events over SSE + the plan and
 * minutes documents through real providers. The body: partner A holds 2 seats, partner B 1, a
 * quorum of 2 seats, simple majority, at most one proxy per member. Run on SQLite and on PostgreSQL.
 */
function meetingTests(server: { readonly url: string }): void {
  let workspaceId: string
  let admin: TestMember
  let steering: TestMember
  let a1: TestMember
  let a2: TestMember
  let b1: TestMember
  let observer: TestMember
  let partnerA: string
  let partnerB: string
  const bodyId = 'body-copil'
  const docs: DocClient[] = []
  const base = () => `/api/workspaces/${workspaceId}/meetings`

  beforeAll(async () => {
    const alliance = await createAlliance(server.url, ['steering', 'editor', 'editor', 'observer'])
    workspaceId = alliance.workspaceId
    admin = alliance.admin
    partnerA = alliance.partnerId
    ;[steering, a1, a2, observer] = alliance.members as [TestMember, TestMember, TestMember, TestMember]
    ;({ id: partnerB } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Communauté d’agglomération', type: 'collectivite_territoriale' },
      201,
    ))
    b1 = await signUp(server.url, 'Bénédicte Publique')
    await addMember(admin.client, workspaceId, b1, { role: 'editor', partnerId: partnerB })
    // The steering member and the observer belong to partner A too: only the first two of A to arrive sit.
    const governance = await connectDoc(admin.client, workspaceId, 'governance')
    docs.push(governance)
    await governance.synced()
    bodiesOf(governance.doc).set(
      bodyId,
      buildBody({
        name: 'Comité de pilotage',
        level: 'strategic',
        mandate: 'Pilote le plan d’action.',
        seats: { [partnerA]: 2, [partnerB]: 1 },
        decisionRule: 'simple_majority',
        quorum: 2,
        cadence: 'monthly',
        chair: null,
        order: keyBetween(null, null),
        voting: { colleges: [], weighting: 'per_seat', maxProxies: 1, quorum: null, rules: { charter: 'two_thirds' } },
      }),
    )
    await waitFor(() => governance.errors.length > 0 || governance.provider.synced, { message: 'body sent' })
  })
  afterAll(() => {
    for (const d of docs) d.destroy()
  })

  /** Schedules a meeting once the body has reached the server. */
  async function schedule(title = 'Comité de pilotage de novembre'): Promise<Meeting> {
    const input = {
      bodyId,
      title,
      startsAt: '2026-11-24T14:00:00+01:00',
      endsAt: '2026-11-24T16:00:00+01:00',
      place: 'Maison des associations, salle 2',
      videoUrl: 'https://visio.example.org/copil',
    }
    return waitFor(
      async () => {
        const res = await admin.client.request('POST', base(), input)
        return res.status === 201 ? ((await res.json()) as Meeting) : null
      },
      { message: 'meeting scheduled' },
    )
  }
  const attend = (who: TestMember, meetingId: string, userId: string, status: string, extra: Record<string, unknown> = {}) =>
    who.client.request('PUT', `${base()}/${meetingId}/attendance`, { userId, status, ...extra })
  const detail = (meetingId: string) => admin.client.json<MeetingDetail>('GET', `${base()}/${meetingId}`, undefined, 200)
  /** An ISO date `days` from today (UTC), as the server's clock reads it. */
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
  const errorOf = async (res: Response) => ({
    status: res.status,
    ...((await res.json()) as { error: { code: string; reason?: string; field?: string } }).error,
  })

  it('[GOV1] [GOV2] [GOV3] the live-edit rules check a body’s voting: a negative weight or colleges that do not match the seats are refused and undone', async () => {
    const governance = await connectDoc(steering.client, workspaceId, 'governance')
    docs.push(governance)
    await governance.synced()
    const body = () => bodiesOf(governance.doc).get(bodyId)!
    await waitFor(() => body(), { message: 'the body' })
    const before = JSON.stringify(body().get('voting'))
    const colleges = [
      { id: 'assoc', name: 'Associations', weight: -1, seats: { [partnerA]: 2 }, quorum: null },
      { id: 'public', name: 'Acteurs publics', weight: 2, seats: { [partnerB]: 1 }, quorum: null },
    ]
    body().set('voting', { colleges, weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {} })
    await waitFor(() => governance.errors.find((e) => e.rule === 'GOV2'), { message: 'GOV2 refusal' })
    await waitFor(() => JSON.stringify(body().get('voting')) === before, { message: 'voting restored' })
    body().set('voting', { colleges: colleges.slice(1).map((c) => ({ ...c, weight: 1 })), weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {} })
    await waitFor(() => governance.errors.find((e) => e.rule === 'GOV3'), { message: 'GOV3 refusal' })
    await waitFor(() => JSON.stringify(body().get('voting')) === before, { message: 'voting restored' })
    expect(governance.errors.map((e) => e.code)).toEqual(['edit_invalid', 'edit_invalid'])
  })

  it('[GOV10] admin and steering schedule meetings and keep the agenda; members read and RSVP; others are refused', async () => {
    const meeting = await schedule()
    expect(meeting).toMatchObject({ bodyId, status: 'scheduled', minutesStatus: 'draft', minutesDoc: `minutes:${meeting.id}` })
    expect((await errorOf(await a1.client.request('POST', base(), { bodyId, title: 'x', startsAt: meeting.startsAt, endsAt: meeting.endsAt }))).status).toBe(
      403,
    )
    expect(
      await errorOf(await admin.client.request('POST', base(), { bodyId: 'nobody', title: 'x', startsAt: meeting.startsAt, endsAt: meeting.endsAt })),
    ).toMatchObject({ status: 422, field: 'bodyId' })
    expect(await errorOf(await admin.client.request('POST', base(), { bodyId, title: 'x', startsAt: meeting.endsAt, endsAt: meeting.startsAt }))).toMatchObject(
      { status: 422, field: 'endsAt' },
    )
    expect(
      await errorOf(
        await admin.client.request('POST', base(), { bodyId, title: 'x', startsAt: meeting.startsAt, endsAt: meeting.endsAt, videoUrl: 'javascript:alert(1)' }),
      ),
    ).toMatchObject({ status: 422, field: 'videoUrl' })

    const first = await steering.client.json('POST', `${base()}/${meeting.id}/agenda`, { title: 'Point d’avancement' }, 201)
    const second = await steering.client.json('POST', `${base()}/${meeting.id}/agenda`, { title: 'Budget 2027' }, 201)
    // Reordered with a fractional key between nothing and the first item.
    await steering.client.json('PATCH', `${base()}/${meeting.id}/agenda/${second.id}`, { orderKey: keyBetween(null, first.orderKey) }, 200)
    expect((await a1.client.request('POST', `${base()}/${meeting.id}/agenda`, { title: 'x' })).status).toBe(403)
    await observer.client.json('PUT', `${base()}/${meeting.id}/rsvp`, { answer: 'yes' }, 200)
    const read = await observer.client.json<MeetingDetail>('GET', `${base()}/${meeting.id}`, undefined, 200)
    expect(read.agenda.map((i) => i.title)).toEqual(['Budget 2027', 'Point d’avancement'])
    expect(read.rsvps).toEqual([{ userId: observer.userId, answer: 'yes' }])
    expect((await observer.client.json<Meeting[]>('GET', `${base()}?bodyId=${bodyId}`, undefined, 200)).map((m) => m.id)).toContain(meeting.id)
    const outsider = await signUp(server.url, 'Intrus')
    expect((await outsider.client.request('GET', `${base()}/${meeting.id}`)).status).toBe(404)
  })

  it('[GOV11] attendance changes flip the quorum indicator for every listener (SSE)', async () => {
    const meeting = await schedule()
    const stream = await openEvents(b1.client, workspaceId)
    try {
      const quorumEvent = (met: boolean, present: number, from: number) =>
        stream.next(
          (e) => e.event === 'meeting.attendance' && e.data.meetingId === meeting.id && e.data.quorum.met === met && e.data.quorum.present === present,
          `quorum ${met} with ${present}`,
          from,
        )
      await attend(admin, meeting.id, a1.userId, 'present')
      await quorumEvent(false, 1, 0)
      let mark = stream.events.length
      // A member marks their own remote attendance: two seats of three, quorum 2 is met.
      expect((await b1.client.request('PUT', `${base()}/${meeting.id}/attendance`, { userId: b1.userId, status: 'remote' })).status).toBe(200)
      await quorumEvent(true, 2, mark)
      mark = stream.events.length
      await attend(admin, meeting.id, b1.userId, 'absent')
      await quorumEvent(false, 1, mark)
      mark = stream.events.length
      // A proxy to a member who is in counts as represented.
      await attend(admin, meeting.id, a2.userId, 'proxy', { proxyTo: a1.userId })
      const represented = await stream.next((e) => e.event === 'meeting.attendance' && e.data.quorum.represented === 1, 'represented seat', mark)
      expect(represented.data.quorum).toMatchObject({ met: true, present: 1, represented: 1, required: 2, totalSeats: 3 })
      // Members mark only themselves.
      expect((await a1.client.request('PUT', `${base()}/${meeting.id}/attendance`, { userId: b1.userId, status: 'present' })).status).toBe(403)
    } finally {
      stream.close()
    }
  })

  it('[GOV12] two members vote at the same time from two clients and both see the same result, live', async () => {
    const meeting = await schedule()
    for (const m of [a1, a2, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const streamA = await openEvents(a1.client, workspaceId)
    const streamB = await openEvents(b1.client, workspaceId)
    try {
      const vote = await admin.client.json<VoteView>('POST', `${base()}/${meeting.id}/votes`, { question: 'Adopter le budget 2027' }, 201)
      expect(vote).toMatchObject({ status: 'open', rule: 'simple_majority', secret: false, tally: { for: 0, against: 0, abstain: 0 } })
      const [ra, rb] = await Promise.all([
        a1.client.request('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }),
        b1.client.request('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'against' }),
      ])
      expect([ra.status, rb.status]).toEqual([201, 201])
      const tallied = (s: typeof streamA) =>
        s.next((e) => e.event === 'meeting.vote' && e.data.vote.id === vote.id && e.data.vote.voted.length === 2, 'both ballots')
      const [seenA, seenB] = await Promise.all([tallied(streamA), tallied(streamB)])
      expect(seenA.data.vote.tally).toEqual({ for: 1, against: 1, abstain: 0 })
      expect(seenB.data.vote.tally).toEqual(seenA.data.vote.tally)
      await a2.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
      const { decision } = await steering.client.json<{ decision: Decision }>('POST', `${base()}/${meeting.id}/votes/${vote.id}/close`, undefined, 200)
      expect(decision).toMatchObject({
        outcome: 'adopted',
        title: 'Adopter le budget 2027',
        quorum: { met: true, present: 3 },
        result: { votes: { for: 2, against: 1, abstain: 0 } },
      })
      const [da, db] = await Promise.all(
        [streamA, streamB].map((s) => s.next((e) => e.event === 'meeting.decision' && e.data.decision.id === decision.id, 'the decision')),
      )
      expect(da!.data.decision).toEqual(decision)
      expect(db!.data.decision).toEqual(decision)
      // Closed: no more ballots.
      expect(await errorOf(await a1.client.request('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'against' }))).toMatchObject({
        status: 409,
        reason: 'vote_closed',
      })
    } finally {
      streamA.close()
      streamB.close()
    }
  })

  it('[GOV12] ballots racing the close are either counted in the decision or refused as vote_closed, never lost', async () => {
    const meeting = await schedule()
    for (const m of [a1, a2, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const vote = await admin.client.json<VoteView>('POST', `${base()}/${meeting.id}/votes`, { question: 'Course' }, 201)
    const [closed, ...ballots] = await Promise.all([
      admin.client.request('POST', `${base()}/${meeting.id}/votes/${vote.id}/close`),
      ...[a1, a2, b1].map((m) => m.client.request('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' })),
    ])
    const { decision } = (await closed!.json()) as { decision: Decision }
    const accepted = ballots.filter((r) => r.status === 201).length
    for (const r of ballots.filter((r) => r.status !== 201)) expect(await errorOf(r)).toMatchObject({ status: 409, reason: 'vote_closed' })
    expect(decision.result!.votes.for).toBe(accepted)
    expect((await detail(meeting.id)).votes[0]!.tally!.for).toBe(accepted)
  })

  it('[GOV12] a secret vote never reveals who voted what, neither in events nor in reads', async () => {
    const meeting = await schedule()
    for (const m of [a1, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const stream = await openEvents(observer.client, workspaceId)
    try {
      const vote = await admin.client.json<VoteView>('POST', `${base()}/${meeting.id}/votes`, { question: 'Élire la présidence', secret: true }, 201)
      await a1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'against' }, 201)
      await b1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
      await admin.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/close`, undefined, 200)
      await stream.next((e) => e.event === 'meeting.decision' && e.data.meetingId === meeting.id, 'the decision')
      const published = JSON.stringify(stream.events.filter((e) => e.event === 'meeting.vote' || e.event === 'meeting.decision'))
      const read = JSON.stringify(await a1.client.json('GET', `${base()}/${meeting.id}`, undefined, 200))
      for (const text of [published, read]) {
        expect(text).not.toContain('"ballots"')
        expect(text).not.toContain('"choice"')
      }
      const closed = (await detail(meeting.id)).votes[0]!
      expect(closed).toMatchObject({
        secret: true,
        voted: [a1.userId, b1.userId].sort(),
        tally: { for: 1, against: 1, abstain: 0 },
        result: { outcome: 'rejected', tie: null, weighted: null },
      })
    } finally {
      stream.close()
    }
  })

  it('[GOV18] a secret vote in a body with a one-seat college publishes no tally per college or seat: not live, not in reads, not in the register', async () => {
    // Associations (A, 2 seats) and public actors (B, 1 seat, weight 3): a figure per college would give b1's ballot away.
    const collegesBody = 'body-colleges'
    const governance = await connectDoc(admin.client, workspaceId, 'governance')
    docs.push(governance)
    await governance.synced()
    const colleges = [
      { id: 'assoc', name: 'Associations', weight: 1, seats: { [partnerA]: 2 }, quorum: null },
      { id: 'public', name: 'Acteurs publics', weight: 3, seats: { [partnerB]: 1 }, quorum: null },
    ]
    bodiesOf(governance.doc).set(
      collegesBody,
      buildBody({
        name: 'Assemblée',
        level: 'strategic',
        mandate: '',
        seats: { [partnerA]: 2, [partnerB]: 1 },
        decisionRule: 'simple_majority',
        quorum: 2,
        cadence: 'annual',
        chair: null,
        order: keyBetween(null, null),
        voting: { colleges, weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {} },
      }),
    )
    const meeting = await waitFor(
      async () => {
        const res = await admin.client.request('POST', base(), {
          bodyId: collegesBody,
          title: 'Assemblée générale',
          startsAt: '2026-12-01T18:00:00+01:00',
          endsAt: '2026-12-01T20:00:00+01:00',
        })
        return res.status === 201 ? ((await res.json()) as Meeting) : null
      },
      { message: 'meeting of the body with colleges' },
    )
    for (const m of [a1, a2, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const stream = await openEvents(observer.client, workspaceId)
    try {
      const vote = await admin.client.json<VoteView>('POST', `${base()}/${meeting.id}/votes`, { question: 'Élire la trésorière', secret: true }, 201)
      expect(vote.tally).toBeNull()
      await b1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
      // While open, who has voted is public, what is not: no running tally to match against who just voted.
      const live = await stream.next((e) => e.event === 'meeting.vote' && e.data.vote.id === vote.id && e.data.vote.voted.length === 1, 'b1 has voted')
      expect(live.data.vote).toMatchObject({ voted: [b1.userId], tally: null })
      expect((await observer.client.json<MeetingDetail>('GET', `${base()}/${meeting.id}`, undefined, 200)).votes[0]!.tally).toBeNull()
      await a1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'against' }, 201)
      await a2.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'against' }, 201)
      const { decision } = await admin.client.json<{ decision: Decision }>('POST', `${base()}/${meeting.id}/votes/${vote.id}/close`, undefined, 200)
      // Weighted, b1's 3 beat the associations' 2: adopted, and the totals alone do not say who.
      expect(decision).toMatchObject({
        outcome: 'adopted',
        result: { secret: true, votes: { for: 1, against: 2, abstain: 0 }, colleges: [], weighted: null, tie: null },
      })
      await stream.next((e) => e.event === 'meeting.decision' && e.data.decision.id === decision.id, 'the decision')
      const seen = [
        JSON.stringify(stream.events.filter((e) => e.event.startsWith('meeting.') && JSON.stringify(e.data).includes(vote.id))),
        JSON.stringify(await b1.client.json('GET', `${base()}/${meeting.id}`, undefined, 200)),
        JSON.stringify(await observer.client.json('GET', `${base()}/decisions?bodyId=${collegesBody}`, undefined, 200)),
        JSON.stringify(await observer.client.json('GET', `${base()}/decisions/${decision.id}`, undefined, 200)),
      ]
      for (const text of seen) {
        expect(text).toContain(vote.id)
        // No tally per college (the only one with a collegeId and votes), no weights, no ballots.
        expect(text).not.toMatch(/"collegeId":"(assoc|public)","name":"[^"]*","weight"/)
        expect(text).not.toContain('"weighted":{')
        expect(text).not.toContain('"ballots"')
        expect(text).not.toContain('"choice"')
      }
    } finally {
      stream.close()
    }
  })

  it('[GOV6] [GOV7] [GOV8] [GOV4] double votes, votes without a proxy, recused, absent and extra proxies are refused with clear errors', async () => {
    const meeting = await schedule()
    await attend(admin, meeting.id, a1.userId, 'present')
    await attend(admin, meeting.id, b1.userId, 'present', { recused: true })
    const vote = await admin.client.json<VoteView>('POST', `${base()}/${meeting.id}/votes`, { question: 'Retenir le prestataire' }, 201)
    const ballot = (who: TestMember, body: Record<string, unknown>) => who.client.request('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, body)
    await a1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
    expect(await errorOf(await ballot(a1, { choice: 'against' }))).toMatchObject({ status: 409, code: 'conflict', reason: 'double_vote' })
    expect(await errorOf(await ballot(a1, { choice: 'for', forId: a2.userId }))).toMatchObject({ status: 409, reason: 'no_proxy' })
    expect(await errorOf(await ballot(b1, { choice: 'against' }))).toMatchObject({ status: 409, reason: 'recused' })
    await attend(admin, meeting.id, a2.userId, 'absent')
    expect(await errorOf(await ballot(a2, { choice: 'against' }))).toMatchObject({ status: 409, reason: 'not_present' })
    expect(await errorOf(await ballot(admin, { choice: 'against' }))).toMatchObject({ status: 409, reason: 'not_seated' })
    const res = await ballot(a1, { choice: 'against' })
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/already voted/)
    // One proxy per member: a second one to the same holder is refused and changes nothing.
    await attend(admin, meeting.id, a2.userId, 'proxy', { proxyTo: a1.userId })
    await attend(admin, meeting.id, b1.userId, 'absent')
    expect(await errorOf(await attend(admin, meeting.id, b1.userId, 'proxy', { proxyTo: a1.userId }))).toMatchObject({
      status: 422,
      reason: 'proxy_cap_exceeded',
    })
    expect((await detail(meeting.id)).attendance.find((a) => a.userId === b1.userId)).toMatchObject({ status: 'absent' })
    // With the proxy, a1 votes for a2, once.
    await a1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for', forId: a2.userId }, 201)
    expect((await detail(meeting.id)).votes[0]!.tally).toEqual({ for: 2, against: 0, abstain: 0 })
  })

  it('[GOV13] a vote without quorum is recorded as no_quorum; the register filters decisions', async () => {
    const meeting = await schedule('Comité de pilotage sans quorum')
    await attend(admin, meeting.id, a1.userId, 'present')
    const vote = await admin.client.json<VoteView>('POST', `${base()}/${meeting.id}/votes`, { question: 'Modifier la charte', decisionType: 'charter' }, 201)
    expect(vote.rule).toBe('two_thirds')
    await a1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
    const { decision } = await admin.client.json<{ decision: Decision }>('POST', `${base()}/${meeting.id}/votes/${vote.id}/close`, undefined, 200)
    expect(decision).toMatchObject({
      outcome: 'no_quorum',
      decisionType: 'charter',
      quorum: { met: false, present: 1, required: 2 },
      result: { valid: false, votes: { for: 1 } },
    })
    // Without a vote too.
    const noted = await admin.client.json<Decision>('POST', `${base()}/${meeting.id}/decisions`, { title: 'Reporter le point', outcome: 'adopted' }, 201)
    expect(noted.outcome).toBe('no_quorum')

    const register = (q: string) => observer.client.json<Decision[]>('GET', `${base()}/decisions${q}`, undefined, 200)
    expect((await register(`?meetingId=${meeting.id}`)).map((d) => d.id).sort()).toEqual([decision.id, noted.id].sort())
    expect((await register(`?meetingId=${meeting.id}&decisionType=charter`)).map((d) => d.id)).toEqual([decision.id])
    expect((await register('?outcome=no_quorum')).map((d) => d.id)).toEqual(expect.arrayContaining([decision.id, noted.id]))
    expect((await register('?outcome=adopted')).some((d) => d.meetingId === meeting.id)).toBe(false)
    expect((await observer.client.request('GET', `${base()}/decisions?outcome=maybe`)).status).toBe(422)
  })

  it('[GOV15] a decision becomes an action in one step: it passes the action rules and appears in the plan of a connected provider', async () => {
    const plan = await connectDoc(steering.client, workspaceId, 'plan')
    docs.push(plan)
    await plan.synced()
    const meeting = await schedule()
    for (const m of [a1, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const decision = await admin.client.json<Decision>(
      'POST',
      `${base()}/${meeting.id}/decisions`,
      { title: 'Lancer l’appel à projets', outcome: 'adopted' },
      201,
    )
    expect(decision.outcome).toBe('adopted')
    // Editors cannot create planned actions; an unknown member is refused by the action rules.
    expect((await a1.client.request('POST', `${base()}/decisions/${decision.id}/actions`, { accountable: steering.userId })).status).toBe(403)
    const refused = await errorOf(
      await admin.client.request('POST', `${base()}/decisions/${decision.id}/actions`, { accountable: 'nobody-here', responsible: [a1.userId] }),
    )
    expect(refused, JSON.stringify(refused)).toMatchObject({ status: 422, field: 'accountable' })

    const { actionId, decision: linked } = await admin.client.json<{ actionId: string; decision: Decision }>(
      'POST',
      `${base()}/decisions/${decision.id}/actions`,
      { accountable: steering.userId, responsible: [a1.userId], deadline: '2027-03-31' },
      201,
    )
    expect(linked.actionIds).toEqual([actionId])
    const map = await waitFor(() => actionsOf(plan.doc).get(actionId), { message: 'the action in the provider’s plan' })
    const action = readAction(map)
    expect(action).toMatchObject({
      title: 'Lancer l’appel à projets',
      status: 'planned',
      start: '2026-11-24',
      accountable: steering.userId,
      responsible: [a1.userId],
      deadline: '2027-03-31',
    })
    const members = await admin.client.json<{ userId: string; role: 'admin'; partnerId: string | null }[]>(
      'GET',
      `/api/workspaces/${workspaceId}/members`,
      undefined,
      200,
    )
    const context = workspaceContextFrom(members, [{ id: partnerA }, { id: partnerB }])
    expect(validateAction(action, { workspace: context, period: periodOf(readPlanMeta(plan.doc)) })).toEqual([])
    // Linked the other way: the register finds the decision from the action.
    expect((await observer.client.json<Decision[]>('GET', `${base()}/decisions?actionId=${actionId}`, undefined, 200)).map((d) => d.id)).toEqual([decision.id])
  })

  it('[GOV19] a decision updates an existing action in one step: checked by the action rules, linked both ways, seen by a connected provider', async () => {
    const plan = await connectDoc(steering.client, workspaceId, 'plan')
    docs.push(plan)
    await plan.synced()
    // An action of the plan made before any decision (no decisionIds in its Y.Map): still valid, still editable.
    const actionId = 'action-before-gov19'
    actionsOf(plan.doc).set(
      actionId,
      buildAction({
        title: 'Ouvrir le tiers-lieu',
        status: 'planned',
        accountable: steering.userId,
        responsible: [a1.userId],
        start: '2026-12-01',
        deadline: '2027-02-28',
        order: keyBetween(null, null),
      }),
    )
    await waitFor(() => plan.provider.synced && plan.errors.length === 0, { message: 'the action accepted' })
    const meeting = await schedule()
    for (const m of [a1, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const decide = (title: string, outcome = 'adopted') => admin.client.json<Decision>('POST', `${base()}/${meeting.id}/decisions`, { title, outcome }, 201)
    const decision = await decide('Reporter l’ouverture du tiers-lieu')
    const update = (who: TestMember, decisionId: string, id: string, body: Record<string, unknown>) =>
      who.client.request('PATCH', `${base()}/decisions/${decisionId}/actions/${id}`, body)
    const snapshot = () => JSON.stringify(actionsOf(plan.doc).get(actionId)!.toJSON())
    const before = snapshot()

    // Refused, changing nothing: an editor, a responsible who cannot edit (VAL5), an unknown action, a rejected decision.
    expect((await errorOf(await update(a1, decision.id, actionId, { deadline: '2027-06-30' }))).status).toBe(403)
    expect(await errorOf(await update(admin, decision.id, actionId, { responsible: [observer.userId] }))).toMatchObject({
      status: 422,
      field: 'responsible',
      reason: 'VAL5',
    })
    expect((await errorOf(await update(admin, decision.id, 'no-such-action', { deadline: '2027-06-30' }))).status).toBe(404)
    const rejected = await decide('Fermer le tiers-lieu', 'rejected')
    expect((await errorOf(await update(admin, rejected.id, actionId, {}))).status).toBe(409)
    expect(await errorOf(await update(admin, decision.id, actionId, { deadline: 'bientôt' }))).toMatchObject({ status: 422, field: 'deadline' })
    expect(snapshot()).toBe(before)
    expect((await admin.client.json<Decision>('GET', `${base()}/decisions/${decision.id}`, undefined, 200)).actionIds).toEqual([])

    const { decision: linked } = await admin.client.json<{ decision: Decision }>(
      'PATCH',
      `${base()}/decisions/${decision.id}/actions/${actionId}`,
      { deadline: '2027-06-30', responsible: [a1.userId, a2.userId] },
      200,
    )
    expect(linked.actionIds).toEqual([actionId])
    await waitFor(() => readAction(actionsOf(plan.doc).get(actionId)!).deadline === '2027-06-30', { message: 'the update in the provider’s plan' })
    const action = readAction(actionsOf(plan.doc).get(actionId)!)
    expect(action).toMatchObject({ accountable: steering.userId, responsible: [a1.userId, a2.userId], deadline: '2027-06-30', decisionIds: [decision.id] })
    expect(action.description).toBe('Décision du 2026-11-24 : Reporter l’ouverture du tiers-lieu')

    // A second decision creates no duplicate link; an action created from a decision lists it too.
    const second = await decide('Confier le tiers-lieu à l’association')
    await admin.client.json('PATCH', `${base()}/decisions/${second.id}/actions/${actionId}`, { accountable: admin.userId }, 200)
    await admin.client.json('PATCH', `${base()}/decisions/${second.id}/actions/${actionId}`, {}, 200)
    await waitFor(() => readAction(actionsOf(plan.doc).get(actionId)!).decisionIds.length === 2, { message: 'second link' })
    expect(readAction(actionsOf(plan.doc).get(actionId)!)).toMatchObject({ accountable: admin.userId, decisionIds: [decision.id, second.id] })
    expect((await observer.client.json<Decision[]>('GET', `${base()}/decisions?actionId=${actionId}`, undefined, 200)).map((d) => d.id).sort()).toEqual(
      [decision.id, second.id].sort(),
    )
    const { actionId: created } = await admin.client.json<{ actionId: string }>(
      'POST',
      `${base()}/decisions/${second.id}/actions`,
      { title: 'Signer la convention d’occupation', accountable: steering.userId, responsible: [a1.userId], deadline: '2027-01-31' },
      201,
    )
    await waitFor(() => actionsOf(plan.doc).get(created), { message: 'the created action' })
    expect(readAction(actionsOf(plan.doc).get(created)!).decisionIds).toEqual([second.id])
    // Two actions linked to one decision at once: both stay listed on it.
    const both = await Promise.all(
      ['Réunir les riverains', 'Choisir le mobilier'].map((title) =>
        admin.client.json<{ actionId: string }>(
          'POST',
          `${base()}/decisions/${second.id}/actions`,
          { title, accountable: steering.userId, responsible: [a1.userId], deadline: '2027-01-31' },
          201,
        ),
      ),
    )
    expect((await admin.client.json<Decision>('GET', `${base()}/decisions/${second.id}`, undefined, 200)).actionIds.sort()).toEqual(
      [actionId, created, ...both.map((r) => r.actionId)].sort(),
    )
    // The provider's later edits of these actions are still accepted by the live rules.
    actionsOf(plan.doc).get(actionId)!.set('title', 'Ouvrir le tiers-lieu (report)')
    await waitFor(() => plan.provider.synced, { message: 'edit sent' })
    expect(plan.errors).toEqual([])
  })

  it('[GOV17] suggest agenda proposes blocked and overdue actions of the plan and adds them', async () => {
    const plan = await connectDoc(steering.client, workspaceId, 'plan')
    docs.push(plan)
    await plan.synced()
    const meeting = await schedule()
    const suggestions = (await admin.client.json<AgendaSuggestion[]>('GET', `${base()}/${meeting.id}/agenda/suggestions`, undefined, 200)).filter(
      (s) => s.reason !== 'signoff',
    )
    const expected: { actionId: string; reason: string }[] = []
    const today = new Date().toISOString().slice(0, 10)
    actionsOf(plan.doc).forEach((map, id) => {
      const a = readAction(map)
      if (a.status === 'blocked') expected.push({ actionId: id, reason: 'blocked' })
      else if (a.deadline && a.deadline < today && a.status !== 'done' && a.status !== 'cancelled') expected.push({ actionId: id, reason: 'overdue' })
    })
    expect(suggestions.map((s) => `${s.reason}:${s.actionId}`).sort()).toEqual(expected.map((s) => `${s.reason}:${s.actionId}`).sort())
    const added = await admin.client.json<{ actionId: string }[]>('POST', `${base()}/${meeting.id}/agenda/suggestions`, undefined, 201)
    expect(added.flatMap((i) => (i.actionId ? [i.actionId] : [])).sort()).toEqual(expected.map((s) => s.actionId).sort())
    expect(await admin.client.json('GET', `${base()}/${meeting.id}/agenda/suggestions`, undefined, 200)).toEqual([])
  })

  it('[GOV20] suggest agenda also adds the documents awaiting sign-off, once each', async () => {
    const meeting = await schedule()
    // An open sign-off round on the charter: proposed for adoption, not yet adopted.
    await admin.client.json('POST', `/api/workspaces/${workspaceId}/documents/charter/signoff/proposals`, { name: 'Charte, version du comité' }, 201)
    const suggestions = await admin.client.json<AgendaSuggestion[]>('GET', `${base()}/${meeting.id}/agenda/suggestions`, undefined, 200)
    expect(suggestions.filter((s) => s.reason === 'signoff')).toEqual([
      { reason: 'signoff', actionId: null, docName: 'charter', title: 'Charte, version du comité', deadline: null },
    ])
    const added = await admin.client.json<AgendaItem[]>('POST', `${base()}/${meeting.id}/agenda/suggestions`, undefined, 201)
    expect(added.filter((i) => i.docName)).toMatchObject([
      { docName: 'charter', actionId: null, title: 'Charte, version du comité', notes: 'Document en attente de signature' },
    ])
    expect((await detail(meeting.id)).agenda.filter((i) => i.docName === 'charter')).toHaveLength(1)
    // On the agenda now: not suggested again.
    expect(await admin.client.json('GET', `${base()}/${meeting.id}/agenda/suggestions`, undefined, 200)).toEqual([])
    // A document that is not one of the workspace's is refused on the agenda.
    expect(await errorOf(await admin.client.request('POST', `${base()}/${meeting.id}/agenda`, { title: 'x', docName: 'nowhere' }))).toMatchObject({
      status: 422,
      field: 'docName',
    })
  })

  it('[GOV16] minutes go draft → amendments → approved by a later decision → locked; approved minutes refuse edits (document_locked)', async () => {
    const meeting = await schedule('Comité de pilotage de décembre')
    const minutes = await connectDoc(steering.client, workspaceId, meeting.minutesDoc)
    docs.push(minutes)
    await minutes.synced()
    const write = (text: string) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(text)])
      minutes.doc.getXmlFragment('content').insert(0, [p])
    }
    write('Présents : …')
    await waitFor(() => minutes.provider.synced && minutes.errors.length === 0, { message: 'draft edit accepted' })
    const step = (body: Record<string, unknown>) => admin.client.request('POST', `${base()}/${meeting.id}/minutes`, body)
    expect(await errorOf(await step({ status: 'approved', decisionId: 'x' }))).toMatchObject({ status: 409, reason: 'minutes_transition' })
    expect((await step({ status: 'amendments', amendmentsUntil: inDays(-1) })).status).toBe(422)
    expect((await step({ status: 'amendments', amendmentsUntil: inDays(14) })).status).toBe(200)
    // Approval needs an adopted `minutes` decision of a later meeting of the same body.
    const next = await waitFor(async () => {
      const res = await admin.client.request('POST', base(), {
        bodyId,
        title: 'Comité de janvier',
        startsAt: '2027-01-12T14:00:00+01:00',
        endsAt: '2027-01-12T16:00:00+01:00',
      })
      return res.status === 201 ? ((await res.json()) as Meeting) : null
    })
    for (const m of [a1, b1]) await attend(admin, next.id, m.userId, 'present')
    const ordinary = await admin.client.json<Decision>('POST', `${base()}/${next.id}/decisions`, { title: 'Autre', outcome: 'adopted' }, 201)
    expect((await step({ status: 'approved', decisionId: ordinary.id })).status).toBe(409)
    const approval = await admin.client.json<Decision>(
      'POST',
      `${base()}/${next.id}/decisions`,
      { title: 'Approuver le compte rendu de décembre', decisionType: 'minutes', outcome: 'adopted' },
      201,
    )
    // Approval locks the minutes (GOV21): nothing comes after it.
    expect(await admin.client.json<Meeting>('POST', `${base()}/${meeting.id}/minutes`, { status: 'approved', decisionId: approval.id }, 200)).toMatchObject({
      minutesStatus: 'locked',
      approvedBy: approval.id,
    })

    const before = minutes.doc.getXmlFragment('content').toString()
    write('Ajout après approbation')
    await waitFor(() => minutes.errors.find((e) => e.code === 'document_locked'), { message: 'document_locked' })
    await waitFor(() => minutes.doc.getXmlFragment('content').toString() === before, { message: 'the edit undone' })
    expect(await errorOf(await step({ status: 'locked' }))).toMatchObject({ status: 409, reason: 'minutes_transition' })
    expect((await detail(meeting.id)).meeting.minutesStatus).toBe('locked')
  })

  it('[GOV21] attendees propose amendments during the period; the chair accepts (applied to the minutes) or rejects; approval by a later decision locks', async () => {
    const meeting = await schedule('Comité de pilotage — amendements')
    for (const m of [a1, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const minutes = await connectDoc(steering.client, workspaceId, meeting.minutesDoc)
    docs.push(minutes)
    await minutes.synced()
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText('Le budget 2027 est adopté à l’unanimité.')])
    minutes.doc.getXmlFragment('content').insert(0, [p])
    await waitFor(() => minutes.provider.synced && minutes.errors.length === 0, { message: 'draft written' })
    const text = () =>
      minutes.doc
        .getXmlFragment('content')
        .toArray()
        .map((n) => ((n as Y.XmlElement).get(0) as Y.XmlText).toString())
        .join('\n')
    const amendments = `${base()}/${meeting.id}/minutes/amendments`
    const propose = (who: TestMember, body: Record<string, unknown>) => who.client.request('POST', amendments, body)
    const settle = (who: TestMember, id: string, status: string) => who.client.request('POST', `${amendments}/${id}`, { status })

    // Not before the period.
    expect(await errorOf(await propose(a1, { text: 'x' }))).toMatchObject({ status: 409, reason: 'amendments_closed' })
    await admin.client.json('POST', `${base()}/${meeting.id}/minutes`, { status: 'amendments', amendmentsUntil: inDays(7) }, 200)
    const stream = await openEvents(observer.client, workspaceId)
    try {
      const fix = await a1.client.json<MinutesAmendment>('POST', amendments, { quote: 'à l’unanimité', text: 'à la majorité (deux abstentions)' }, 201)
      expect(fix).toMatchObject({ authorId: a1.userId, status: 'pending', quote: 'à l’unanimité', decidedBy: null })
      // Others see it live: the event, then the meeting's amendments.
      await stream.next((e) => e.event === 'meeting.changed' && e.data.meetingId === meeting.id, 'amendment proposed')
      expect((await observer.client.json<MeetingDetail>('GET', `${base()}/${meeting.id}`, undefined, 200)).amendments.map((a) => a.id)).toEqual([fix.id])
      const addition = await b1.client.json<MinutesAmendment>('POST', amendments, { text: 'Prochaine réunion le 12 janvier.' }, 201)
      // Only attendees (present or remote) and the chair's team propose; only the chair's team settles.
      expect((await propose(a2, { text: 'x' })).status).toBe(403)
      expect(await errorOf(await propose(a1, { text: '' }))).toMatchObject({ status: 422 })
      expect((await settle(a1, fix.id, 'accepted')).status).toBe(403)

      const mark = stream.events.length
      expect(await admin.client.json<MinutesAmendment>('POST', `${amendments}/${fix.id}`, { status: 'accepted' }, 200)).toMatchObject({
        status: 'accepted',
        decidedBy: admin.userId,
      })
      await waitFor(() => text() === 'Le budget 2027 est adopté à la majorité (deux abstentions).', {
        message: 'the amendment in the minutes of a connected provider',
      })
      await stream.next((e) => e.event === 'meeting.changed' && e.data.meetingId === meeting.id, 'amendment accepted', mark)
      expect(await admin.client.json<MinutesAmendment>('POST', `${amendments}/${addition.id}`, { status: 'rejected' }, 200)).toMatchObject({
        status: 'rejected',
      })
      expect(await errorOf(await settle(admin, fix.id, 'rejected'))).toMatchObject({ status: 409, reason: 'amendment_settled' })
      // A quote no longer in the minutes is not applied and stays pending.
      const stale = await a1.client.json<MinutesAmendment>('POST', amendments, { quote: 'à l’unanimité', text: 'par consensus' }, 201)
      expect(await errorOf(await settle(admin, stale.id, 'accepted'))).toMatchObject({ status: 409, reason: 'quote_not_found' })
      expect(text()).toBe('Le budget 2027 est adopté à la majorité (deux abstentions).')

      // Approval: an adopted `minutes` decision of a later meeting, once nothing is pending.
      const next = await waitFor(async () => {
        const res = await admin.client.request('POST', base(), {
          bodyId,
          title: 'Comité suivant',
          startsAt: '2027-02-09T14:00:00+01:00',
          endsAt: '2027-02-09T16:00:00+01:00',
        })
        return res.status === 201 ? ((await res.json()) as Meeting) : null
      })
      for (const m of [a1, b1]) await attend(admin, next.id, m.userId, 'present')
      const approval = await admin.client.json<Decision>(
        'POST',
        `${base()}/${next.id}/decisions`,
        { title: 'Approuver le compte rendu', decisionType: 'minutes', outcome: 'adopted' },
        201,
      )
      const approve = () => admin.client.request('POST', `${base()}/${meeting.id}/minutes`, { status: 'approved', decisionId: approval.id })
      expect(await errorOf(await approve())).toMatchObject({ status: 409, reason: 'amendments_pending' })
      await admin.client.json('POST', `${amendments}/${stale.id}`, { status: 'rejected' }, 200)
      expect(((await approve().then((r) => r.json())) as Meeting).minutesStatus).toBe('locked')
      const locked = await observer.client.json<MeetingDetail>('GET', `${base()}/${meeting.id}`, undefined, 200)
      expect(locked.meeting).toMatchObject({ minutesStatus: 'locked', approvedBy: approval.id })
      expect(locked.amendments.map((a) => a.status)).toEqual(['accepted', 'rejected', 'rejected'])
      // Locked: no new amendment, no edit.
      expect(await errorOf(await propose(a1, { text: 'Trop tard' }))).toMatchObject({ status: 409, reason: 'amendments_closed' })
      const before = text()
      minutes.doc.getXmlFragment('content').insert(0, [new Y.XmlElement('paragraph')])
      await waitFor(() => minutes.errors.find((e) => e.code === 'document_locked'), { message: 'document_locked' })
      await waitFor(() => text() === before, { message: 'the edit undone' })
    } finally {
      stream.close()
    }
  })

  it('[GOV23] a reorder reaches every listener; a vote is linked to an agenda item of its meeting, and so is its decision', async () => {
    const meeting = await schedule()
    const other = await schedule('Autre réunion')
    for (const m of [a1, b1]) await attend(admin, meeting.id, m.userId, 'present')
    const first = await admin.client.json<AgendaItem>('POST', `${base()}/${meeting.id}/agenda`, { title: 'Budget' }, 201)
    const second = await admin.client.json<AgendaItem>('POST', `${base()}/${meeting.id}/agenda`, { title: 'Tiers-lieu' }, 201)
    const elsewhere = await admin.client.json<AgendaItem>('POST', `${base()}/${other.id}/agenda`, { title: 'Ailleurs' }, 201)
    const stream = await openEvents(b1.client, workspaceId)
    try {
      const mark = stream.events.length
      await steering.client.json('PATCH', `${base()}/${meeting.id}/agenda/${second.id}`, { orderKey: keyBetween(null, first.orderKey) }, 200)
      await stream.next((e) => e.event === 'meeting.changed' && e.data.meetingId === meeting.id, 'the reorder', mark)
      expect((await b1.client.json<MeetingDetail>('GET', `${base()}/${meeting.id}`, undefined, 200)).agenda.map((i) => i.title)).toEqual([
        'Tiers-lieu',
        'Budget',
      ])
      expect(await errorOf(await steering.client.request('PATCH', `${base()}/${meeting.id}/agenda/${second.id}`, { orderKey: 'not a key!' }))).toMatchObject({
        status: 422,
      })

      expect(
        await errorOf(await admin.client.request('POST', `${base()}/${meeting.id}/votes`, { question: 'Ailleurs ?', agendaItemId: elsewhere.id })),
      ).toMatchObject({ status: 422, field: 'agendaItemId' })
      const vote = await admin.client.json<VoteView>(
        'POST',
        `${base()}/${meeting.id}/votes`,
        { question: 'Ouvrir le tiers-lieu ?', agendaItemId: second.id },
        201,
      )
      expect(vote.agendaItemId).toBe(second.id)
      await a1.client.json('POST', `${base()}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
      const { decision } = await admin.client.json<{ decision: Decision }>('POST', `${base()}/${meeting.id}/votes/${vote.id}/close`, undefined, 200)
      expect(decision.agendaItemId).toBe(second.id)
    } finally {
      stream.close()
    }
  })

  it('[GOV14] the .ics invitation parses as one event with the meeting’s times, title and place', async () => {
    const meeting = await schedule('Comité ; budget, “2027” \\ suivi')
    const res = await observer.client.request('GET', `${base()}/${meeting.id}/invitation.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const text = await res.text()
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
    const calendar = new ICAL.Component(ICAL.parse(text))
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
    expect(event.summary).toBe('Comité ; budget, “2027” \\ suivi')
    expect(event.location).toBe('Maison des associations, salle 2')
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-24T13:00:00.000Z')
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-24T15:00:00.000Z')
    expect(event.uid).toContain(meeting.id)
    expect(event.description).toContain('visio.example.org/copil')
  })
}

describe('governance meetings, votes and decisions (SQLite)', () => meetingTests(serverPerSuite()))

describePostgres('governance meetings, votes and decisions (PostgreSQL)', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-gov-')
  let server: TestServer | undefined
  beforeAll(async () => {
    server = await startTestServer({ DATABASE_URL: databaseUrl() }, dataDir)
  })
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })
  meetingTests({
    get url() {
      return server!.url
    },
  })
})
