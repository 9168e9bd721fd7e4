import { contentOf } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { CollabSocket } from '@ensemble/server/collab'
import { prng } from '../fuzz/rulesFuzz.ts'
import { identity } from '../helpers/memoryClient.ts'
import { typeToken } from '../helpers/tokens.ts'
import { cursorAt } from '../helpers/presence.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { gcAt, longKey, nestedArrays, nestedMaps, nestedQuotesUpdate, skipAt, textItemAt } from './support/craftedUpdates.ts'
import { ControlClient, report, startBareCollab, syncFrame, WORKSPACE, type BareCollab } from './support.ts'

/**
 * BAD4: seeded mutations of captured valid traffic. A stock provider's session (typing, deleting,
 * formatting, presence) is recorded frame by frame, then mutated frames are fed to connections in
 * the same room as a control client that keeps typing. No crash, no hang, the control client is
 * never dropped, and the stored log still replays to the room's state. One frame in twenty is
 * hostile by construction (HOST1, HOST2): GC, skip or item structs at the control client's id and
 * next clock, or types nested past the limit, mutated like the rest: the control client must lose
 * nothing it types.
 *
 * `RELIABILITY_FRAMES=200000` fuzzes more; `RELIABILITY_SEED` picks another seed.
 */
const FRAMES = Number(process.env.RELIABILITY_FRAMES ?? 20_000)
const SEED = Number(process.env.RELIABILITY_SEED ?? 7)
const DOC = 'agreement'
/** Frames fed to one connection before it leaves (most mutated frames close it much earlier). */
const PER_CONNECTION = 50

let bare: BareCollab
let control: ControlClient
/** Errors the server logged, by message (an unexpected error is logged, never thrown out). */
const logged = new Map<string, number>()

beforeAll(async () => {
  bare = await startBareCollab(
    { alice: 'editor', recorder: 'editor', mallory: 'editor' },
    {
      logger: {
        debug() {},
        info() {},
        warn() {},
        error: (fields: { err?: unknown }, message?: string) => {
          const key = `${message}: ${String(fields.err)}`
          logged.set(key, (logged.get(key) ?? 0) + 1)
        },
      },
    },
  )
  control = new ControlClient(bare, 'alice', DOC)
  await control.start(50)
})
afterAll(async () => {
  control.destroy()
  await bare.close()
})

