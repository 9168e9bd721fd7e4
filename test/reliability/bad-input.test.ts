import { CLOSE, contentOf, LIMITS, MESSAGE } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cursorAt } from '../helpers/presence.ts'
import { waitFor } from '../helpers/waitFor.ts'
import {
  awarenessFrame,
  closedWithin,
  ControlClient,
  forceGc,
  frame,
  heapMb,
  report,
  rssMb,
  startBareCollab,
  syncFrame,
  watchEventLoop,
  WORKSPACE,
  type BareCollab,
  type RawSocket,
} from './support.ts'

/**
 * Bad input on the websocket (BAD1–BAD5 of docs/SPEC.md). Every case runs beside a control client
 * that keeps typing through the stock provider: it must never be dropped and every token it typed
 * must reach another connection.
 */
const DOC = 'agreement'
let bare: BareCollab
let control: ControlClient

beforeAll(async () => {
  bare = await startBareCollab({ alice: 'editor', mallory: 'editor' })
  control = new ControlClient(bare, 'alice', DOC)
  await control.start()
})
afterAll(async () => {
  const typed = await control.stop()
  expect(control.closeCodes).toEqual([])
  report('control', { tokensTyped: typed, tokensLost: 0, controlDrops: control.closeCodes.length })
  control.destroy()
  await bare.close()
})

/** Writes bytes straight onto the TCP socket under a `ws` client (to forge websocket frame headers). */
const writeRaw = (socket: RawSocket, bytes: Uint8Array): void => {
  ;(socket.ws as unknown as { _socket: { write(b: Uint8Array): void } })._socket.write(bytes)
}

/** A masked binary frame header declaring `length` bytes, followed by the first bytes only. */
function forgedHeader(length: number, firstBytes: number): Uint8Array {
  const header = Buffer.alloc(2 + 8 + 4)
  header[0] = 0x82 // FIN + binary
  header[1] = 0x80 | 127 // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(length), 2)
  return Buffer.concat([header, Buffer.alloc(firstBytes, 7)])
}

describe('BAD1 oversized frames', () => {
  it('[BAD1] an oversized frame, real or merely declared, closes that connection with 1009 before it is buffered; memory stays flat', async () => {
    const gc = forceGc()
    gc()
    const heapBefore = heapMb()
    const rssBefore = rssMb()
    const attempts = 200
    let declaredGiB = 0
    for (let i = 0; i < attempts; i++) {
      const socket = await bare.open('mallory', DOC)
      if (i % 2 === 0) socket.ws.send(new Uint8Array(LIMITS.maxFrameBytes + 1))
      else {
        // Declares 1 GiB and sends 1 KB: the server must not wait for (or reserve) the rest.
        writeRaw(socket, forgedHeader(2 ** 30, 1024))
        declaredGiB++
      }
      expect((await closedWithin(socket, 5000)).code).toBe(CLOSE.frameTooLarge)
      if (i % 50 === 0) await control.check()
    }
    gc()
    const heapGrowth = heapMb() - heapBefore
    const rssGrowth = rssMb() - rssBefore
    report('BAD1', { attempts, declaredGiB, heapGrowthMb: +heapGrowth.toFixed(1), rssGrowthMb: +rssGrowth.toFixed(1) })
    // 100 frames of 2 MB plus 100 GiB declared: buffering even one GiB frame would show here.
    expect(heapGrowth).toBeLessThan(32)
    await control.check()
  })
})

