import { actionsOf, buildAction, CLOSE, MESSAGE, type ActionMap } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { RoomRegistry, type RoomRegistryOptions } from '@ensemble/server/collab'
import { docFrom } from '../contracts/docStore.contract.ts'
import { identity, MemoryNetwork, type MemoryClient } from '../helpers/memoryClient.ts'
import { SERVER_CLIENT_OWNER } from '@ensemble/server/storage'
import { deferred, MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { cursorAt } from '../helpers/presence.ts'
import { waitFor } from '../helpers/waitFor.ts'

const PLAN = { workspaceId: 'w1', docName: 'plan' }

let store: MemoryDocStore
let rooms: RoomRegistry
let net: MemoryNetwork

function start(options: Partial<RoomRegistryOptions> = {}): void {
  rooms = new RoomRegistry({ store, roomIdleMs: 60_000, ...options })
  net = new MemoryNetwork(rooms)
}

beforeEach(() => {
  store = new MemoryDocStore()
  start()
})
afterEach(async () => {
  await rooms.closeAll()
})

const editor = (userId: string) => identity({ userId, role: 'editor' })
const action = (client: MemoryClient, id: string): ActionMap => actionsOf(client.doc).get(id)!
const titleOf = (doc: Y.Doc, id: string): unknown => actionsOf(doc).get(id)?.get('title')
const storedDoc = async () => docFrom(await store.load(PLAN))
const serverDoc = () => rooms.get(PLAN)!.doc

/** A frame as a client would build it: message type then body. */
function frame(type: number, writeBody: (encoder: encoding.Encoder) => void = () => {}): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  writeBody(encoder)
  return encoding.toUint8Array(encoder)
}

describe('sync', () => {
  it('[SYNC1] two clients converge on concurrent text edits', async () => {
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    expect(a.synced && b.synced).toBe(true)

    actionsOf(a.doc).set('a1', buildAction({ title: 'Rédiger la convention', order: 'a0' }))
    await net.settle()
    // Typed at the same time, before either sees the other.
    ;(action(a, 'a1').get('description') as Y.Text).insert(0, 'Bonjour ')
    ;(action(b, 'a1').get('description') as Y.Text).insert(0, 'monde')
    await net.settle()

    const text = (doc: Y.Doc) => (actionsOf(doc).get('a1')!.get('description') as Y.Text).toString()
    expect(text(a.doc)).toBe(text(b.doc))
    expect(text(a.doc)).toHaveLength('Bonjour monde'.length)
    expect(text(serverDoc())).toBe(text(a.doc))
    expect(text(await storedDoc())).toBe(text(a.doc))
  })

  it('[SYNC2] ten clients converge on concurrent map edits', async () => {
    const clients = Array.from({ length: 10 }, (_, i) => net.connect(editor(`u${i}`)))
    await net.settle()
    clients.forEach((client, i) => {
      actionsOf(client.doc).set(`a${i}`, buildAction({ title: `Action ${i}`, order: `a${i}` }))
    })
    await net.settle()
    // Everyone writes the same field of the same action at once: one value wins everywhere.
    clients.forEach((client, i) => action(client, 'a0').set('objective', i % 2 ? 'Objectif impair' : 'Objectif pair'))
    await net.settle()

    const expected = actionsOf(serverDoc()).toJSON()
    expect(actionsOf(serverDoc()).size).toBe(10)
    for (const client of clients) expect(actionsOf(client.doc).toJSON()).toEqual(expected)
    expect(actionsOf(await storedDoc()).toJSON()).toEqual(expected)
  })

  it('[SYNC4] edits made offline reach the room through the sync step 2 of the reconnecting client', async () => {
    const offline = new Y.Doc()
    actionsOf(offline).set('a1', buildAction({ title: 'Écrite hors ligne', order: 'a0' }))
    const other = net.connect(editor('b'))
    net.connect(editor('a'), offline)
    await net.settle()
    expect(titleOf(other.doc, 'a1')).toBe('Écrite hors ligne')
    expect(titleOf(await storedDoc(), 'a1')).toBe('Écrite hors ligne')
  })
})

