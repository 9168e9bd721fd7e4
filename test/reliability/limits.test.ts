import { CLOSE, contentOf, LIMITS } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CollabSocket } from '@ensemble/server/collab'
import { identity } from '../helpers/memoryClient.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { forceGc, heapMb, report, startBareCollab, syncFrame, WORKSPACE, type RawSocket } from './support.ts'

/** LIM1 of docs/SPEC.md: connection caps, keep-alive reaping, slow readers, idle documents unloaded. */

/** Stops reading the socket under a `ws` client: no pong is sent back. */
const stopReading = (socket: RawSocket) => (socket.ws as unknown as { _socket: { pause(): void } })._socket.pause()

const paragraphUpdate = (text: string): Uint8Array => {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  contentOf(doc).push([paragraph])
  return Y.encodeStateAsUpdate(doc)
}

describe('LIM1 limits', () => {
  it('[LIM1] connections are capped per member (429) and per process (503) before the 101; a closed socket frees its slot', async () => {
    const bare = await startBareCollab({ alice: 'editor', bob: 'editor', carol: 'editor' }, { connectionCaps: { perUser: 3, total: 5 } })
    try {
      const alice = await Promise.all([1, 2, 3].map(() => bare.open('alice', 'vision')))
      await expect(bare.open('alice', 'charter')).rejects.toThrow('upgrade refused: 429')
      await Promise.all([1, 2].map(() => bare.open('bob', 'vision')))
      await expect(bare.open('carol', 'vision')).rejects.toThrow('upgrade refused: 503')
      expect(bare.collab.openConnections).toBe(5)
      alice[0]!.ws.close()
      await waitFor(() => bare.collab.openConnections === 4, { message: 'slot released' })
      await bare.open('alice', 'charter')
      expect(bare.collab.openConnections).toBe(5)
    } finally {
      await bare.close()
    }
  })

  it('[LIM1] a socket that stops answering pings is terminated and leaves its room', async () => {
    const bare = await startBareCollab({ alice: 'editor' }, { keepAliveMs: 100 })
    try {
      const live = await bare.open('alice', 'vision')
      const dead = await bare.open('alice', 'vision')
      const key = { workspaceId: WORKSPACE, docName: 'vision' }
      await waitFor(() => bare.collab.rooms.get(key)?.connectionCount === 2, { message: 'both attached' })
      stopReading(dead)
      await waitFor(() => bare.collab.rooms.get(key)?.connectionCount === 1, { message: 'dead socket reaped' })
      expect(bare.collab.openConnections).toBe(1)
      expect(live.ws.readyState).toBe(live.ws.OPEN)
    } finally {
      await bare.close()
    }
  })

  it('[LIM1] a reader that stops reading is disconnected once its send buffer passes the cap; the writer carries on', async () => {
    const maxBufferedBytes = 256 * 1024
    const bare = await startBareCollab({ alice: 'editor', sloth: 'editor' }, { connectionLimits: { maxBufferedBytes, rates: LIMITS.rate } })
    try {
      const key = { workspaceId: WORKSPACE, docName: 'charter' }
      // The sloth never reads: everything sent to it stays queued (what `ws` reports as bufferedAmount).
      const sloth: CollabSocket & { closed: number | null; queued: number } = {
        closed: null,
        queued: 0,
        get bufferedAmount() {
          return this.queued
        },
        send(data) {
          this.queued += data.byteLength
        },
        close(code) {
          this.closed = code
        },
      }
      bare.collab.rooms.connect(sloth, identity({ workspaceId: WORKSPACE, docName: 'charter', userId: 'sloth', role: 'editor' }))
      const writer = await bare.open('alice', 'charter')
      await waitFor(() => bare.collab.rooms.get(key)?.connectionCount === 2, { message: 'both attached' })
      let sentBytes = 0
      for (let i = 0; i < 100 && sloth.closed === null; i++) {
        const update = paragraphUpdate(`tok-writer-${i} ${'x'.repeat(32 * 1024)}`)
        writer.ws.send(syncFrame(2, update))
        sentBytes += update.byteLength
        await waitFor(() => sloth.bufferedAmount >= sentBytes || sloth.closed !== null, { message: 'broadcast reached the sloth' })
      }
      expect(sloth.closed).toBe(CLOSE.internalError)
      await waitFor(() => bare.collab.rooms.get(key)?.connectionCount === 1, { message: 'slow reader dropped' })
      expect(sloth.bufferedAmount).toBeLessThan(maxBufferedBytes + 64 * 1024)
      expect(writer.ws.readyState).toBe(writer.ws.OPEN)
      report('LIM1-slowReader', { capBytes: maxBufferedBytes, queuedWhenDropped: sloth.bufferedAmount })
    } finally {
      await bare.close()
    }
  })

  it('[LIM1] idle documents are unloaded: after 5,000 document opens the heap is back near its baseline', async () => {
    const bare = await startBareCollab({ alice: 'editor' }, { roomIdleMs: 20 })
    try {
      const gc = forceGc()
      gc()
      const baseline = heapMb()
      let peak = baseline
      const opens = Number(process.env.RELIABILITY_DOCS ?? 5000)
      // In batches of 100 documents open at once, each written to, then left.
      for (let batch = 0; batch < opens; batch += 100) {
        const connections = [...Array(Math.min(100, opens - batch)).keys()].map((j) => {
          const socket: CollabSocket = { send() {}, close() {}, bufferedAmount: 0 }
          const connection = bare.collab.rooms.connect(
            socket,
            identity({ workspaceId: WORKSPACE, docName: `minutes:m${batch + j}`, userId: 'alice', role: 'editor' }),
          )
          connection.receive(syncFrame(0, Y.encodeStateVector(new Y.Doc())))
          connection.receive(syncFrame(2, paragraphUpdate(`Compte rendu ${batch + j}`)))
          return connection
        })
        await bare.collab.rooms.whenIdle()
        peak = Math.max(peak, heapMb())
        for (const connection of connections) connection.socketClosed()
      }
      await waitFor(() => bare.collab.rooms.size === 0, { message: 'every room unloaded', timeoutMs: 30_000 })
      await bare.collab.rooms.whenIdle()
      gc()
      const after = heapMb()
      const stored = [...Array(opens).keys()].reduce(
        (sum, i) => sum + bare.store.rows({ workspaceId: WORKSPACE, docName: `minutes:m${i}` }).reduce((s, r) => s + r.data.byteLength, 0),
        0,
      )
      report('LIM1-idleUnload', {
        opens,
        baselineMb: +baseline.toFixed(1),
        peakMb: +peak.toFixed(1),
        afterMb: +after.toFixed(1),
        storedMb: +(stored / 2 ** 20).toFixed(2),
      })
      // The memory store keeps what was written; everything else (5,000 Y.Docs) must be gone.
      expect(after - baseline).toBeLessThan(16 + (3 * stored) / 2 ** 20)
    } finally {
      await bare.close()
    }
  })
})