describe('BAD2 malformed frames', () => {
  const cases: [string, Uint8Array | string][] = [
    ['text frame', 'hello'],
    ['empty frame', new Uint8Array(0)],
    ['truncated varint type', new Uint8Array([0x80])],
    ['overlong varint type', new Uint8Array(11).fill(0xff)],
    ['unknown message type', frame(7)],
    ['auth message (unused)', frame(MESSAGE.auth, (e) => encoding.writeVarUint(e, 0))],
    ['server-error type from a client', frame(MESSAGE.serverError, (e) => encoding.writeVarString(e, '{}'))],
    ['sync without step', frame(MESSAGE.sync)],
    ['unknown sync step', frame(MESSAGE.sync, (e) => encoding.writeVarUint(e, 9))],
    ['truncated sync payload length', new Uint8Array([MESSAGE.sync, 2, 0x85])],
    ['sync payload shorter than declared', new Uint8Array([MESSAGE.sync, 2, 100, 1, 2, 3])],
    ['bad state vector', syncFrame(0, new Uint8Array([0xff]))],
    ['update that is not a Yjs update', syncFrame(2, new Uint8Array([0xff, 0xff, 0xff]))],
    ['step 2 that is not a Yjs update', syncFrame(1, new Uint8Array([5]))],
    ['awareness without body', frame(MESSAGE.awareness)],
    ['awareness state not JSON', awarenessFrame(awarenessBytes([[1, 1, '{nope']]))],
    ['awareness state an array', awarenessFrame(awarenessBytes([[1, 1, '[1,2]']]))],
    ['awareness count larger than entries', awarenessFrame(new Uint8Array([200, 1, 1]))],
  ]

  it('[BAD2] truncated varints, empty frames, unknown types, text frames: that connection closes with 4400 at once; the event loop never blocks', async () => {
    const latencies: number[] = []
    const { maxMs, p99Ms } = await watchEventLoop(async () => {
      for (const [name, data] of cases) {
        const socket = await bare.open('mallory', DOC)
        socket.markSent()
        socket.ws.send(data)
        const { code, afterMs } = await closedWithin(socket, 2000)
        expect({ name, code }).toEqual({ name, code: CLOSE.malformedMessage })
        latencies.push(afterMs)
      }
      await control.check()
    })
    const sorted = [...latencies].sort((a, b) => a - b)
    report('BAD2', {
      cases: cases.length,
      closeMsMedian: +sorted[sorted.length >> 1]!.toFixed(1),
      closeMsMax: +sorted.at(-1)!.toFixed(1),
      loopDelayMaxMs: +maxMs.toFixed(1),
      loopDelayP99Ms: +p99Ms.toFixed(1),
    })
    // A generous bound: a decoder looping over a declared count would block for seconds.
    expect(maxMs).toBeLessThan(1000)
  })
})

/** The client ids an awareness frame from the server speaks about. */
function awarenessClients(awarenessMessage: Uint8Array): number[] {
  const decoder = decoding.createDecoder(awarenessMessage)
  decoding.readVarUint(decoder)
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const ids: number[] = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    ids.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return ids
}

/** Raw awareness update bytes for [clientId, clock, json] entries (the JSON is not checked). */
function awarenessBytes(entries: [number, number, string][]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}

/** A hand-written Yjs v1 update: `structs` writes the struct section, then an empty delete set. */
function forgedUpdate(structs: (e: encoding.Encoder) => void, deleteSet: (e: encoding.Encoder) => void = (e) => encoding.writeVarUint(e, 0)): Uint8Array {
  const encoder = encoding.createEncoder()
  structs(encoder)
  deleteSet(encoder)
  return encoding.toUint8Array(encoder)
}

/** One struct of client 4242 at clock 0 with info byte `info`, then whatever `rest` writes. */
const oneStruct = (info: number, rest: (e: encoding.Encoder) => void) =>
  forgedUpdate((e) => {
    encoding.writeVarUint(e, 1) // clients
    encoding.writeVarUint(e, 1) // structs of that client
    encoding.writeVarUint(e, 4242) // client
    encoding.writeVarUint(e, 0) // clock
    encoding.writeUint8(e, info)
    rest(e)
  })

/** An item at the root type `content` (no origin: parent given by name) with content ref `ref`. */
const rootItem = (ref: number, content: (e: encoding.Encoder) => void) =>
  oneStruct(ref, (e) => {
    encoding.writeVarUint(e, 1) // parent is a root type, by name
    encoding.writeVarString(e, 'content')
    content(e)
  })

/** Updates that need state the server lacks: Yjs would keep them pending inside the document. */
function missingDependencies(): [string, Uint8Array][] {
  const author = new Y.Doc()
  author.clientID = 5151
  const text = contentOf(author)
  text.insert(0, [new Y.XmlElement('paragraph')])
  const first = Y.encodeStateVector(author)
  ;(text.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('futur')])
  const futureClock = Y.encodeStateAsUpdate(author, first)

  const other = new Y.Doc()
  other.clientID = 6161
  Y.applyUpdate(other, Y.encodeStateAsUpdate(author))
  ;((contentOf(other).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(2, 'orphelin')
  const unknownOrigin = Y.encodeStateAsUpdate(other, Y.encodeStateVector(author))

  const deletesUnknown = forgedUpdate(
    (e) => encoding.writeVarUint(e, 0),
    (e) => {
      encoding.writeVarUint(e, 1) // one client in the delete set
      encoding.writeVarUint(e, 7171) // a client the server never saw
      encoding.writeVarUint(e, 1) // one range
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 10)
    },
  )
  return [
    ['future clock (first struct missing)', futureClock],
    ['origin in content the server never received', unknownOrigin],
    ['delete set for clocks the server never saw', deletesUnknown],
  ]
}

