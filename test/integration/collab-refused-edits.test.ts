import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type EditCheck, RoomRegistry } from '@ensemble/server/collab'
import { docFrom } from '../contracts/docStore.contract.ts'
import { identity, MemoryNetwork, type MemoryClient } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'

const KEY = { workspaceId: 'w1', docName: 'plan' }

/** Refuses any edit inserting text that holds "BAD", or a map under a key starting with "bad". */
const refuseBad: EditCheck = ({ inserted }) => {
  for (const item of inserted) {
    const content = item.content
    if (content instanceof Y.ContentString && content.str.includes('BAD'))
      return { code: 'edit_invalid', entity: '', message: { fr: 'Refusé.', en: 'Refused.' } }
    if (item.parentSub?.startsWith('bad')) return { code: 'edit_invalid', entity: '', message: { fr: 'Refusé.', en: 'Refused.' } }
  }
  return null
}

/** A small seeded generator (Park–Miller). */
const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646

const stateOf = (doc: Y.Doc) => ({
  text: doc.getText('t').toString(),
  map: doc.getMap('m').toJSON(),
  clocks: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
})

describe('HOST3: a refused edit stored and broadcast as what it costs to undo', () => {
  // Seeds that once failed stay here.
  const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8]

  it.each(SEEDS)(
    '[HOST3] seed %i: refused edits (and edits typed next to them before the refusal arrived) converge on every replica, the room and the store; refused content costs its ids only',
    async (seed) => {
      const random = seeded(seed)
      const store = new MemoryDocStore()
      const rooms = new RoomRegistry({ store, roomIdleMs: 60_000, checkEdit: refuseBad })
      const net = new MemoryNetwork(rooms)
      const clients: MemoryClient[] = ['alice', 'bob', 'carol'].map((userId) => net.connect(identity({ userId, role: 'editor' })))
      await net.settle()
      let refusedBytes = 0
      for (let round = 0; round < 40; round++) {
        const client = clients[Math.floor(random() * clients.length)]!
        const text = client.doc.getText('t')
        const map = client.doc.getMap<unknown>('m')
        const at = Math.floor(random() * (text.length + 1))
        const bad = random() < 0.4
        const big = bad && random() < 0.3 ? 'BAD'.repeat(20_000) : bad ? 'BAD' : `ok${round}`
        switch (Math.floor(random() * 4)) {
          case 0:
            text.insert(at, big)
            break
          case 1: {
            const child = new Y.Map<unknown>()
            child.set('inner', new Y.Text(big))
            map.set(bad ? `bad${round}` : `k${round}`, child)
            break
          }
          case 2:
            if (text.length > 0) text.delete(Math.min(at, text.length - 1), 1 + Math.floor(random() * 3))
            break
          default:
            // Typed right after the previous edit, before the server's answer to it arrives.
            text.insert(Math.min(at, text.length), `x${round}`)
        }
        if (bad) refusedBytes += big.length
        // Deliver only sometimes: edits pile up on replicas that have not heard back yet.
        if (random() < 0.5) await net.settle()
      }
      await net.settle()
      const room = rooms.get(KEY)!
      const stored = docFrom(await store.load(KEY))
      const expected = stateOf(room.doc)
      for (const doc of [...clients.map((c) => c.doc), stored]) expect(stateOf(doc)).toEqual(expected)
      for (const doc of [room.doc, stored, ...clients.map((c) => c.doc)]) expect(doc.store.pendingStructs).toBeNull()
      expect(expected.text).not.toContain('BAD')
      // Everything stored is far smaller than what was refused (the refused text never reaches the log).
      const storedBytes = store.rows(KEY).reduce((sum, row) => sum + row.data.byteLength, 0)
      if (refusedBytes > 50_000) expect(storedBytes).toBeLessThan(refusedBytes / 10)
      await rooms.closeAll()
    },
  )
})
