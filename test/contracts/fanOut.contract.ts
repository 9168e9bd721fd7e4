import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FanOut, FanOutMessage } from '@ensemble/server/fanout'
import { waitFor } from '../helpers/waitFor.ts'

export interface FanOutFixture {
  /** A new fan-out "instance" connected to the same transport as the fixture's others. */
  instance(): Promise<FanOut>
  cleanup(): Promise<void>
}

const bytes = (...values: number[]) => new Uint8Array(values)
let channelCounter = 0
const freshChannel = () => `doc:contract-${process.pid}-${Date.now()}-${++channelCounter}:plan`

/**
 * The contract every FanOut implementation (in-process, Redis) honours. Run it from a test file
 * with a factory connecting instances to one transport.
 */
export function runFanOutContract(name: string, makeFixture: () => Promise<FanOutFixture>): void {
  describe(`[SCALE4] FanOut contract: ${name}`, () => {
    let fixture: FanOutFixture
    beforeEach(async () => {
      fixture = await makeFixture()
    })
    afterEach(async () => {
      await fixture.cleanup()
    })

    it('delivers a message to every other subscribed instance, in publish order, stamped with its origin', async () => {
      const [a, b, c] = [await fixture.instance(), await fixture.instance(), await fixture.instance()]
      expect(new Set([a.instanceId, b.instanceId, c.instanceId]).size).toBe(3)
      const channel = freshChannel()
      const got: Record<string, FanOutMessage[]> = { b: [], c: [] }
      await b.subscribe(channel, (m) => got.b!.push(m))
      await c.subscribe(channel, (m) => got.c!.push(m))
      for (let seq = 1; seq <= 20; seq++) await a.publish(channel, { stream: 's1', seq, kind: 'update', data: bytes(seq, 255, 0) })
      await waitFor(() => got.b!.length === 20 && got.c!.length === 20, { message: '20 messages on b and c' })
      for (const list of [got.b!, got.c!]) {
        expect(list.map((m) => m.seq)).toEqual([...Array(20).keys()].map((i) => i + 1))
        expect(list.every((m) => m.instanceId === a.instanceId && m.kind === 'update')).toBe(true)
        expect([...list[4]!.data]).toEqual([5, 255, 0])
      }
    })

    it('never echoes a message back to the instance that published it', async () => {
      const [a, b] = [await fixture.instance(), await fixture.instance()]
      const channel = freshChannel()
      const onA: FanOutMessage[] = []
      const onB: FanOutMessage[] = []
      await a.subscribe(channel, (m) => onA.push(m))
      await b.subscribe(channel, (m) => onB.push(m))
      await a.publish(channel, { stream: 's1', seq: 1, kind: 'update', data: bytes(1) })
      await b.publish(channel, { stream: 's1', seq: 1, kind: 'awareness', data: bytes(2) })
      await waitFor(() => onA.length === 1 && onB.length === 1, { message: 'one message each' })
      expect(onA[0]!.instanceId).toBe(b.instanceId)
      expect(onB[0]!.instanceId).toBe(a.instanceId)
      // A marker after the rest: once it arrived, nothing else is in flight.
      await b.publish(channel, { stream: 's1', seq: 2, kind: 'marker', data: bytes() })
      await waitFor(() => onA.length === 2, { message: 'marker' })
      expect(onB).toHaveLength(1)
    })

    it('keeps channels apart and stops delivering after unsubscribe', async () => {
      const [a, b] = [await fixture.instance(), await fixture.instance()]
      const [one, two] = [freshChannel(), freshChannel()]
      const onOne: FanOutMessage[] = []
      const onTwo: FanOutMessage[] = []
      const handlerOne = (m: FanOutMessage) => onOne.push(m)
      await b.subscribe(one, handlerOne)
      await b.subscribe(two, (m) => onTwo.push(m))
      await a.publish(one, { stream: 's1', seq: 1, kind: 'update', data: bytes(1) })
      await a.publish(two, { stream: 's1', seq: 1, kind: 'update', data: bytes(2) })
      await waitFor(() => onOne.length === 1 && onTwo.length === 1, { message: 'one per channel' })
      expect([...onOne[0]!.data]).toEqual([1])
      expect([...onTwo[0]!.data]).toEqual([2])
      await b.unsubscribe(one, handlerOne)
      await a.publish(one, { stream: 's1', seq: 2, kind: 'update', data: bytes(3) })
      await a.publish(two, { stream: 's1', seq: 2, kind: 'update', data: bytes(4) })
      await waitFor(() => onTwo.length === 2, { message: 'second message on two' })
      expect(onOne).toHaveLength(1)
    })

    it('delivers to several handlers of one instance, and one unsubscribing leaves the other', async () => {
      const [a, b] = [await fixture.instance(), await fixture.instance()]
      const channel = freshChannel()
      const first: number[] = []
      const second: number[] = []
      const h1 = (m: FanOutMessage) => first.push(m.seq)
      await b.subscribe(channel, h1)
      await b.subscribe(channel, (m) => second.push(m.seq))
      await a.publish(channel, { stream: 's1', seq: 1, kind: 'update', data: bytes() })
      await waitFor(() => first.length === 1 && second.length === 1, { message: 'both handlers' })
      await b.unsubscribe(channel, h1)
      await a.publish(channel, { stream: 's1', seq: 2, kind: 'update', data: bytes() })
      await waitFor(() => second.length === 2, { message: 'remaining handler' })
      expect(first).toEqual([1])
    })

    it('carries binary payloads byte for byte (empty, large, every byte value)', async () => {
      const [a, b] = [await fixture.instance(), await fixture.instance()]
      const channel = freshChannel()
      const got: Uint8Array[] = []
      await b.subscribe(channel, (m) => got.push(m.data))
      const large = new Uint8Array(300_000).map((_, i) => (i * 31) % 256)
      const every = new Uint8Array(256).map((_, i) => i)
      await a.publish(channel, { stream: 's1', seq: 1, kind: 'update', data: new Uint8Array() })
      await a.publish(channel, { stream: 's1', seq: 2, kind: 'update', data: large })
      await a.publish(channel, { stream: 's1', seq: 3, kind: 'update', data: every })
      await waitFor(() => got.length === 3, { message: 'three payloads' })
      expect(got[0]!.byteLength).toBe(0)
      expect(Buffer.from(got[1]!).equals(Buffer.from(large))).toBe(true)
      expect(Buffer.from(got[2]!).equals(Buffer.from(every))).toBe(true)
    })

    it('a closed instance neither publishes nor receives, and the others carry on', async () => {
      const [a, b, c] = [await fixture.instance(), await fixture.instance(), await fixture.instance()]
      const channel = freshChannel()
      const onB: FanOutMessage[] = []
      const onC: FanOutMessage[] = []
      await b.subscribe(channel, (m) => onB.push(m))
      await c.subscribe(channel, (m) => onC.push(m))
      await b.close()
      await a.publish(channel, { stream: 's1', seq: 1, kind: 'update', data: bytes(1) })
      await waitFor(() => onC.length === 1, { message: 'c receives' })
      await b.publish(channel, { stream: 's1', seq: 1, kind: 'update', data: bytes(9) }).catch(() => {})
      await a.publish(channel, { stream: 's1', seq: 2, kind: 'update', data: bytes(2) })
      await waitFor(() => onC.length === 2, { message: 'c receives the marker' })
      expect(onB).toHaveLength(0)
      expect(onC.map((m) => m.instanceId)).toEqual([a.instanceId, a.instanceId])
    })
  })
}
