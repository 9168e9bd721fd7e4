import { mentionToken } from '@ensemble/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import type { TestServer } from '../helpers/server.ts'
import { createThread, openEvents, reply } from './comments-flow.ts'
import { clusterSecret, onInstance, startCluster, stopCluster } from './scale-support.ts'

const describeCluster = redisUrl ? describePostgres : describeRedis

describeCluster('live comment events across instances (PostgreSQL + Redis)', () => {
  const databaseUrl = usePostgresDatabase()
  let servers: TestServer[] = []

  beforeAll(async () => {
    servers = await startCluster(2, { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret() })
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
      const { thread } = await createThread(writer.client, workspaceId, { targetKind: 'action', targetId: 'a1', body: 'Un fil ouvert sur A' })
      const created = await mentionedOnB.next((e) => e.event === 'comment.thread.created', 'the thread on B')
      expect(created.data.thread.id).toBe(thread.id)

      const message = await reply(onInstance(writer.client, a.url), workspaceId, thread.id, `Qu’en penses-tu, ${mentionToken('user', mentioned.userId, 'Éditeur')} ?`)
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
})