describe('rooms', () => {
  it('[ROOM1] a connection is answered with sync step 1 and the presence already in the room', async () => {
    const a = net.connect(editor('a'))
    a.awareness.setLocalStateField('cursor', cursorAt(1))
    await net.settle()
    const b = net.connect(editor('b'))
    await net.settle()
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(true)
    expect(b.synced).toBe(true)
  })

  it('[ROOM2] a room is loaded once under concurrent connects', async () => {
    const gate = deferred()
    store.loadGate = () => gate.promise
    const clients = Array.from({ length: 5 }, (_, i) => net.connect(editor(`u${i}`)))
    net.flush()
    await waitFor(() => store.loads > 0, { message: 'load started' }).finally(() => gate.resolve())
    expect(store.loads).toBe(1)
    await net.settle()
    expect(store.loads).toBe(1)
    expect(clients.every((client) => client.synced)).toBe(true)
  })

  it('[ROOM3] frames sent before the room is loaded are processed in order once it is', async () => {
    const gate = deferred()
    store.loadGate = () => gate.promise
    const a = net.connect(editor('a'))
    actionsOf(a.doc).set('a1', buildAction({ title: 'Avant chargement', order: 'a0' }))
    action(a, 'a1').set('title', 'Toujours avant chargement')
    net.flush()
    expect(a.synced).toBe(false)
    gate.resolve()
    await net.settle()
    const b = net.connect(editor('b'))
    await net.settle()
    expect(titleOf(b.doc, 'a1')).toBe('Toujours avant chargement')
    expect(titleOf(await storedDoc(), 'a1')).toBe('Toujours avant chargement')
  })

  it('[ROOM4] a room with no connection is flushed and unloaded after the idle delay, then reloads from the store', async () => {
    start({ roomIdleMs: 20 })
    const a = net.connect(editor('a'))
    await net.settle()
    actionsOf(a.doc).set('a1', buildAction({ title: 'Persistante', order: 'a0' }))
    await net.settle()
    a.destroy()
    net.flush()
    await waitFor(() => rooms.size === 0, { message: 'room unloaded' })
    await rooms.whenIdle()

    const b = net.connect(editor('b'))
    await net.settle()
    expect(store.loads).toBe(2)
    expect(titleOf(b.doc, 'a1')).toBe('Persistante')
  })

  it('[ROOM5] the log is compacted in the background once enough updates piled up', async () => {
    start({ compactAfterUpdates: 5 })
    const a = net.connect(editor('a'))
    await net.settle()
    actionsOf(a.doc).set('a1', buildAction({ title: 'v0', order: 'a0' }))
    await net.settle()
    for (let i = 1; i <= 6; i++) {
      action(a, 'a1').set('title', `v${i}`)
      await net.settle()
    }
    await waitFor(async () => (await store.pendingUpdates(PLAN)) < 5, { message: 'compaction' })
    expect(store.rows(PLAN)).toHaveLength(7)
    expect(titleOf(await storedDoc(), 'a1')).toBe('v6')
  })

  it('[ROOM6] a role change applies to the next edit; lost membership closes with 4403', async () => {
    let role: 'editor' | 'observer' | null = 'editor'
    start({ identify: async (workspaceId, userId, docName) => (role ? identity({ workspaceId, userId, docName, role }) : null) })
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    actionsOf(a.doc).set('a1', buildAction({ title: 'Acceptée', order: 'a0' }))
    await net.settle()

    role = 'observer'
    await rooms.revalidate('w1', 'a')
    action(a, 'a1').set('title', 'Refusée')
    await net.settle()
    expect(titleOf(a.doc, 'a1')).toBe('Acceptée')
    expect(a.errors.map((e) => e.code)).toEqual(['edit_forbidden'])

    role = null
    await rooms.revalidate('w1', 'a')
    net.flush()
    expect(a.closed?.code).toBe(CLOSE.accessRevoked)
    expect(b.closed).toBeNull()
  })

  it('[ROOM7] an append storage does not recover from drops the room and its connections (4500) instead of serving unstored state', async () => {
    start({ storageRetryMs: 0 })
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    store.appendGate = async () => {
      throw new Error('disk full')
    }
    actionsOf(a.doc).set('a1', buildAction({ title: 'Perdue ?', order: 'a0' }))
    await net.settle()
    expect(a.closed?.code).toBe(CLOSE.internalError)
    expect(b.closed?.code).toBe(CLOSE.internalError)
    expect(titleOf(b.doc, 'a1')).toBeUndefined()

    // The client reconnects with its document: its sync step 2 stores what the log missed.
    store.appendGate = null
    const again = net.connect(editor('a'), a.doc)
    const c = net.connect(editor('c'))
    await net.settle()
    expect(again.synced).toBe(true)
    expect(titleOf(c.doc, 'a1')).toBe('Perdue ?')
    expect(titleOf(await storedDoc(), 'a1')).toBe('Perdue ?')
  })

  it('[ROOM8] content deleted by accepted or refused edits is garbage-collected in the room', async () => {
    const e = net.connect(editor('e'))
    const observer = net.connect(identity({ userId: 'x', role: 'observer' }))
    await net.settle()
    actionsOf(e.doc).set('a1', buildAction({ title: 'Original', order: 'a0' }))
    await net.settle()
    const description = (doc: Y.Doc) => actionsOf(doc).get('a1')!.get('description') as Y.Text
    description(e.doc).insert(0, 'x'.repeat(5000))
    await net.settle()
    description(e.doc).delete(0, 5000)
    description(observer.doc).insert(0, 'y'.repeat(5000))
    // A refused replacement: the compensation restores a copy of the title the edit deleted.
    actionsOf(observer.doc).get('a1')!.set('title', 'Remplacé')
    await net.settle()
    actionsOf(e.doc).get('a1')!.set('title', 'Renommée')
    await net.settle()

    // Deleted items keep only their length once collected (ContentDeleted), not their content.
    let uncollected = 0
    rooms.get(PLAN)!.doc.store.clients.forEach((structs) => {
      for (const struct of structs) {
        if (struct instanceof Y.Item && struct.deleted && !(struct.content instanceof Y.ContentDeleted)) uncollected++
      }
    })
    expect(uncollected).toBe(0)
    expect(description(serverDoc()).toString()).toBe('')
    expect(titleOf(serverDoc(), 'a1')).toBe('Renommée')
  })

  it('[ROOM9] a change made by the server itself is stored (no author) and broadcast like an edit', async () => {
    const a = net.connect(editor('a'))
    await net.settle()
    await rooms.get(PLAN)!.applyServerChange((doc) => {
      actionsOf(doc).set('s1', buildAction({ title: 'Créée par le serveur', order: 'a0' }))
    })
    await net.settle()
    expect(titleOf(a.doc, 's1')).toBe('Créée par le serveur')
    expect(store.rows(PLAN).map((row) => row.authorId)).toEqual([null])
    expect(titleOf(await storedDoc(), 's1')).toBe('Créée par le serveur')
  })

  it('[ROOM11] a change made by the server is stored in the room’s order, before the edits queued behind it, under the room’s client id owned by the server', async () => {
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    // The first edit's append is held: what follows queues behind it in the room.
    const gate = deferred()
    let held = false
    store.appendGate = () => {
      held = true
      return gate.promise
    }
    actionsOf(a.doc).set('a1', buildAction({ title: 'Avant', order: 'a0' }))
    net.flush()
    await waitFor(() => held, { message: 'first append held' })
    store.appendGate = null
    const room = rooms.get(PLAN)!
    const serverChange = room.applyServerChange((doc) => {
      actionsOf(doc).set('s1', buildAction({ title: 'Du serveur', order: 'a1' }))
    })
    actionsOf(a.doc).set('a2', buildAction({ title: 'Après', order: 'a2' }))
    net.flush()

    gate.resolve()
    await serverChange
    await net.settle()
    // The log keeps the order the room applied them in.
    expect(store.rows(PLAN).map((row) => row.authorId)).toEqual(['a', null, 'a'])
    expect(titleOf(b.doc, 's1')).toBe('Du serveur')
    const serverClients = new Set(Y.decodeUpdate(store.rows(PLAN)[1]!.data).structs.map((struct) => struct.id.client))
    expect([...serverClients]).toEqual([room.doc.clientID])
    expect(await store.claimClients(PLAN, [room.doc.clientID], null)).toEqual(new Map([[room.doc.clientID, SERVER_CLIENT_OWNER]]))
  })
})

