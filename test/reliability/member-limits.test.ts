import { LIMITS } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger, RateLimitedError } from '@ensemble/server'
import { connectInstances } from '@ensemble/server/fanout'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import type { HttpClient } from '../helpers/http.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { api, openEvents } from '../integration/comments-flow.ts'
import { openRaw, report } from './support.ts'

/**
 * LIM2–LIM5 of docs/SPEC.md on a real server (SQLite): one member floods a route as fast as the
 * client can send; past their budget every answer is 429 with `Retry-After` and the JSON error, and
 * nothing more is done; another member is not affected; once the window has passed (the server's
 * clock for budgets and tickets is the test's, moved by hand: nothing waits for real time) the
 * member is served again.
 */
let now = 1_800_000_000_000
let server: TestServer
let alliance: Awaited<ReturnType<typeof createAlliance>>
let flooder: TestMember
let bystander: TestMember

beforeAll(async () => {
  server = await startTestServer({}, tempDataDir(), { limitsNow: () => now })
  alliance = await createAlliance(server.url, ['commenter', 'commenter'])
  ;[flooder, bystander] = alliance.members as [TestMember, TestMember]
})
afterAll(async () => {
  await server.close()
  removeDir(server.dataDir)
})

/** Moves the budgets' clock past every window: each test starts with full buckets. */
const nextTest = () => (now += 3_600_000)

interface Flood {
  ok: number
  refused: number
  /** Distinct Retry-After values of the refusals, in seconds. */
  retryAfter: number[]
  ms: number
}

/** Sends `count` requests, `concurrency` at a time; every answer is a success (`okStatus`) or a proper 429. */
async function flood(count: number, send: () => Promise<Response>, okStatus: number, concurrency = 100): Promise<Flood> {
  const result: Flood = { ok: 0, refused: 0, retryAfter: [], ms: 0 }
  const retryAfter = new Set<number>()
  const started = performance.now()
  for (let sent = 0; sent < count; sent += concurrency) {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count - sent) }, async () => {
        const res = await send()
        const body = await res.text()
        if (res.status === okStatus) return void result.ok++
        expect({ status: res.status, body: JSON.parse(body) }).toEqual({ status: 429, body: { error: { code: 'rate_limited', message: expect.any(String) } } })
        const seconds = Number(res.headers.get('retry-after'))
        expect(Number.isInteger(seconds) && seconds >= 1).toBe(true)
        retryAfter.add(seconds)
        result.refused++
      }),
    )
  }
  result.ms = Math.round(performance.now() - started)
  result.retryAfter = [...retryAfter].sort((a, b) => a - b)
  return result
}

const ws = () => `/api/workspaces/${alliance.workspaceId}`
const postThread = (client: HttpClient, body = 'Encore un fil') =>
  client.request('POST', api(alliance.workspaceId).threads, { targetKind: 'document', docName: 'charter', body })

describe('LIM2 every state-changing request', () => {
  it('[LIM2] 1,000 writes of one member at once: the burst of LIMITS.memberRate.writes is served, the rest get 429 + Retry-After; another member is served; after Retry-After the member is again', async () => {
    nextTest()
    const readAll = (client: HttpClient) => client.request('POST', `${ws()}/inbox/read-all`)
    const result = await flood(1000, () => readAll(flooder.client), 200)
    expect(result.ok).toBe(LIMITS.memberRate.writes.burst)
    expect(result.refused).toBe(1000 - LIMITS.memberRate.writes.burst)
    expect((await readAll(bystander.client)).status).toBe(200)
    expect((await readAll(flooder.client)).status).toBe(429)
    // Reading is not a write.
    expect((await flooder.client.request('GET', `${ws()}/inbox`)).status).toBe(200)
    now += Math.max(...result.retryAfter) * 1000
    expect((await readAll(flooder.client)).status).toBe(200)
    report('LIM2', { sent: 1000, served: result.ok, refused: result.refused, retryAfterS: result.retryAfter, ms: result.ms })
  })
})

describe('LIM3 event streams', () => {
  it('[LIM3] one member opening 2,000 event streams at once holds at most LIMITS.maxEventStreamsPerUser; the rest get 429 + Retry-After; another member opens one; closed and a window later, the member opens again', async () => {
    nextTest()
    const url = new URL(`${ws()}/events`, server.url)
    const open: AbortController[] = []
    const result = await flood(
      2000,
      async () => {
        const controller = new AbortController()
        const res = await fetch(url, { headers: { cookie: flooder.client.cookieHeader, accept: 'text/event-stream' }, signal: controller.signal })
        if (res.status !== 200) return res
        open.push(controller)
        // An open stream never ends by itself: answer its status without reading it.
        return new Response(null, { status: 200 })
      },
      200,
      200,
    )
    expect(result.ok).toBe(LIMITS.maxEventStreamsPerUser)
    expect(open).toHaveLength(LIMITS.maxEventStreamsPerUser)
    expect(result.refused).toBe(2000 - LIMITS.maxEventStreamsPerUser)

    const theirs = await openEvents(bystander.client, alliance.workspaceId)
    expect(theirs.status).toBe(200)
    theirs.close()

    for (const controller of open) controller.abort()
    // The server gives the slots back as it sees the streams end; each attempt comes a minute later.
    const again = await waitFor(
      async () => {
        now += 60_000
        const stream = await openEvents(flooder.client, alliance.workspaceId)
        if (stream.status === 200) return stream
        await stream.response.text()
        return null
      },
      { message: 'a stream of the flooder once the others are closed' },
    )
    again.close()
    report('LIM3', { attempted: 2000, opened: result.ok, refused: result.refused, retryAfterS: result.retryAfter, ms: result.ms })
  })
})

