import { actionsOf, buildAction, mentionToken, planMetaOf, type OutboxMail } from '@ensemble/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import { connectDoc } from '../helpers/collab.ts'
import { INVITATION_LINK } from '../helpers/invitations.ts'
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createThread, inbox, openEvents, reply } from './comments-flow.ts'
import { clusterSecret, onInstance, stopCluster } from './scale-support.ts'

// Both instances read the same scripted clock (Monday 4 March 2030, 09:00 UTC).
let now = Date.parse('2030-03-04T09:00:00Z')
const clock = () => new Date(now)

const describeCluster = redisUrl ? describePostgres : describeRedis

describeCluster('live comment events across instances (PostgreSQL + Redis)', () => {
  const databaseUrl = usePostgresDatabase()
  const servers: TestServer[] = []

  beforeAll(async () => {
    const env = { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret(), ROOM_IDLE_MS: '2000', DIGEST_TICK_MS: '3600000' }
    // Started one after the other (the first migrates the database), like scale-support's startCluster.
    for (let i = 0; i < 2; i++) servers.push(await startTestServer(env, tempDataDir('ensemble-scale-'), { clock }))
  })
  afterAll(async () => {
    await stopCluster(servers)
  })

  it('[COMM25] a listener on instance B receives a message posted on A and its own inbox.changed; events are not echoed back, and inbox.changed stays with its owner', async () => {
    const [a, b] = servers as [TestServer, TestServer]
    const { workspaceId, admin, members } = await createAlliance(a.url, ['commenter', 'editor', 'observer'])
    const [writer, mentioned, bystander] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]]
    const onA = await openEvents(onInstance(bystander.client, a.url), workspaceId)
    const mentionedOnB = await openEvents(onInstance(mentioned.client, b.url), workspaceId)
    const bystanderOnB = await openEvents(onInstance(bystander.client, b.url), workspaceId)
    try {
      const { thread } = await createThread(writer.client, workspaceId, { targetKind: 'document', docName: 'charter', body: 'Un fil ouvert sur A' })
      const created = await mentionedOnB.next((e) => e.event === 'comment.thread.created', 'the thread on B')
      expect(created.data.thread.id).toBe(thread.id)

      const message = await reply(
        onInstance(writer.client, a.url),
        workspaceId,
        thread.id,
        `Qu’en penses-tu, ${mentionToken('user', mentioned.userId, 'Éditeur')} ?`,
      )
      const pushed = await mentionedOnB.next((e) => e.event === 'comment.message.created', 'the message on B')
      expect(pushed.data).toEqual({ threadId: thread.id, message: expect.objectContaining({ id: message.id, mentions: [mentioned.userId] }) })
      const inboxChanged = await mentionedOnB.next((e) => e.event === 'inbox.changed', 'inbox.changed on B')
      expect(inboxChanged.data).toEqual({ unread: 1 })

      // B's other listener got the message but not someone else's inbox count.
      await bystanderOnB.next((e) => e.event === 'comment.message.created', 'the message for the bystander on B')
      // Marking read on B reaches a listener of the same member on A.
      const mentionedOnA = await openEvents(onInstance(mentioned.client, a.url), workspaceId)
      try {
        await onInstance(mentioned.client, b.url).json('POST', `/api/workspaces/${workspaceId}/inbox/read-all`, undefined, 200)
        const back = await mentionedOnA.next((e) => e.event === 'inbox.changed', 'inbox.changed from B on A')
        expect(back.data).toEqual({ unread: 0 })
      } finally {
        mentionedOnA.close()
      }
      await onA.next((e) => e.event === 'comment.message.created', 'the message on A')
      // A last event from B, then every stream has seen everything before it: count, nothing doubled.
      await onInstance(admin.client, b.url).json('POST', `/api/workspaces/${workspaceId}/comments/threads/${thread.id}/resolve`, undefined, 200)
      for (const stream of [onA, mentionedOnB, bystanderOnB]) await stream.next((e) => e.event === 'comment.thread.resolved', 'the resolution everywhere')
      const count = (events: { event: string }[], name: string) => events.filter((e) => e.event === name).length
      for (const stream of [onA, mentionedOnB, bystanderOnB]) {
        expect(count(stream.events, 'comment.thread.created')).toBe(1)
        expect(count(stream.events, 'comment.message.created')).toBe(1)
        expect(count(stream.events, 'comment.thread.resolved')).toBe(1)
      }
      expect(count(bystanderOnB.events, 'inbox.changed')).toBe(0)
      expect(count(onA.events, 'inbox.changed')).toBe(0)
    } finally {
      onA.close()
      mentionedOnB.close()
      bystanderOnB.close()
    }
  })

  it('[COMM26] with two instances: a plan edit on A reaches the responsible member’s inbox and their listener on B; a due digest is sent once, however many instances run the scheduler', async () => {
    const [a, b] = servers as [TestServer, TestServer]
    const { workspaceId, admin, members } = await createAlliance(a.url, ['editor', 'editor'])
    const [accountable, responsible] = members as [(typeof members)[0], (typeof members)[0]]
    await onInstance(responsible.client, b.url).json('PUT', `/api/workspaces/${workspaceId}/me/digest`, { frequency: 'daily' }, 200)
    await Promise.all(servers.map((s) => s.server.digests.runDue()))
    const listener = await openEvents(onInstance(responsible.client, b.url), workspaceId)
    const plan = await connectDoc(onInstance(admin.client, a.url), workspaceId, 'plan')
    try {
      await plan.synced()
      plan.doc.transact(() => {
        planMetaOf(plan.doc).set('start', '2030-01-01')
        planMetaOf(plan.doc).set('end', '2030-12-31')
        actionsOf(plan.doc).set(
          'a1',
          buildAction({
            title: 'Classes de mer',
            order: 'a0',
            status: 'planned',
            start: '2030-03-01',
            deadline: '2030-03-06',
            accountable: accountable.userId,
            responsible: [responsible.userId],
          }),
        )
      })
      now += 3_600_000
      actionsOf(plan.doc).get('a1')!.set('deadline', '2030-03-08')
      const changed = await listener.next((e) => e.event === 'inbox.changed', 'inbox.changed on B')
      expect(changed.data).toEqual({ unread: 1 })
      const items = await inbox(onInstance(responsible.client, b.url), workspaceId)
      expect(items).toEqual([expect.objectContaining({ kind: 'action.changed', targetId: 'a1', fields: ['deadline'], actorId: admin.userId })])
      expect(plan.errors).toEqual([])

      now = Date.parse('2030-03-05T06:00:00Z')
      // Both instances pass at the same time (each twice): only the one that claims the digest sends it.
      await Promise.all(servers.flatMap((s) => [s.server.digests.runDue(), s.server.digests.runDue()]))
      await Promise.all(servers.map((s) => s.server.digests.runDue()))
      const mails = await waitFor(
        async () => {
          const all = await onInstance(admin.client, b.url).json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)
          // The invitation that brought the responsible member in is a mail too: left out.
          return all.filter((m) => m.to === responsible.email && !INVITATION_LINK.test(m.text))
        },
        { message: 'the digest in the shared outbox' },
      )
      expect(mails).toHaveLength(1)
      expect(mails[0]!.subject).toBe('Résumé du jour · Alliance de test')
      expect(mails[0]!.text).toContain('- Classes de mer — échéance le 8 mars 2030 · réalisateur (R)')
      expect(mails[0]!.text).toContain('- Classes de mer — échéance modifié par Claire Admin')
    } finally {
      plan.destroy()
      listener.close()
    }
  })
})
