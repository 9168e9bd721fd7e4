import { actionsOf, buildAction, contentOf, FRESH_PARAM, keysAfter, PREVIEW_PARAM } from '@ensemble/shared'
import { afterAll, beforeAll, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { yjsThreadStats } from '@ensemble/server/workers'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { canonicalJson } from '../helpers/canonical.ts'
import { connectDoc, fetchTicket, type DocClient } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import type { TestServer } from '../helpers/server.ts'
import { cursorAt } from '../helpers/presence.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { clusterSecret, logRows, onInstance, sameStateVector, startCluster, stopCluster, storedDoc, tokenList, typeToken } from './scale-support.ts'

const describeCluster = redisUrl ? describePostgres : describeRedis

describeCluster('several instances on one PostgreSQL and one Redis', () => {
  const databaseUrl = usePostgresDatabase()
  let servers: TestServer[] = []
  let alliance: Awaited<ReturnType<typeof createAlliance>>
  const open: DocClient[] = []

  beforeAll(async () => {
    servers = await startCluster(3, { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret() })
    alliance = await createAlliance(servers[0]!.url, ['editor', 'editor', 'editor', 'editor'])
  })
  afterAll(async () => {
    for (const c of open) c.destroy()
    await stopCluster(servers)
  })

  const connect = async (who: TestMember, instance: number, docName: string): Promise<DocClient> => {
    const c = await connectDoc(onInstance(who.client, servers[instance]!.url), alliance.workspaceId, docName)
    open.push(c)
    return c
  }

  it('[SCALE5] 30 clients spread over 3 instances converge on the agreement and the plan; the store equals every replica and holds each edit once', async () => {
    const people = [alliance.admin, ...alliance.members]
    const agreement: DocClient[] = []
    const plan: DocClient[] = []
    for (let i = 0; i < 30; i++) {
      const c = await connect(people[i % people.length]!, i % 3, i < 15 ? 'agreement' : 'plan')
      ;(i < 15 ? agreement : plan).push(c)
    }
    await Promise.all(open.map((c) => c.synced()))

    // Agreement: everyone types into the same paragraph, at its start or its end, at the same time.
    const ROUNDS = 4
    typeToken(agreement[0]!.doc, 'tok-c0-0')
    await waitFor(() => agreement.every((c) => contentOf(c.doc).length === 1 && tokenList(c.doc).includes('tok-c0-0')), {
      message: 'the first paragraph everywhere',
    })
    const expectedTokens = new Set(['tok-c0-0'])
    for (let round = 1; round <= ROUNDS; round++) {
      agreement.forEach((c, i) => {
        typeToken(c.doc, `tok-c${i}-${round}`, (i + round) % 2 === 0)
        expectedTokens.add(`tok-c${i}-${round}`)
      })
    }
    // Plan: every client proposes two actions, with distinct order keys.
    const keys = keysAfter(null, 30)
    plan.forEach((c, i) => {
      for (const j of [0, 1]) actionsOf(c.doc).set(`action-${i}-${j}`, buildAction({ title: `Action ${i}.${j}`, order: keys[2 * i + j]! }))
    })

    const xml = (d: Y.Doc) => contentOf(d).toString()
    await waitFor(() => agreement.every((c) => xml(c.doc) === xml(agreement[0]!.doc)) && tokenList(agreement[0]!.doc).length === expectedTokens.size, {
      message: 'agreements converge on every token',
      timeoutMs: 30_000,
    })
    const actionsJson = (d: Y.Doc) => canonicalJson(actionsOf(d).toJSON())
    await waitFor(() => plan.every((c) => actionsOf(c.doc).size === 30 && actionsJson(c.doc) === actionsJson(plan[0]!.doc)), {
      message: 'plans converge on 30 actions',
      timeoutMs: 30_000,
    })

    // Nothing refused, nothing lost, nothing duplicated.
    expect(open.flatMap((c) => c.errors)).toEqual([])
    expect(new Set(tokenList(agreement[0]!.doc))).toEqual(expectedTokens)
    expect(tokenList(agreement[0]!.doc)).toHaveLength(expectedTokens.size)

    // The store (written by whichever instance accepted each edit) equals every replica…
    const stored = await waitFor(
      async () => {
        const a = await storedDoc(databaseUrl(), alliance.workspaceId, 'agreement')
        const p = await storedDoc(databaseUrl(), alliance.workspaceId, 'plan')
        return sameStateVector(a, agreement[0]!.doc) && sameStateVector(p, plan[0]!.doc) ? { a, p } : null
      },
      { message: 'the store holds every edit' },
    )
    for (const c of agreement) {
      expect(xml(c.doc)).toBe(xml(stored.a))
      expect(sameStateVector(c.doc, stored.a)).toBe(true)
    }
    for (const c of plan) {
      expect(actionsJson(c.doc)).toBe(actionsJson(stored.p))
      expect(sameStateVector(c.doc, stored.p)).toBe(true)
    }
    // …and holds each edit exactly once: one row per client transaction, none stored again by a peer.
    expect(await logRows(databaseUrl(), alliance.workspaceId, 'agreement')).toBe(1 + 15 * ROUNDS)
    expect(await logRows(databaseUrl(), alliance.workspaceId, 'plan')).toBe(15 * 2)
  })

  it('[SCALE5] presence crosses instances', async () => {
    const a = await connect(alliance.admin, 0, 'vision')
    const b = await connect(alliance.members[0]!, 2, 'vision')
    await Promise.all([a.synced(), b.synced()])
    a.provider.awareness.setLocalStateField('cursor', cursorAt(1))
    const seen = await waitFor(
      () => {
        const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { id: string; name: string } } | undefined
        return state?.user ?? null
      },
      { message: "A's presence at B, through the other instance" },
    )
    expect(seen.id).toBe(alliance.admin.userId)
  })

  it('[SCALE5] an instance that opens a document late learns the presence already there from the others', async () => {
    const a = await connect(alliance.admin, 1, 'governance')
    await a.synced()
    a.provider.awareness.setLocalStateField('cursor', cursorAt(2))
    // Instance 2 loads the room only now; A's client does not renew its presence for 15 s.
    const b = await connect(alliance.members[2]!, 2, 'governance')
    await b.synced()
    const seen = await waitFor(
      () => {
        const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { id: string } } | undefined
        return state?.user ?? null
      },
      { message: "A's presence at B, asked from the other instances", timeoutMs: 3_000 },
    )
    expect(seen.id).toBe(alliance.admin.userId)
  })

  it("[SYNC11] a large plan's full state, kept by one instance as its room unloads, is served by another to its first fresh V2 joiner without a new conversion", async () => {
    const other = await createAlliance(servers[0]!.url, ['editor'])
    const key = { workspaceId: other.workspaceId, docName: 'plan' }
    const on = async (instance: number, syncV2: boolean) => {
      const params = { [FRESH_PARAM.name]: FRESH_PARAM.value, [PREVIEW_PARAM.name]: PREVIEW_PARAM.value }
      const c = await connectDoc(
        onInstance(other.admin.client, servers[instance]!.url),
        other.workspaceId,
        'plan',
        new Y.Doc(),
        syncV2 ? { syncV2, params } : {},
      )
      open.push(c)
      return c
    }
    const author = await on(0, false)
    await author.synced()
    const keys = keysAfter(null, 600)
    for (let batch = 0; batch < 12; batch++) {
      author.doc.transact(() => {
        for (let i = batch * 50; i < (batch + 1) * 50; i++)
          actionsOf(author.doc).set(`big-${i}`, buildAction({ title: `Action ${i}`, objective: `Objectif ${i} : `.padEnd(400, 'x'), order: keys[i]! }))
      })
    }
    const expected = canonicalJson(actionsOf(author.doc).toJSON())
    // A V2 joiner on instance 0 once the plan is stored whole: that instance converts it, then keeps it.
    const probe = await on(0, false)
    await waitFor(() => actionsOf(probe.doc).size === 600, { message: 'stored plan', timeoutMs: 30_000 })
    const viewer = await on(0, true)
    await waitFor(() => canonicalJson(actionsOf(viewer.doc).toJSON()) === expected, { message: 'plan served on instance 0', timeoutMs: 30_000 })
    for (const c of [author, probe, viewer]) c.destroy()
    await waitFor(() => servers[0]!.server.rooms.get(key) === undefined, { message: 'unloaded on instance 0', timeoutMs: 10_000 })
    await servers[0]!.server.rooms.whenIdle()
    expect(await servers[0]!.server.store.keptState(key)).not.toBeNull()

    // Instance 1 never had it: it serves the kept state, and its room adopts it (nothing converted).
    expect(servers[1]!.server.rooms.hasKeptState(key)).toBe(false)
    const conversions = yjsThreadStats.toV2
    const joiner = await on(1, true)
    await waitFor(() => canonicalJson(actionsOf(joiner.doc).toJSON()) === expected, { message: 'plan served on instance 1', timeoutMs: 30_000 })
    await servers[1]!.server.rooms.whenIdle()
    expect(yjsThreadStats.toV2).toBe(conversions)
  })

  it('[SCALE6] a ticket from instance A opens a socket on instance B; a role lowered through A bites on B within 1 s', async () => {
    const editor = alliance.members[1]!
    // No sticky sessions: the ticket is issued by A and redeemed by B.
    const ticket = await fetchTicket(onInstance(editor.client, servers[0]!.url), alliance.workspaceId)
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${servers[1]!.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/charter?ticket=${ticket}`)
      ws.once('open', () => {
        ws.close()
        resolve(101)
      })
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.once('error', () => resolve(-1))
    })
    expect(status).toBe(101)
    // Spent: a second use is refused, on any instance.
    const reuse = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${servers[2]!.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/charter?ticket=${ticket}`)
      ws.once('open', () => {
        ws.close()
        resolve(101)
      })
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.once('error', () => resolve(-1))
    })
    expect(reuse).toBe(401)

    // The editor writes on B; the admin lowers them to observer through A.
    const onB = await connect(editor, 1, 'charter')
    const watcher = await connect(alliance.admin, 2, 'charter')
    await Promise.all([onB.synced(), watcher.synced()])
    typeToken(onB.doc, 'tok-before-1')
    await waitFor(() => tokenList(watcher.doc).includes('tok-before-1'), { message: 'edit as editor accepted' })
    await alliance.admin.client.json('PATCH', `/api/workspaces/${alliance.workspaceId}/members/${editor.userId}`, { role: 'observer' }, 200)
    const lowered = Date.now()
    // Within a second, B refuses (and reverts) the observer's edit.
    await waitFor(
      () => {
        typeToken(onB.doc, `tok-probe-${Date.now()}`)
        return onB.errors.some((e) => e.code === 'edit_forbidden')
      },
      { message: 'the lowered role applies on B', timeoutMs: 5_000, intervalMs: 50 },
    )
    expect(Date.now() - lowered).toBeLessThan(1000)
    // The refused edits are reverted on every replica, through both instances; earlier words stay.
    await waitFor(() => contentOf(onB.doc).toString() === contentOf(watcher.doc).toString(), { message: 'replicas agree after the refusal' })
    expect(tokenList(watcher.doc)).toContain('tok-before-1')
  })
})
