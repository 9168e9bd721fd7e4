import { afterAll, describe, expect, it } from 'vitest'
import { docChannel, type FanOut, InProcessFanOut, InProcessHub, RedisFanOut, Replicator } from '@ensemble/server/fanout'
import { runFanOutContract } from '../contracts/fanOut.contract.ts'
import { describeRedis, describeRedisServer, redisUrl, startRedisServer, type OwnRedis } from '../helpers/redis.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** Instances made by one fixture, closed by its cleanup. */
function fixtureOf(make: () => Promise<FanOut>) {
  const made: FanOut[] = []
  return {
    instance: async () => {
      const fanOut = await make()
      made.push(fanOut)
      return fanOut
    },
    cleanup: async () => {
      await Promise.all(made.map((f) => f.close()))
    },
  }
}

describe('in-process fan-out', () => {
  runFanOutContract('in-process', async () => {
    const hub = new InProcessHub()
    return fixtureOf(async () => new InProcessFanOut(hub))
  })

  it('instances on separate hubs (no REDIS_URL: one hub per server) reach nobody', async () => {
    const [a, b] = [new InProcessFanOut(), new InProcessFanOut()]
    const got: unknown[] = []
    await b.subscribe('doc:w:plan', (m) => got.push(m))
    await a.publish('doc:w:plan', { stream: 's1', seq: 1, kind: 'update', data: new Uint8Array([1]) })
    await new Promise((r) => setImmediate(r))
    expect(got).toEqual([])
    await Promise.all([a.close(), b.close()])
  })
})

describeRedis('Redis fan-out', () => {
  runFanOutContract('Redis', async () => fixtureOf(() => RedisFanOut.connect(redisUrl!)))
})

describeRedisServer('Redis fan-out through an outage', () => {
  let redis: OwnRedis | null = null
  afterAll(async () => {
    await redis?.close()
  })

  it('[SCALE4] reports the reconnection after Redis comes back, and delivers again (messages of the outage may be lost)', async () => {
    redis = await startRedisServer()
    const [a, b] = [await RedisFanOut.connect(redis.url), await RedisFanOut.connect(redis.url)]
    try {
      let reconnects = 0
      b.onReconnect(() => reconnects++)
      const got: number[] = []
      await b.subscribe('doc:outage:plan', (m) => got.push(m.seq))
      await a.publish('doc:outage:plan', { stream: 's1', seq: 1, kind: 'update', data: new Uint8Array() })
      await waitFor(() => got.length === 1, { message: 'first message' })
      await redis.stop()
      // Published while Redis is away: queued by the publisher, not awaited here.
      void a.publish('doc:outage:plan', { stream: 's1', seq: 2, kind: 'update', data: new Uint8Array() }).catch(() => {})
      await redis.start()
      await waitFor(() => reconnects === 1, { message: 'reconnect reported' })
      await a.publish('doc:outage:plan', { stream: 's1', seq: 3, kind: 'update', data: new Uint8Array() })
      await waitFor(() => got.includes(3), { message: 'delivery after the outage' })
      expect(got[0]).toBe(1)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})

describe('replicator: sequence numbers, buffering, resync', () => {
  /** A stand-in room recording what the replicator asks of it. */
  const fakeRoom = () => {
    const log: string[] = []
    return {
      log,
      applyPeerUpdate: (u: Uint8Array) => log.push(`update:${[...u].join(',')}`),
      applyPeerAwareness: (u: Uint8Array) => log.push(`awareness:${[...u].join(',')}`),
      awarenessStates: () => null,
      resyncFromStore: () => log.push('resync'),
    }
  }
  const key = { workspaceId: 'w1', docName: 'plan' }

  it('[SCALE4] keeps what arrives while the room loads and applies it, in order, once attached', async () => {
    const hub = new InProcessHub()
    const [a, b] = [new InProcessFanOut(hub), new InProcessFanOut(hub)]
    const [ra, rb] = [new Replicator(a), new Replicator(b)]
    const sender = await ra.join(key)
    const receiver = await rb.join(key)
    sender.publishUpdate(new Uint8Array([1]))
    sender.publishUpdate(new Uint8Array([2]))
    await new Promise((r) => setImmediate(r))
    const room = fakeRoom()
    receiver.attach(room)
    sender.publishUpdate(new Uint8Array([3]))
    await waitFor(() => room.log.length === 3, { message: 'three updates' })
    expect(room.log).toEqual(['update:1', 'update:2', 'update:3'])
    await Promise.all([a.close(), b.close()])
  })

  it('[SCALE4] a gap in an instance’s sequence numbers, or a reconnection, resynchronises from the store', async () => {
    const hub = new InProcessHub()
    const [a, b] = [new InProcessFanOut(hub), new InProcessFanOut(hub)]
    const reconnectHandlers: (() => void)[] = []
    b.onReconnect = (handler) => {
      reconnectHandlers.push(handler)
      return () => {}
    }
    const rb = new Replicator(b)
    const room = fakeRoom()
    ;(await rb.join(key)).attach(room)
    const channel = docChannel(key)
    await a.publish(channel, { stream: 's1', seq: 1, kind: 'update', data: new Uint8Array([1]) })
    await a.publish(channel, { stream: 's1', seq: 2, kind: 'update', data: new Uint8Array([2]) })
    // seq 3 lost on the way
    await a.publish(channel, { stream: 's1', seq: 4, kind: 'update', data: new Uint8Array([4]) })
    await waitFor(() => room.log.length === 4, { message: 'three updates and a resync' })
    expect(room.log).toEqual(['update:1', 'update:2', 'update:4', 'resync'])
    reconnectHandlers.forEach((h) => h())
    expect(room.log.at(-1)).toBe('resync')
    await Promise.all([a.close(), b.close()])
  })

  it('[SCALE9] a document opened again on an instance numbers from 1 in a new stream without a false gap; a stream whose start was lost resynchronises', async () => {
    const hub = new InProcessHub()
    const [a, b] = [new InProcessFanOut(hub), new InProcessFanOut(hub)]
    const [ra, rb] = [new Replicator(a), new Replicator(b)]
    const room = fakeRoom()
    ;(await rb.join(key)).attach(room)
    const wire: { stream: string; seq: number }[] = []
    await b.subscribe(docChannel(key), ({ stream, seq }) => wire.push({ stream, seq }))
    // Instance A opens the document, publishes, unloads it, and opens it again (a new link).
    const first = await ra.join(key)
    first.publishUpdate(new Uint8Array([1]))
    first.publishUpdate(new Uint8Array([2]))
    await first.leave()
    const second = await ra.join(key)
    second.publishUpdate(new Uint8Array([3]))
    await waitFor(() => room.log.length === 3, { message: 'three updates' })
    expect(room.log).toEqual(['update:1', 'update:2', 'update:3'])
    // Two streams, each numbered from 1.
    expect(wire.map((m) => m.seq)).toEqual([1, 2, 1])
    expect(new Set(wire.map((m) => m.stream)).size).toBe(2)
    // A stream whose start was lost (its first message is 2) is a gap, even below the last number seen.
    const channel = docChannel(key)
    await a.publish(channel, { stream: 'lost-start', seq: 2, kind: 'update', data: new Uint8Array([5]) })
    await waitFor(() => room.log.length === 5, { message: 'the update and a resync' })
    expect(room.log.slice(3)).toEqual(['update:5', 'resync'])
    await Promise.all([a.close(), b.close()])
  })
})