describe('LIM4 websocket tickets', () => {
  it('[LIM4] one member minting 20,000 tickets at once gets LIMITS.maxOutstandingTicketsPerUser, then 429 + Retry-After; another member gets one; a spent ticket frees its place; after the TTL the member mints again', async () => {
    nextTest()
    const mint = (client: HttpClient) => client.request('POST', `${ws()}/tickets`)
    const tickets: string[] = []
    const result = await flood(
      20_000,
      async () => {
        const res = await mint(flooder.client)
        if (res.status !== 200) return res
        tickets.push(((await res.json()) as { ticket: string }).ticket)
        return new Response(null, { status: 200 })
      },
      200,
    )
    expect(result.ok).toBe(LIMITS.maxOutstandingTicketsPerUser)
    expect(result.refused).toBe(20_000 - LIMITS.maxOutstandingTicketsPerUser)
    // The unused tickets expire within the TTL: no refusal asks to wait longer.
    expect(Math.max(...result.retryAfter)).toBeLessThanOrEqual(LIMITS.ticketTtlMs / 1000)
    expect((await mint(bystander.client)).status).toBe(200)

    // Past every rate window, the cap alone holds; spending one ticket gives its place back.
    now += 30_000
    expect((await mint(flooder.client)).status).toBe(429)
    const socket = await openRaw(`${server.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/charter?ticket=${tickets[0]}`, new URL(server.url).origin)
    expect((await mint(flooder.client)).status).toBe(200)
    expect((await mint(flooder.client)).status).toBe(429)
    socket.ws.close()
    // Once they expire, every place is back.
    now += LIMITS.ticketTtlMs
    expect((await mint(flooder.client)).status).toBe(200)
    report('LIM4', {
      attempted: 20_000,
      minted: result.ok,
      refused: result.refused,
      retryAfterS: [Math.min(...result.retryAfter), Math.max(...result.retryAfter)],
      ms: result.ms,
    })
  })
})

describe('LIM5 comment threads and messages', () => {
  it('[LIM5] one member creating 1,000 threads at once creates LIMITS.memberRate.threads.burst of them, then 1,000 replies create LIMITS.memberRate.messages.burst; the rest are 429 + Retry-After and create nothing; another member posts; after Retry-After the member posts again', async () => {
    nextTest()
    const threads = await flood(1000, () => postThread(flooder.client), 201)
    expect(threads.ok).toBe(LIMITS.memberRate.threads.burst)
    const listed = await alliance.admin.client.json<{ id: string; createdBy: string }[]>('GET', api(alliance.workspaceId).threads, undefined, 200)
    expect(listed.filter((t) => t.createdBy === flooder.userId)).toHaveLength(LIMITS.memberRate.threads.burst)
    expect((await postThread(bystander.client, 'Un fil à moi')).status).toBe(201)
    expect((await postThread(flooder.client)).status).toBe(429)
    now += Math.max(...threads.retryAfter) * 1000
    expect((await postThread(flooder.client)).status).toBe(201)

    nextTest()
    const threadId = listed.find((t) => t.createdBy === flooder.userId)!.id
    const reply = (client: HttpClient) => client.request('POST', `${api(alliance.workspaceId).thread(threadId)}/messages`, { body: 'Et encore' })
    const replies = await flood(1000, () => reply(flooder.client), 201)
    expect(replies.ok).toBe(LIMITS.memberRate.messages.burst)
    const { messages } = await alliance.admin.client.json<{ messages: unknown[] }>('GET', api(alliance.workspaceId).thread(threadId), undefined, 200)
    expect(messages).toHaveLength(1 + LIMITS.memberRate.messages.burst)
    expect((await reply(bystander.client)).status).toBe(201)
    report('LIM5', {
      threadsSent: 1000,
      threadsCreated: threads.ok,
      repliesSent: 1000,
      repliesCreated: replies.ok,
      retryAfterS: [...new Set([...threads.retryAfter, ...replies.retryAfter])],
      ms: threads.ms + replies.ms,
    })
  })
})

describeRedis('LIM4 across instances (Redis)', () => {
  it('[LIM4] the cap on unused tickets holds across two instances sharing Redis: minted on one, counted on the other, given back when spent on either', async () => {
    let clock = Date.now()
    const logger = createLogger('warn')
    const [a, b] = await Promise.all([connectInstances(redisUrl!, logger, () => clock), connectInstances(redisUrl!, logger, () => clock)])
    try {
      const claim = { userId: `lim4-${clock}-${Math.random().toString(36).slice(2)}`, workspaceId: 'w' }
      const cap = { maxOutstanding: 3 }
      const first = await a.tickets.issue(claim, cap)
      await b.tickets.issue(claim, cap)
      await a.tickets.issue(claim, cap)
      const refused = await Promise.resolve(b.tickets.issue(claim, cap)).catch((err: unknown) => err)
      expect(refused).toBeInstanceOf(RateLimitedError)
      expect((refused as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(LIMITS.ticketTtlMs / 1000)
      expect(await b.tickets.consume(first)).toMatchObject(claim)
      await a.tickets.issue(claim, cap)
      await expect(Promise.resolve(a.tickets.issue(claim, cap))).rejects.toBeInstanceOf(RateLimitedError)
      // Expired ones no longer count.
      clock += LIMITS.ticketTtlMs + 1
      await b.tickets.issue(claim, cap)
    } finally {
      for (const instance of [a, b]) {
        await instance.tickets.close?.()
        await instance.fanOut.close()
      }
    }
  })
})