describe('BAD3 hostile updates', () => {
  const HUGE = 2 ** 40
  const hugeCounts: [string, Uint8Array][] = [
    ['2^52 clients declared', forgedUpdate((e) => encoding.writeVarUint(e, 2 ** 52))],
    ['2^31 structs declared for one client', forgedUpdate((e) => [1, 2 ** 31, 4242, 0].forEach((n) => encoding.writeVarUint(e, n)))],
    ['ContentAny with 2^31 values declared', rootItem(8, (e) => encoding.writeVarUint(e, 2 ** 31))],
    ['ContentString of 2^30 characters declared', rootItem(4, (e) => encoding.writeVarUint(e, 2 ** 30))],
    ['ContentJSON with 2^31 values declared', rootItem(2, (e) => encoding.writeVarUint(e, 2 ** 31))],
    [
      'delete set of 2^40 clients declared',
      forgedUpdate(
        (e) => encoding.writeVarUint(e, 0),
        (e) => encoding.writeVarUint(e, HUGE),
      ),
    ],
    ['GC struct 2^40 clocks long', oneStruct(0, (e) => encoding.writeVarUint(e, HUGE))],
    ['deleted content 2^40 long in a root type', rootItem(1, (e) => encoding.writeVarUint(e, HUGE))],
    ['skip struct 2^40 long', oneStruct(10, (e) => encoding.writeVarUint(e, HUGE))],
  ]

  /** Sends `update` as `step`, then a sync step 1 whose answer (or the close) says it was processed. */
  async function sendAndSettle(update: Uint8Array, step: 1 | 2): Promise<{ closed: number | null }> {
    const socket = await bare.open('mallory', DOC)
    await waitFor(() => socket.received.length > 0, { message: 'handshake' })
    const before = socket.received.length
    socket.ws.send(syncFrame(step, update))
    socket.ws.send(syncFrame(0, Y.encodeStateVector(new Y.Doc())))
    const outcome = await Promise.race([
      socket.closed.then(({ code }) => ({ closed: code })),
      waitFor(() => socket.received.slice(before).some((f) => f[0] === MESSAGE.sync && f[1] === 1), { message: 'step 2 answer' }).then(() => ({
        closed: null,
      })),
    ])
    socket.ws.terminate()
    return outcome
  }

  it('[BAD3] updates declaring huge counts in a few bytes are refused (4400) or stay a few bytes in memory and in the store', async () => {
    const key = { workspaceId: WORKSPACE, docName: DOC }
    const gc = forceGc()
    gc()
    const heapBefore = heapMb()
    const outcomes: Record<string, string> = {}
    const { maxMs } = await watchEventLoop(async () => {
      for (const [name, update] of hugeCounts) {
        for (const step of [1, 2] as const) {
          const bytesBefore = storedBytes(bare, key)
          const { closed } = await sendAndSettle(update, step)
          const grown = storedBytes(bare, key) - bytesBefore
          outcomes[`${name} (${step === 1 ? 'step 2' : 'update'})`] = closed === null ? `accepted, ${grown} bytes stored` : `closed ${closed}`
          if (closed !== null) expect({ name, closed }).toEqual({ name, closed: CLOSE.malformedMessage })
          // Whatever was kept is as small as what was sent (plus the control client's typing).
          else expect(grown).toBeLessThan(4096)
        }
      }
    })
    gc()
    const room = bare.collab.rooms.get(key)!
    expect(room.doc.store.pendingStructs).toBeNull()
    report('BAD3-counts', { cases: hugeCounts.length * 2, outcomes, heapGrowthMb: +(heapMb() - heapBefore).toFixed(1), loopDelayMaxMs: +maxMs.toFixed(1) })
    expect(heapMb() - heapBefore).toBeLessThan(32)
    expect(maxMs).toBeLessThan(1000)
    await control.check()
  })

  it('[BAD3] updates with missing dependencies (future clocks) are dropped, never kept pending nor stored; the sender is closed to resync', async () => {
    const key = { workspaceId: WORKSPACE, docName: DOC }
    for (const [name, update] of missingDependencies()) {
      for (const step of [1, 2] as const) {
        const rowsBefore = bare.store.rows(key).length
        const { closed } = await sendAndSettle(update, step)
        expect({ name, step, closed }).toEqual({ name, step, closed: CLOSE.internalError })
        const room = bare.collab.rooms.get(key)!
        expect(room.doc.store.pendingStructs).toBeNull()
        expect(room.doc.store.pendingDs).toBeNull()
        // Nothing of the sender's clients reached the log (the control client keeps appending its own rows).
        const stored = bare.store.rows(key).slice(rowsBefore)
        for (const row of stored) {
          const { structs, ds } = Y.decodeUpdate(row.data)
          expect(structs.map((s) => s.id.client)).not.toContain(5151)
          expect(structs.map((s) => s.id.client)).not.toContain(6161)
          expect([...ds.clients.keys()]).not.toContain(7171)
        }
      }
    }
    // The stored log replays without anything pending.
    const replay = new Y.Doc()
    for (const row of bare.store.rows(key)) Y.applyUpdate(replay, row.data)
    expect(replay.store.pendingStructs).toBeNull()
    expect(replay.store.pendingDs).toBeNull()
    report('BAD3-dependencies', { cases: 6, stored: 0 })
    await control.check()
  })
})

