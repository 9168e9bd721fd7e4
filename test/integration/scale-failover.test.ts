import { contentOf } from '@ensemble/shared'
import { afterAll, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import { removeDir, spawnServer, startTestServer, tempDataDir, type ChildServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { clusterSecret, logRows, onInstance, sameStateVector, startBalancer, storedDoc, tokenList, typeToken, type Balancer } from './scale-support.ts'

const describeCluster = redisUrl ? describePostgres : describeRedis

describeCluster('an instance killed behind a load balancer', () => {
  const databaseUrl = usePostgresDatabase()
  let balancer: Balancer | null = null
  const servers: TestServer[] = []
  let child: ChildServer | null = null
  const childDir = tempDataDir('ensemble-scale8-')
  const open: DocClient[] = []
  afterAll(async () => {
    for (const c of open) c.destroy()
    if (child && child.child.exitCode === null && child.child.signalCode === null) await child.kill('SIGTERM')
    for (const s of servers) {
      await s.close()
      removeDir(s.dataDir)
    }
    await balancer?.close()
    removeDir(childDir)
  })

  it('[SCALE8] an instance is SIGKILLed: its clients reconnect to another instance and nothing seen elsewhere is lost', async () => {
    balancer = await startBalancer()
    const env = { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret(), ALLOWED_ORIGINS: balancer.url, ROOM_IDLE_MS: '2000' }
    servers.push(await startTestServer(env, tempDataDir('ensemble-scale8-')))
    servers.push(await startTestServer(env, tempDataDir('ensemble-scale8-')))
    child = await spawnServer(childDir, env)
    balancer.backends = [child.url, servers[0]!.url, servers[1]!.url]

    // Everyone goes through the balancer, like browsers through nginx.
    balancer.preferred = 1
    const alliance = await createAlliance(balancer.url, ['editor', 'editor'])
    const people = [alliance.admin, ...alliance.members].map((p) => onInstance(p.client, balancer!.url))
    const onChild: DocClient[] = []
    const elsewhere: DocClient[] = []
    for (let i = 0; i < 6; i++) {
      balancer.preferred = i % 3 // 0: the child, 1 and 2: the in-process instances
      const c = await connectDoc(people[i % 3]!, alliance.workspaceId, 'charter')
      await c.synced()
      open.push(c)
      ;(i % 3 === 0 ? onChild : elsewhere).push(c)
    }
    balancer.preferred = 1

    const typed: string[] = []
    const round = (clients: DocClient[], label: string) =>
      clients.forEach((c, i) => {
        const token = `tok-${label}${i}-${typed.length}`
        typeToken(c.doc, token, typed.length % 2 === 0)
        typed.push(token)
      })
    round(open, 'before')
    round(onChild, 'child')
    await waitFor(() => open.every((c) => tokenList(c.doc).length === typed.length), { message: 'every word everywhere' })
    const seenElsewhere = new Set(elsewhere.flatMap((c) => tokenList(c.doc)))
    expect(seenElsewhere.size).toBe(typed.length)

    // The child dies without warning; new connections skip it.
    // Counted by event, not by polling wsconnected: a client may reconnect elsewhere between two polls.
    const noticed = new Set<DocClient>()
    for (const c of onChild) c.provider.on('connection-close', () => noticed.add(c))
    await child.kill('SIGKILL')
    await waitFor(() => noticed.size === onChild.length, { message: 'the child’s clients notice' })
    await waitFor(() => onChild.every((c) => c.provider.wsconnected && c.provider.synced), {
      message: 'the child’s clients reconnect elsewhere',
      timeoutMs: 20_000,
    })

    // Editing goes on, on every client.
    round(open, 'after')
    const expected = new Set(typed)
    await waitFor(() => open.every((c) => tokenList(c.doc).length === expected.size && contentOf(c.doc).toString() === contentOf(open[0]!.doc).toString()), {
      message: 'every replica converges on every word',
      timeoutMs: 20_000,
    })
    expect(new Set(tokenList(open[0]!.doc))).toEqual(expected)
    for (const token of seenElsewhere) expect(tokenList(open[0]!.doc)).toContain(token)

    const stored = await waitFor(
      async () => {
        const doc = await storedDoc(databaseUrl(), alliance.workspaceId, 'charter')
        return sameStateVector(doc, open[0]!.doc) ? doc : null
      },
      { message: 'the store holds every edit' },
    )
    expect(new Set(tokenList(stored))).toEqual(expected)
    expect(tokenList(stored)).toHaveLength(expected.size)
    // Edits the child had stored are not stored again when its clients resync elsewhere.
    expect(await logRows(databaseUrl(), alliance.workspaceId, 'charter')).toBe(typed.length)
  })
})