/** Records what a stock provider sends during a short editing session with presence. */
async function captureTraffic(): Promise<Uint8Array[]> {
  const captured: Uint8Array[] = []
  class RecordingWebSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      captured.push(new Uint8Array(data as ArrayBuffer | Uint8Array).slice())
      ;(super.send as (...args: unknown[]) => void)(data, ...rest)
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${bare.wsBase}/ws/${WORKSPACE}`, DOC, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { ticket: bare.ticketFor('recorder') },
    disableBc: true,
  })
  await waitFor(() => provider.synced, { message: 'recorder synced' })
  for (let i = 0; i < 40; i++) {
    typeToken(doc, `tok-recorder-${i}`, i % 3 === 0)
    provider.awareness.setLocalStateField('cursor', cursorAt(i))
    if (i % 5 === 4) {
      const text = (contentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText
      doc.transact(() => text.format(0, 4, { bold: true }))
      doc.transact(() => text.delete(text.length - 3, 2))
    }
    if (i % 10 === 9) {
      doc.transact(() => contentOf(doc).push([new Y.XmlElement('heading')]))
      ;(contentOf(doc).get(contentOf(doc).length - 1) as Y.XmlElement).setAttribute('level', '2')
    }
  }
  await waitFor(() => captured.length > 60, { message: 'traffic captured' })
  provider.destroy()
  return captured
}

type Mutation = (frame: Uint8Array, random: () => number, corpus: Uint8Array[]) => Uint8Array

const at = (random: () => number, n: number) => Math.floor(random() * n)
const randomBytes = (random: () => number, n: number) => Uint8Array.from({ length: n }, () => at(random, 256))

const MUTATIONS: Record<string, Mutation> = {
  flipBit: (f, r) => {
    const out = f.slice()
    if (out.length) out[at(r, out.length)]! ^= 1 << at(r, 8)
    return out
  },
  setByte: (f, r) => {
    const out = f.slice()
    if (out.length) out[at(r, out.length)] = [0, 0x7f, 0x80, 0xff, at(r, 256)][at(r, 5)]!
    return out
  },
  truncate: (f, r) => f.slice(0, at(r, f.length + 1)),
  insert: (f, r) => {
    const i = at(r, f.length + 1)
    return Uint8Array.from([...f.slice(0, i), ...randomBytes(r, 1 + at(r, 8)), ...f.slice(i)])
  },
  remove: (f, r) => {
    const i = at(r, f.length + 1)
    return Uint8Array.from([...f.slice(0, i), ...f.slice(i + 1 + at(r, 8))])
  },
  duplicate: (f, r) => {
    const i = at(r, f.length + 1)
    const j = Math.min(f.length, i + 1 + at(r, 16))
    return Uint8Array.from([...f.slice(0, j), ...f.slice(i, j), ...f.slice(j)])
  },
  splice: (f, r, corpus) => {
    const other = corpus[at(r, corpus.length)]!
    return Uint8Array.from([...f.slice(0, at(r, f.length + 1)), ...other.slice(at(r, other.length + 1))])
  },
  overlongVarint: (f, r) => {
    const i = at(r, f.length + 1)
    return Uint8Array.from([...f.slice(0, i), ...new Uint8Array(1 + at(r, 10)).fill(0xff), ...f.slice(i)])
  },
  messageType: (f, r) => Uint8Array.from([[0, 1, 2, 3, 100, at(r, 256)][at(r, 6)]!, ...f.slice(1)]),
}
const MUTATION_NAMES = Object.keys(MUTATIONS)

/** Hostile updates made afresh (the victim's next clock moves on), as sync step 2 or update. */
const HOSTILE: ((victim: number, next: number, random: () => number) => Uint8Array)[] = [
  (victim, next, r) => gcAt(victim, next + at(r, 3), 1 + at(r, 10_000)),
  (victim, next, r) => skipAt(victim, next, 1 + at(r, 100)),
  (victim, next) => textItemAt(victim, next, 'content', 'x'),
  (_victim, _next, r) => nestedMaps('meta', 49 + at(r, 200)),
  (_victim, _next, r) => nestedArrays('content', 49 + at(r, 200)),
  (_victim, _next, r) => nestedQuotesUpdate(48 + at(r, 100)),
  (_victim, _next, r) => longKey('meta', 257 + at(r, 1000)),
]

/** A server-side socket that only counts and records the close. */
function fuzzSocket(): CollabSocket & { closedWith: number | null } {
  return {
    closedWith: null,
    send() {},
    close(code) {
      this.closedWith ??= code
    },
    bufferedAmount: 0,
  }
}

/** Waits for the rooms to drain, failing if they do not within `ms` (a hang). */
async function idleWithin(ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([
    bare.collab.rooms.whenIdle(),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`rooms not idle within ${ms} ms: a hang`)), ms))),
  ])
  clearTimeout(timer)
}

describe('BAD4 mutation fuzz of captured traffic', () => {
  it(
    `[BAD4] ${FRAMES} mutated frames (seed ${SEED}): no crash, no hang, the control client keeps editing, the log still replays`,
    async () => {
      const corpus = await captureTraffic()
      const random = prng(SEED)
      const closes = new Map<number, number>()
      const byMutation = new Map<string, number>()
      let delivered = 0
      let hostile = 0
      let connections = 0
      const startedAt = performance.now()
      while (delivered < FRAMES) {
        const socket = fuzzSocket()
        const connection = bare.collab.rooms.connect(socket, identity({ workspaceId: WORKSPACE, docName: DOC, userId: 'mallory', role: 'editor' }))
        connections++
        // The room is loaded: the connection attaches on the next turn.
        await new Promise((resolve) => setImmediate(resolve))
        for (let i = 0; i < PER_CONNECTION && connection.isOpen && delivered < FRAMES; i++) {
          let data = corpus[at(random, corpus.length)]!
          const crafted = at(random, 20) === 0
          if (crafted) {
            const victim = control.writerClientId
            const next = Y.getState(bare.collab.rooms.get({ workspaceId: WORKSPACE, docName: DOC })!.doc.store, victim)
            data = syncFrame(1 + at(random, 2), HOSTILE[at(random, HOSTILE.length)]!(victim, next, random))
            hostile++
          }
          // Half of the hostile frames go as crafted; everything else is mutated.
          for (let m = crafted && at(random, 2) === 0 ? 0 : 1 + at(random, 3); m > 0; m--) {
            const name = MUTATION_NAMES[at(random, MUTATION_NAMES.length)]!
            byMutation.set(name, (byMutation.get(name) ?? 0) + 1)
            data = MUTATIONS[name]!(data, random, corpus)
          }
          connection.receive(data)
          delivered++
        }
        await idleWithin(10_000)
        closes.set(socket.closedWith ?? 0, (closes.get(socket.closedWith ?? 0) ?? 0) + 1)
        if (connection.isOpen) connection.socketClosed()
        if (connections % 100 === 0) await control.check()
      }
      await idleWithin(10_000)
      await control.check()
      expect(control.closeCodes).toEqual([])

      // What was stored replays to exactly the room's state, with nothing pending.
      const key = { workspaceId: WORKSPACE, docName: DOC }
      const room = bare.collab.rooms.get(key)!
      const replay = new Y.Doc()
      for (const row of bare.store.rows(key)) Y.applyUpdate(replay, row.data)
      expect(replay.store.pendingStructs).toBeNull()
      expect(room.doc.store.pendingStructs).toBeNull()
      expect(Y.encodeStateVector(replay)).toEqual(Y.encodeStateVector(room.doc))
      expect(contentOf(replay).toString()).toBe(contentOf(room.doc).toString())
      // Every bad frame was recognised as such: none surfaced as an unexpected error.
      expect(Object.fromEntries(logged)).toEqual({})

      report('BAD4', {
        seed: SEED,
        hostile,
        framesFuzzed: delivered,
        capturedFrames: corpus.length,
        connections,
        closes: Object.fromEntries([...closes].map(([code, n]) => [code === 0 ? 'still open' : code, n])),
        mutations: Object.fromEntries(byMutation),
        errorsLogged: Object.fromEntries(logged),
        storedRows: bare.store.rows(key).length,
        seconds: +((performance.now() - startedAt) / 1000).toFixed(1),
      })
      // Large runs (RELIABILITY_FRAMES) take about 1 ms per frame on a busy machine.
    },
    Math.max(60_000, FRAMES * 2),
  )
})
