import { afterAll, describe, expect, it } from 'vitest'
import type { FanOut } from '../../server/src/fanout/fanOut.ts'
import { InProcessFanOut, InProcessHub } from '../../server/src/fanout/inProcessFanOut.ts'
import { RedisFanOut } from '../../server/src/fanout/redisFanOut.ts'
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
    await a.publish('doc:w:plan', { seq: 1, kind: 'update', data: new Uint8Array([1]) })
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
      await a.publish('doc:outage:plan', { seq: 1, kind: 'update', data: new Uint8Array() })
      await waitFor(() => got.length === 1, { message: 'first message' })
      await redis.stop()
      // Published while Redis is away: queued by the publisher, not awaited here.
      void a.publish('doc:outage:plan', { seq: 2, kind: 'update', data: new Uint8Array() }).catch(() => {})
      await redis.start()
      await waitFor(() => reconnects === 1, { message: 'reconnect reported' })
      await a.publish('doc:outage:plan', { seq: 3, kind: 'update', data: new Uint8Array() })
      await waitFor(() => got.includes(3), { message: 'delivery after the outage' })
      expect(got[0]).toBe(1)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