describe('durability', () => {
  it('[DUR7] an update is appended to the store before it is broadcast', async () => {
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    const gate = deferred()
    let appending = false
    store.appendGate = () => {
      appending = true
      return gate.promise
    }
    actionsOf(a.doc).set('a1', buildAction({ title: 'Durable', order: 'a0' }))
    net.flush()
    await waitFor(() => appending, { message: 'append started' })
    net.flush()
    expect(titleOf(b.doc, 'a1')).toBeUndefined()
    // A newcomer is not shown the unstored edit either.
    const c = net.connect(editor('c'))
    net.flush()
    expect(titleOf(c.doc, 'a1')).toBeUndefined()

    gate.resolve()
    await net.settle()
    expect(titleOf(b.doc, 'a1')).toBe('Durable')
    expect(titleOf(c.doc, 'a1')).toBe('Durable')
    expect(store.rows(PLAN).map((row) => row.authorId)).toEqual(['a'])
  })
})

describe('edit permissions', () => {
  for (const role of ['observer', 'commenter'] as const) {
    it(`[PERM2] a ${role}'s edit is undone everywhere, the author gets edit_forbidden and the store replays without it`, async () => {
      const e = net.connect(editor('e'))
      const other = net.connect(editor('o'))
      const intruder = net.connect(identity({ userId: 'x', role, locale: 'en' }))
      await net.settle()
      actionsOf(e.doc).set('a1', buildAction({ title: 'Original', order: 'a0' }))
      actionsOf(e.doc).set('a2', buildAction({ title: 'À garder', order: 'a1' }))
      await net.settle()

      // What the other editor's screen shows after each change it receives.
      const seen: unknown[] = []
      other.doc.on('afterTransaction', () => seen.push(titleOf(other.doc, 'a1')))

      action(intruder, 'a1').set('title', 'Piraté')
      actionsOf(intruder.doc).set('a3', buildAction({ title: 'Ajoutée', order: 'a2' }))
      actionsOf(intruder.doc).delete('a2')
      expect(titleOf(intruder.doc, 'a1')).toBe('Piraté')
      await net.settle()

      for (const client of [e, other, intruder]) {
        expect(titleOf(client.doc, 'a1')).toBe('Original')
        expect(titleOf(client.doc, 'a2')).toBe('À garder')
        expect(actionsOf(client.doc).has('a3')).toBe(false)
      }
      expect(seen).not.toContain('Piraté')
      expect(intruder.errors.length).toBeGreaterThan(0)
      expect(intruder.errors[0]).toMatchObject({ code: 'edit_forbidden', message: expect.stringMatching(/role/) })
      expect(e.errors).toEqual([])

      const stored = await storedDoc()
      expect(titleOf(stored, 'a1')).toBe('Original')
      expect(titleOf(stored, 'a2')).toBe('À garder')
      expect(actionsOf(stored).has('a3')).toBe(false)
      expect(JSON.stringify(actionsOf(serverDoc()).toJSON())).toBe(JSON.stringify(actionsOf(e.doc).toJSON()))
    })
  }

  it('[PERM2] an observer offline edit arriving in sync step 2 is compensated too, with a French message by default', async () => {
    const e = net.connect(editor('e'))
    await net.settle()
    actionsOf(e.doc).set('a1', buildAction({ title: 'Original', order: 'a0' }))
    await net.settle()
    // The observer's replica already holds the room's state plus an edit made while offline.
    const offline = new Y.Doc()
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(e.doc))
    actionsOf(offline).get('a1')!.set('title', 'Hors ligne')
    const observer = net.connect(identity({ userId: 'x', role: 'observer' }), offline)
    await net.settle()
    expect(titleOf(observer.doc, 'a1')).toBe('Original')
    expect(titleOf(e.doc, 'a1')).toBe('Original')
    expect(observer.errors[0]).toMatchObject({ code: 'edit_forbidden', message: expect.stringMatching(/rôle/) })
  })

  it('[PERM2] an observer may still sync, read and show presence', async () => {
    const e = net.connect(editor('e'))
    const observer = net.connect(identity({ userId: 'x', role: 'observer' }))
    observer.awareness.setLocalStateField('cursor', cursorAt(3))
    await net.settle()
    actionsOf(e.doc).set('a1', buildAction({ title: 'Lisible', order: 'a0' }))
    await net.settle()
    expect(titleOf(observer.doc, 'a1')).toBe('Lisible')
    expect(observer.errors).toEqual([])
    expect(e.awareness.getStates().get(observer.doc.clientID)?.cursor).toEqual(cursorAt(3))
  })
})