const storedBytes = (b: BareCollab, key: { workspaceId: string; docName: string }): number =>
  b.store.rows(key).reduce((sum, row) => sum + row.data.byteLength, 0)

describe('BAD5 floods', () => {
  it('[BAD5] an awareness flood is cut off with 4429 after its burst; the others see at most that burst', async () => {
    const witness = await bare.open('alice', DOC)
    const socket = await bare.open('mallory', DOC)
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    let sent = 0
    const startedAt = performance.now()
    for (; sent < 2000 && socket.ws.readyState === socket.ws.OPEN; sent++) {
      awareness.setLocalState({ cursor: cursorAt(sent) })
      socket.ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])))
    }
    expect((await closedWithin(socket, 5000)).code).toBe(CLOSE.rateLimited)
    const refilled = Math.ceil(((performance.now() - startedAt) / 1000) * LIMITS.rate.awareness.perSecond)
    await control.check()
    // Frames the witness got about the flooder's presence.
    const relayed = witness.received.filter((f) => f[0] === MESSAGE.awareness && awarenessClients(f).includes(awareness.clientID)).length
    report('BAD5-awareness', { sent, relayedToOthers: relayed, burst: LIMITS.rate.awareness.burst })
    // The burst, what the bucket refilled while the flood lasted, then the flooder's removal.
    expect(relayed).toBeLessThanOrEqual(LIMITS.rate.awareness.burst + refilled + 1)
    witness.ws.terminate()
  })

  it('[BAD5] a presence state above LIMITS.maxAwarenessStateBytes closes that connection with 1009 and reaches nobody', async () => {
    const socket = await bare.open('mallory', DOC)
    const witness = await bare.open('alice', DOC)
    const awareness = new awarenessProtocol.Awareness(new Y.Doc())
    awareness.setLocalState({ junk: 'x'.repeat(LIMITS.maxAwarenessStateBytes) })
    socket.ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])))
    expect((await closedWithin(socket)).code).toBe(CLOSE.frameTooLarge)
    await control.check()
    expect(witness.received.every((f) => f.byteLength < LIMITS.maxAwarenessStateBytes)).toBe(true)
    witness.ws.terminate()
  })

  it('[BAD5] a sync step 1 flood on a large document is cut off with 4429 after a few answers; the event loop keeps turning', async () => {
    const large = 'charter'
    // A 1 MB document (well within the frame limit), stored before the room loads.
    const key = { workspaceId: WORKSPACE, docName: large }
    const big = new Y.Doc()
    const text = contentOf(big)
    text.insert(0, [new Y.XmlElement('paragraph')])
    ;(text.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('x'.repeat(1024 * 1024))])
    await bare.store.append(key, Y.encodeStateAsUpdate(big), null)

    const socket = await bare.open('mallory', large)
    const emptyVector = Y.encodeStateVector(new Y.Doc())
    const { result: sent, maxMs } = await watchEventLoop(async () => {
      let n = 0
      for (; n < 500 && socket.ws.readyState === socket.ws.OPEN; n++) socket.ws.send(syncFrame(0, emptyVector))
      expect((await closedWithin(socket, 10_000)).code).toBe(CLOSE.rateLimited)
      return n
    })
    const answers = socket.received.filter((f) => f[0] === MESSAGE.sync && f[1] === 1).length
    report('BAD5-syncStep1', { sent, answered: answers, documentBytes: 1024 * 1024, loopDelayMaxMs: +maxMs.toFixed(1) })
    expect(answers).toBeLessThanOrEqual(LIMITS.rate.syncStep1.burst + 1)
    await control.check()
  })
})
