import { contentOf } from '@ensemble/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedisServer, startRedisServer, type OwnRedis } from '../helpers/redis.ts'
import type { TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { clusterSecret, logRows, onInstance, sameStateVector, startCluster, stopCluster, storedDoc, tokenList, typeToken } from './scale-support.ts'

const OUTAGE_MS = 5_000

describeRedisServer('a Redis outage during edits', () => {
  describePostgres('three instances on their own redis-server', () => {
    const databaseUrl = usePostgresDatabase()
    let redis: OwnRedis
    let servers: TestServer[] = []
    const open: DocClient[] = []

    beforeAll(async () => {
      redis = await startRedisServer()
      servers = await startCluster(3, { DATABASE_URL: databaseUrl(), REDIS_URL: redis.url, AUTH_SECRET: clusterSecret() })
    })
    afterAll(async () => {
      for (const c of open) c.destroy()
      await stopCluster(servers)
      await redis?.close()
    })

    it('[SCALE7] Redis stopped for ~5 s during edits, then restarted: every replica and the store converge on the union of all edits, nothing deleted or duplicated', async () => {
      const alliance = await createAlliance(servers[0]!.url, ['editor', 'editor'])
      const people = [alliance.admin, ...alliance.members]
      const clients: DocClient[] = []
      for (let i = 0; i < 9; i++) {
        const c = await connectDoc(onInstance(people[i % 3]!.client, servers[i % 3]!.url), alliance.workspaceId, 'convention')
        clients.push(c)
        open.push(c)
      }
      await Promise.all(clients.map((c) => c.synced()))

      const typed: string[] = []
      let n = 0
      const typeRound = () => {
        clients.forEach((c, i) => {
          const token = `tok-c${i}-${++n}`
          typeToken(c.doc, token, n % 2 === 0)
          typed.push(token)
        })
      }
      typeRound()
      await waitFor(() => clients.every((c) => tokenList(c.doc).length === typed.length), { message: 'first round everywhere' })

      // Redis goes away (killed, it keeps nothing) while everyone keeps typing.
      await redis.stop('SIGKILL')
      const stoppedAt = Date.now()
      await waitFor(
        () => {
          typeRound()
          return Date.now() - stoppedAt >= OUTAGE_MS
        },
        { timeoutMs: OUTAGE_MS + 5_000, intervalMs: 250, message: 'the outage' },
      )
      // Meanwhile only clients of the same instance saw each other: instance 0's clients lack others' words.
      expect(tokenList(clients[0]!.doc).length).toBeLessThan(typed.length)

      await redis.start()
      typeRound()
      const expected = new Set(typed)
      await waitFor(
        () => clients.every((c) => tokenList(c.doc).length === expected.size && contentOf(c.doc).toString() === contentOf(clients[0]!.doc).toString()),
        {
          message: 'every replica holds every word once',
          timeoutMs: 20_000,
        },
      )
      expect(new Set(tokenList(clients[0]!.doc))).toEqual(expected)
      expect(clients.flatMap((c) => c.errors)).toEqual([])

      const stored = await waitFor(
        async () => {
          const doc = await storedDoc(databaseUrl(), alliance.workspaceId, 'convention')
          return sameStateVector(doc, clients[0]!.doc) ? doc : null
        },
        { message: 'the store holds every edit' },
      )
      expect(contentOf(stored).toString()).toBe(contentOf(clients[0]!.doc).toString())
      // Each edit stored once, by the instance that accepted it (resyncs store nothing).
      expect(await logRows(databaseUrl(), alliance.workspaceId, 'convention')).toBe(typed.length)
    })
  })
})