describe('awareness', () => {
  it('[AWARE1] the server stamps the authenticated identity on presence, whatever the client claims', async () => {
    const a = net.connect(identity({ userId: 'a', role: 'editor', name: 'Alice', partnerName: 'Ville de Lyon' }))
    const b = net.connect(editor('b'))
    a.awareness.setLocalState({ user: { id: 'b', name: 'Bob', color: '#000000', partner: 'Autre' }, cursor: cursorAt(7) })
    await net.settle()
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({
      user: { id: 'a', name: 'Alice', color: identity({ userId: 'a', role: 'editor' }).color, partner: 'Ville de Lyon' },
      cursor: cursorAt(7),
    })
  })

  it("[AWARE2] a client can neither overwrite nor remove another client's presence", async () => {
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    const mallory = net.connect(editor('m'))
    a.awareness.setLocalStateField('cursor', cursorAt(1))
    await net.settle()
    const clock = b.awareness.meta.get(a.doc.clientID)!.clock

    // Forged updates for a's client id: a new state, then a removal, both with a newer clock.
    const forged = (state: unknown) => {
      const update = encoding.createEncoder()
      encoding.writeVarUint(update, 1)
      encoding.writeVarUint(update, a.doc.clientID)
      encoding.writeVarUint(update, clock + 1)
      encoding.writeVarString(update, JSON.stringify(state))
      return frame(MESSAGE.awareness, (encoder) => encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update)))
    }
    mallory.pair.clientSend(forged({ cursor: cursorAt(99) }))
    mallory.pair.clientSend(forged(null))
    await net.settle()

    expect(b.awareness.getStates().get(a.doc.clientID)?.cursor).toEqual(cursorAt(1))
    expect(rooms.get(PLAN)!.awareness.getStates().get(a.doc.clientID)?.cursor).toEqual(cursorAt(1))
    expect(mallory.closed).toBeNull()
  })

  it('[AWARE3] when a connection closes, its presence is removed for everyone else', async () => {
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    a.awareness.setLocalStateField('cursor', cursorAt(1))
    await net.settle()
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(true)
    a.destroy()
    await net.settle()
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false)
    expect(rooms.get(PLAN)!.awareness.getStates().has(a.doc.clientID)).toBe(false)
  })

  it('[AWARE4] query-awareness is answered with every present state', async () => {
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    a.awareness.setLocalStateField('cursor', cursorAt(1))
    await net.settle()
    const received: Uint8Array[] = []
    const deliver = b.pair.onClientFrame
    b.pair.onClientFrame = (frame) => {
      received.push(frame)
      deliver(frame)
    }
    b.pair.clientSend(frame(MESSAGE.queryAwareness))
    await net.settle()
    expect(received).toHaveLength(1)
    const decoder = decoding.createDecoder(received[0]!)
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE.awareness)
    const states = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(states, decoding.readVarUint8Array(decoder), 'test')
    expect(states.getStates().get(a.doc.clientID)?.cursor).toEqual(cursorAt(1))
    states.destroy()
  })
})

