import { bodiesOf, buildBody, keyBetween, type Decision, type Meeting, type VoteView } from '@ensemble/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { openEvents } from './comments-flow.ts'
import { clusterSecret, onInstance, startCluster, stopCluster } from './scale-support.ts'

const describeCluster = redisUrl ? describePostgres : describeRedis

describeCluster('meeting events across instances (PostgreSQL + Redis)', () => {
  const databaseUrl = usePostgresDatabase()
  let servers: TestServer[] = []

  beforeAll(async () => {
    servers = await startCluster(2, { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret() })
  })
  afterAll(async () => {
    await stopCluster(servers)
  })

  it('[GOV24] attendance with its quorum, vote tallies and the decision reach members listening on the other instance, once each', async () => {
    const [a, b] = servers as [TestServer, TestServer]
    const { workspaceId, partnerId, admin, members } = await createAlliance(a.url, ['editor', 'editor'])
    const [voter, listener] = members as [(typeof members)[0], (typeof members)[0]]
    const base = `/api/workspaces/${workspaceId}/meetings`
    const governance = await connectDoc(onInstance(admin.client, a.url), workspaceId, 'governance')
    await governance.synced()
    bodiesOf(governance.doc).set(
      'copil',
      buildBody({
        name: 'Comité de pilotage',
        level: 'strategic',
        mandate: '',
        seats: { [partnerId]: 1 },
        decisionRule: 'simple_majority',
        quorum: 1,
        cadence: 'monthly',
        chair: null,
        order: keyBetween(null, null),
      }),
    )
    const chairOnA = onInstance(admin.client, a.url)
    const meeting = await waitFor(
      async () => {
        const res = await chairOnA.request('POST', base, {
          bodyId: 'copil',
          title: 'Comité',
          startsAt: '2026-11-24T14:00:00+01:00',
          endsAt: '2026-11-24T16:00:00+01:00',
        })
        return res.status === 201 ? ((await res.json()) as Meeting) : null
      },
      { message: 'meeting scheduled on A' },
    )
    governance.destroy()

    const onB = await openEvents(onInstance(listener.client, b.url), workspaceId)
    const onA = await openEvents(onInstance(listener.client, a.url), workspaceId)
    try {
      // Attendance taken on A: the quorum flips for the listener on B.
      await chairOnA.json('PUT', `${base}/${meeting.id}/attendance`, { userId: voter.userId, status: 'present' }, 200)
      const attendance = await onB.next((e) => e.event === 'meeting.attendance' && e.data.meetingId === meeting.id, 'attendance on B')
      expect(attendance.data.quorum).toMatchObject({ met: true, present: 1, required: 1 })

      // A vote opened on A, a ballot cast on B: the tally reaches A's listener, the decision B's.
      const vote = await chairOnA.json<VoteView>('POST', `${base}/${meeting.id}/votes`, { question: 'Adopter le budget' }, 201)
      await onInstance(voter.client, b.url).json('POST', `${base}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
      const tally = await onA.next((e) => e.event === 'meeting.vote' && e.data.vote.id === vote.id && e.data.vote.voted.length === 1, 'the tally on A')
      expect(tally.data.vote.tally).toEqual({ for: 1, against: 0, abstain: 0 })
      const { decision } = await chairOnA.json<{ decision: Decision }>('POST', `${base}/${meeting.id}/votes/${vote.id}/close`, undefined, 200)
      const seen = await onB.next((e) => e.event === 'meeting.decision' && e.data.decision.id === decision.id, 'the decision on B')
      expect(seen.data.decision).toEqual(decision)
      await onA.next((e) => e.event === 'meeting.decision' && e.data.decision.id === decision.id, 'the decision on A')
      // Nothing doubled by the fan-out.
      for (const stream of [onA, onB]) {
        expect(stream.events.filter((e) => e.event === 'meeting.attendance').length).toBe(1)
        expect(stream.events.filter((e) => e.event === 'meeting.decision').length).toBe(1)
      }
    } finally {
      onA.close()
      onB.close()
    }
  })
})
