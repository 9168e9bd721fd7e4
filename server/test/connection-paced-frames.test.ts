import { CLOSE } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { Connection } from '../src/collab/connection.ts'
import { silentLogger } from '../src/collab/logger.ts'
import type { CollabSocket, ConnectionIdentity } from '../src/collab/socket.ts'
import { PACED_FRAME_BYTES } from '../src/collab/turnPacer.ts'

const identity: ConnectionIdentity = {
  workspaceId: 'w',
  docName: 'plan',
  userId: 'u',
  name: 'Ana',
  color: '#123456',
  partnerId: null,
  partnerName: null,
  role: 'editor',
  locale: 'fr',
}

/** A socket that notes, for each frame written, its first byte and the turn of the event loop it was written in. */
function recordingSocket() {
  let turn = 0
  let ticking = true
  const tick = () => {
    turn++
    if (ticking) setImmediate(tick)
  }
  setImmediate(tick)
  const writes: { tag: number; turn: number }[] = []
  const socket: CollabSocket & { closed: number | null } = {
    closed: null,
    send: (data, written) => {
      writes.push({ tag: data[0]!, turn })
      written?.()
    },
    close(code) {
      this.closed = code
    },
    bufferedAmount: 0,
  }
  return { socket, writes, stop: () => (ticking = false) }
}

const frame = (tag: number, bytes: number) => new Uint8Array(bytes).fill(tag)
const large = (tag: number) => frame(tag, PACED_FRAME_BYTES)
const settled = (writes: unknown[], n: number) =>
  new Promise<void>((resolve) => {
    const check = () => (writes.length >= n ? resolve() : setImmediate(check))
    check()
  })

describe('[SYNC10] large frames are written one per turn of the event loop', () => {
  it('[SYNC10] writes the large frames of many connections in distinct turns, each connection’s frames in order', async () => {
    const { socket: a, writes: aWrites, stop: stopA } = recordingSocket()
    const { socket: b, writes: bWrites, stop: stopB } = recordingSocket()
    const first = new Connection(a, identity, silentLogger, () => {})
    const second = new Connection(b, identity, silentLogger, () => {})
    first.send(large(1))
    first.send(frame(2, 10)) // an edit behind the whole state: it must not overtake it
    second.send(large(3))
    first.send(large(4))
    first.send(frame(5, 10))
    await settled(aWrites, 4)
    await settled(bWrites, 1)
    stopA()
    stopB()
    expect(aWrites.map((w) => w.tag)).toEqual([1, 2, 4, 5])
    // The three large frames went out in three different turns; small ones with the frame before them.
    const turns = [aWrites[0]!.turn, bWrites[0]!.turn, aWrites[2]!.turn]
    expect(new Set(turns).size).toBe(3)
    expect(aWrites[1]!.turn).toBe(aWrites[0]!.turn)
    expect(aWrites[3]!.turn).toBe(aWrites[2]!.turn)
  })

  it('[SYNC10] writes small frames at once, and what waits behind a large one before closing', () => {
    const { socket, writes, stop } = recordingSocket()
    const connection = new Connection(socket, identity, silentLogger, () => {})
    connection.send(frame(1, 10))
    expect(writes.map((w) => w.tag)).toEqual([1])
    connection.send(large(2))
    connection.send(frame(3, 10)) // say, an error frame
    expect(writes.map((w) => w.tag)).toEqual([1])
    connection.close(CLOSE.internalError)
    expect(writes.map((w) => w.tag)).toEqual([1, 2, 3])
    expect(socket.closed).toBe(CLOSE.internalError)
    stop()
  })
})