describe('malformed frames', () => {
  const garbage: Record<string, Uint8Array | string> = {
    'a text frame': 'hello',
    'an empty frame': new Uint8Array(),
    'an unknown message type': frame(42),
    'a server-only message type': frame(MESSAGE.serverError, (e) => encoding.writeVarString(e, '{}')),
    'a bad varint': new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    'a truncated sync payload': new Uint8Array([MESSAGE.sync, syncProtocol.messageYjsUpdate, 50, 1, 2]),
    'an unknown sync step': frame(MESSAGE.sync, (e) => {
      encoding.writeVarUint(e, 9)
      encoding.writeVarUint8Array(e, new Uint8Array([0]))
    }),
    'an update that is not a Yjs update': frame(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, new Uint8Array([1, 200, 3, 4, 5, 6]))),
    'a bad state vector': frame(MESSAGE.sync, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1)
      encoding.writeVarUint8Array(e, new Uint8Array([5, 0xff]))
    }),
    'awareness that is not JSON': frame(MESSAGE.awareness, (e) => {
      const update = encoding.createEncoder()
      encoding.writeVarUint(update, 1)
      encoding.writeVarUint(update, 1234)
      encoding.writeVarUint(update, 1)
      encoding.writeVarString(update, '{not json')
      encoding.writeVarUint8Array(e, encoding.toUint8Array(update))
    }),
  }

  for (const [what, bytes] of Object.entries(garbage)) {
    it(`[WS3] ${what} closes only that connection, with 4400`, async () => {
      const a = net.connect(editor('a'))
      const b = net.connect(editor('b'))
      const bad = net.connect(editor('bad'))
      await net.settle()
      bad.pair.clientSend(bytes)
      await net.settle()
      expect(bad.closed?.code).toBe(CLOSE.malformedMessage)

      actionsOf(a.doc).set('a1', buildAction({ title: 'On continue', order: 'a0' }))
      await net.settle()
      expect(a.closed).toBeNull()
      expect(b.closed).toBeNull()
      expect(titleOf(b.doc, 'a1')).toBe('On continue')
    })
  }
})
