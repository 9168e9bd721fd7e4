import { actionsOf, buildAction, CLOSE, contentOf, MESSAGE, newId, readServerError } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, type DatabaseHandle } from '@ensemble/server/db'
import { SqliteDocStore } from '@ensemble/server/storage'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, fetchTicket, type DocClient } from '../helpers/collab.ts'
import { HttpClient } from '../helpers/http.ts'
import { cursorAt } from '../helpers/presence.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { awarenessFrame, closedWithin, openRaw, report, syncFrame, type RawSocket } from './support.ts'

/** Authorization on a real server (AUTHZ1–AUTHZ4 of docs/SPEC.md). */
let server: TestServer
let alliance: Awaited<ReturnType<typeof createAlliance>>
let other: Awaited<ReturnType<typeof createAlliance>>
const open: DocClient[] = []
const PASSWORD = 'motdepasse-solide-1'

beforeAll(async () => {
  server = await startTestServer()
  alliance = await createAlliance(server.url, ['observer', 'commenter', 'editor', 'editor', 'editor', 'editor', 'editor'])
  other = await createAlliance(server.url, ['editor'])
})
afterAll(async () => {
  for (const client of open) client.destroy()
  await database?.close()
  await server.close()
  removeDir(server.dataDir)
})

const member = (i: number): TestMember => alliance.members[i]!
const [OBSERVER, COMMENTER, EDITOR, MALLORY, REMOVED, LOWERED, SIGNED_OUT] = [0, 1, 2, 3, 4, 5, 6]

async function rawDoc(who: TestMember, docName: string, workspaceId = alliance.workspaceId): Promise<RawSocket> {
  const ticket = await fetchTicket(who.client, workspaceId)
  return openRaw(`${server.url.replace(/^http/, 'ws')}/ws/${workspaceId}/${encodeURIComponent(docName)}?ticket=${ticket}`, new URL(server.url).origin)
}

async function provider(who: TestMember, docName: string): Promise<DocClient> {
  const client = await connectDoc(who.client, alliance.workspaceId, docName)
  open.push(client)
  await client.synced()
  return client
}

/** A second handle on the server's SQLite file (WAL: a reader beside the server's writer). */
let database: DatabaseHandle
const sqlite = (): DatabaseHandle => (database ??= openDatabase({ dataDir: server.dataDir, databaseUrl: null }))

/** The document as stored (snapshot, then the log), read through the server's own store code. */
async function storedDoc(docName: string, workspaceId = alliance.workspaceId): Promise<Y.Doc> {
  const loaded = await new SqliteDocStore(sqlite().sqlite!).load({ workspaceId, docName })
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const update of loaded.updates) Y.applyUpdate(doc, update)
  return doc
}

/** Server errors (type 100) received on a raw socket. */
const serverErrors = (socket: RawSocket) =>
  socket.received
    .filter((f) => f[0] === MESSAGE.serverError)
    .map((f) => {
      const decoder = decoding.createDecoder(f)
      decoding.readVarUint(decoder)
      return readServerError(decoder)
    })

/** A fresh replica's edit writing `token` into a document of each kind (it depends on nothing). */
const WRITES: Record<string, (token: string) => Uint8Array> = {
  agreement: (token) => {
    const doc = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(token)])
    contentOf(doc).push([paragraph])
    return Y.encodeStateAsUpdate(doc)
  },
  plan: (token) => {
    const doc = new Y.Doc()
    actionsOf(doc).set(token, buildAction({ title: token, order: 'a0' }))
    return Y.encodeStateAsUpdate(doc)
  },
}
const holds = (doc: Y.Doc, docName: string, token: string): boolean =>
  docName === 'plan' ? actionsOf(doc).has(token) : contentOf(doc).toString().includes(token)

describe('AUTHZ1 writes by roles that may not write', () => {
  it('[AUTHZ1] observer and commenter writes, as update and as sync step 2, are never applied nor stored; an editor’s same write is', async () => {
    let tried = 0
    for (const docName of Object.keys(WRITES)) {
      const witness = await provider(alliance.admin, docName)
      for (const [who, role] of [
        [OBSERVER, 'observer'],
        [COMMENTER, 'commenter'],
      ] as const) {
        for (const [step, kind] of [
          [2, 'update'],
          [1, 'sync step 2'],
        ] as const) {
          const token = `tok${role}${step}${docName}`
          const socket = await rawDoc(member(who), docName)
          socket.ws.send(syncFrame(step, WRITES[docName]!(token)))
          await waitFor(() => serverErrors(socket).length > 0, { message: `${role} ${kind} refused` })
          expect(serverErrors(socket)[0]).toMatchObject({ code: 'edit_forbidden', rule: 'PERM2' })
          expect({ role, kind, docName, live: holds(witness.doc, docName, token), stored: holds(await storedDoc(docName), docName, token) }).toEqual({
            role,
            kind,
            docName,
            live: false,
            stored: false,
          })
          socket.ws.terminate()
          tried++
        }
      }
      // The same write by an editor goes through: the check above can fail.
      const token = `tokeditor${docName}`
      const socket = await rawDoc(member(EDITOR), docName)
      socket.ws.send(syncFrame(1, WRITES[docName]!(token)))
      await waitFor(() => holds(witness.doc, docName, token), { message: 'editor write applied' })
      expect(holds(await storedDoc(docName), docName, token)).toBe(true)
      socket.ws.terminate()
    }
    report('AUTHZ1', { refusedWritesTried: tried, appliedOrStored: 0 })
  })
})

describe('AUTHZ2 presence', () => {
  it('[AUTHZ2] presence claiming another member’s identity is rewritten; clearing or overwriting another’s client id is ignored, even after they left', async () => {
    const docName = 'vision'
    const alice = await provider(member(EDITOR), docName)
    const watcher = await provider(alliance.admin, docName)
    alice.provider.awareness.setLocalStateField('cursor', cursorAt(1))
    await waitFor(() => (watcher.provider.awareness.getStates().get(alice.doc.clientID)?.user as { id?: string } | undefined)?.id === member(EDITOR).userId, {
      message: 'alice present',
    })
    const aliceState = watcher.provider.awareness.getStates().get(alice.doc.clientID)!
    const aliceClock = watcher.provider.awareness.meta.get(alice.doc.clientID)!.clock

    const mallory = await rawDoc(member(MALLORY), docName)
    const forged = new awarenessProtocol.Awareness(new Y.Doc())
    forged.setLocalState({ user: aliceState.user, cursor: cursorAt(2) })
    mallory.ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(forged, [forged.clientID])))
    // Clearing and overwriting alice's client id, with a clock well ahead of hers.
    const entries = (state: string) => rawAwareness([[alice.doc.clientID, aliceClock + 10, state]])
    mallory.ws.send(awarenessFrame(entries('null')))
    mallory.ws.send(awarenessFrame(entries(JSON.stringify({ user: aliceState.user, cursor: cursorAt(99) }))))

    const userOf = (clientId: number) => (watcher.provider.awareness.getStates().get(clientId)?.user as { id?: string } | undefined)?.id
    await waitFor(() => userOf(forged.clientID) === member(MALLORY).userId, { message: 'forged identity rewritten to mallory' })
    // Mallory's frames are handled in order: alice's presence is untouched.
    expect(userOf(alice.doc.clientID)).toBe(member(EDITOR).userId)
    expect((watcher.provider.awareness.getStates().get(alice.doc.clientID) as { cursor?: unknown }).cursor).toEqual(cursorAt(1))

    // Alice leaves; her old state, replayed (as stock providers echo it) or pushed ahead, never comes back as hers.
    alice.destroy()
    await waitFor(() => !watcher.provider.awareness.getStates().has(alice.doc.clientID), { message: 'alice gone' })
    mallory.ws.send(awarenessFrame(rawAwareness([[alice.doc.clientID, aliceClock, JSON.stringify(aliceState)]])))
    mallory.ws.send(awarenessFrame(rawAwareness([[alice.doc.clientID, aliceClock + 20, JSON.stringify(aliceState)]])))
    forged.setLocalState({ user: aliceState.user, cursor: cursorAt(3) })
    mallory.ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(forged, [forged.clientID])))
    await waitFor(() => JSON.stringify(watcher.provider.awareness.getStates().get(forged.clientID)?.cursor) === JSON.stringify(cursorAt(3)), {
      message: 'mallory moved',
    })
    const revived = userOf(alice.doc.clientID)
    expect(revived === undefined || revived === member(MALLORY).userId).toBe(true)
    mallory.ws.terminate()
  })
})

describe('LIM7 presence keeps only known fields', () => {
  it('[LIM7] [PLANUI5] a raw presence frame with a forged name, extra fields and malformed cursors reaches the others as the cursor the web client sends (when well-formed) and the server’s own user, nothing else', async () => {
    const docName = 'agreement'
    const watcher = await provider(alliance.admin, docName)
    const mallory = await rawDoc(member(MALLORY), docName)
    const clientId = 424242
    const stateOf = () => watcher.provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined
    const send = (clock: number, state: Record<string, unknown>) => mallory.ws.send(awarenessFrame(rawAwareness([[clientId, clock, JSON.stringify(state)]])))
    const malloryUser = () => (stateOf()?.user as { id?: string } | undefined)?.id === member(MALLORY).userId

    // Well-formed cursor, forged identity beside it: the cursor stays, everything else is the server's or gone.
    send(1, {
      cursor: cursorAt(5),
      name: 'Administratrice',
      user: { id: alliance.admin.userId, name: 'Claire Admin' },
      role: 'admin',
      html: '<img src=x onerror=alert(1)>',
      padding: 'x'.repeat(8000),
    })
    await waitFor(() => malloryUser() && stateOf()?.cursor, { message: 'mallory’s presence' })
    expect(Object.keys(stateOf()!).sort()).toEqual(['cursor', 'user'])
    expect(stateOf()!.cursor).toEqual(cursorAt(5))

    // Malformed cursors are dropped whole: wrong types, extra keys, oversized names, out-of-range ids.
    const malformed = [
      { anchor: 1, head: 2 },
      { anchor: cursorAt(1).anchor, head: cursorAt(1).head, extra: true },
      { anchor: { ...cursorAt(1).anchor, script: 'x' }, head: cursorAt(1).head },
      { anchor: { type: null, tname: 'x'.repeat(65), item: null, assoc: 0 }, head: cursorAt(1).head },
      { anchor: { type: null, tname: null, item: { client: -1, clock: 0 }, assoc: 0 }, head: cursorAt(1).head },
      { anchor: { type: null, tname: null, item: { client: 1, clock: 0.5 }, assoc: 0 }, head: cursorAt(1).head },
      { anchor: { type: null, tname: null, item: null, assoc: 7 }, head: cursorAt(1).head },
      'cursor',
    ]
    let clock = 1
    for (const cursor of malformed) {
      send(++clock, { cursor, note: clock })
      await waitFor(() => watcher.provider.awareness.meta.get(clientId)?.clock === clock, { message: `presence ${clock}` })
      expect({ cursor, state: stateOf() }).toEqual({ cursor, state: { user: expect.objectContaining({ id: member(MALLORY).userId }) } })
    }
    // A cleared cursor (the editor lost focus) is kept as null.
    send(++clock, { cursor: null })
    await waitFor(() => watcher.provider.awareness.meta.get(clientId)?.clock === clock, { message: 'cleared cursor' })
    expect(stateOf()).toEqual({ cursor: null, user: expect.objectContaining({ id: member(MALLORY).userId }) })
    // The focused table cell (PLANUI5) is relayed with its shape only: two short plain names.
    send(++clock, { focus: { entity: 'actions/a1', field: 'deadline' } })
    await waitFor(() => watcher.provider.awareness.meta.get(clientId)?.clock === clock, { message: 'focused field' })
    expect(stateOf()).toEqual({ focus: { entity: 'actions/a1', field: 'deadline' }, user: expect.objectContaining({ id: member(MALLORY).userId }) })
    const malformedFocus = [
      { entity: 'actions/a1', field: 'deadline', name: 'Claire Admin' },
      { entity: `actions/${'a'.repeat(100)}`, field: 'deadline' },
      { entity: 'actions/a1', field: '<img src=x onerror=alert(1)>' },
      { entity: 'actions/a1' },
      'actions/a1#deadline',
    ]
    for (const focus of malformedFocus) {
      send(++clock, { focus })
      await waitFor(() => watcher.provider.awareness.meta.get(clientId)?.clock === clock, { message: `focus ${clock}` })
      expect({ focus, state: stateOf() }).toEqual({ focus, state: { user: expect.objectContaining({ id: member(MALLORY).userId }) } })
    }
    mallory.ws.terminate()
    report('LIM7', { forgedFieldsDropped: 5, malformedCursorsDropped: malformed.length, malformedFocusDropped: malformedFocus.length })
  })
})

/** Awareness update bytes from [clientId, clock, stateJson] entries. */
function rawAwareness(entries: [number, number, string][]): Uint8Array {
  const bytes: number[] = []
  const varUint = (n: number) => {
    while (n > 0x7f) {
      bytes.push(0x80 | (n & 0x7f))
      n = Math.floor(n / 128)
    }
    bytes.push(n)
  }
  varUint(entries.length)
  for (const [clientId, clock, json] of entries) {
    varUint(clientId)
    varUint(clock)
    const utf8 = new TextEncoder().encode(json)
    varUint(utf8.length)
    bytes.push(...utf8)
  }
  return Uint8Array.from(bytes)
}

describe('AUTHZ3 losing the right', () => {
  it('[AUTHZ3] a removed member, and a signed-out session, lose their open sockets (4403) within 1 s; another session of the same user keeps its own; a ticket minted before a sign-out opens nothing after it', async () => {
    const removed = await rawDoc(member(REMOVED), 'plan')
    let started = performance.now()
    await alliance.admin.client.json('DELETE', `/api/workspaces/${alliance.workspaceId}/members/${member(REMOVED).userId}`)
    removed.markSent()
    const afterRemoval = await closedWithin(removed, 1000)
    expect(afterRemoval.code).toBe(CLOSE.accessRevoked)
    const removalMs = performance.now() - started

    // Two sessions of the same user, a socket each: signing one out ends only its socket.
    const who = member(SIGNED_OUT)
    const laptop = await rawDoc(who, 'plan')
    const phone = new HttpClient(server.url)
    await phone.json('POST', '/api/auth/sign-in/email', { email: who.email, password: PASSWORD }, 200)
    const phoneSocket = await rawDoc({ ...who, client: phone }, 'plan')
    started = performance.now()
    await who.client.json('POST', '/api/auth/sign-out', {}, 200)
    laptop.markSent()
    expect((await closedWithin(laptop, 1000)).code).toBe(CLOSE.accessRevoked)
    const signOutMs = performance.now() - started
    expect(phoneSocket.ws.readyState).toBe(phoneSocket.ws.OPEN)
    // The signed-out session can no longer get a ticket; the other one can.
    expect((await who.client.request('POST', `/api/workspaces/${alliance.workspaceId}/tickets`)).status).toBe(401)
    expect((await phone.request('POST', `/api/workspaces/${alliance.workspaceId}/tickets`)).status).toBe(200)
    // A ticket minted just before signing out opens nothing afterwards.
    const spare = await fetchTicket(phone, alliance.workspaceId)
    await phone.json('POST', '/api/auth/sign-out', {}, 200)
    await expect(openRaw(`${server.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/plan?ticket=${spare}`, new URL(server.url).origin)).rejects.toThrow(
      'upgrade refused: 401',
    )
    phoneSocket.ws.terminate()
    report('AUTHZ3-close', { removalToCloseMs: +removalMs.toFixed(1), signOutToCloseMs: +signOutMs.toFixed(1) })
  })

  it('[AUTHZ3] a role lowered to observer: the same socket’s edits are refused within 1 s of the REST answer', async () => {
    const who = member(LOWERED)
    const docName = 'charter'
    const witness = await provider(alliance.admin, docName)
    const editor = await provider(who, docName)
    const write = (token: string) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(token)])
      contentOf(editor.doc).push([paragraph])
    }
    write('toklowered0')
    await waitFor(() => holds(witness.doc, docName, 'toklowered0'), { message: 'accepted as editor' })
    await alliance.admin.client.json('PATCH', `/api/workspaces/${alliance.workspaceId}/members/${who.userId}`, { role: 'observer' }, 200)
    const started = performance.now()
    // Edits keep coming; the first refusal must follow the REST answer within a second.
    let n = 0
    const errorsBefore = editor.errors.length
    await waitFor(
      () => {
        write(`toklowered${++n}`)
        return editor.errors.length > errorsBefore
      },
      { timeoutMs: 1000, intervalMs: 50, message: 'first refusal after the role change' },
    )
    const refusedAfterMs = performance.now() - started
    expect(editor.errors[errorsBefore]).toMatchObject({ code: 'edit_forbidden', rule: 'PERM2' })
    // What was refused is undone and not stored.
    await waitFor(() => !holds(editor.doc, docName, `toklowered${n}`), { message: 'refused edit undone' })
    expect(holds(await storedDoc(docName), docName, `toklowered${n}`)).toBe(false)
    report('AUTHZ3-role', { editsBeforeRefusal: n - 1, refusedAfterMs: +refusedAfterMs.toFixed(1) })
  })
})

describe('AUTHZ4 reaching another workspace or document', () => {
  /** Status and body of a request, for "exists" vs "does not exist" comparisons. */
  async function answer(client: HttpClient, method: string, url: string, body?: unknown): Promise<{ status: number; body: string }> {
    const res = await client.request(method, url, body)
    return { status: res.status, body: await res.text() }
  }

  it('[AUTHZ4] REST ids of another workspace answer exactly like ids that do not exist', async () => {
    const me = alliance.admin.client
    const theirs = other.workspaceId
    const nobody = newId()
    const { thread } = await other.admin.client.json<{ thread: { id: string } }>(
      'POST',
      `/api/workspaces/${theirs}/comments/threads`,
      { targetKind: 'document', docName: 'charter', body: 'Fil de l’autre alliance' },
      201,
    )
    const threadId = thread.id
    const theirMember = other.members[0]!.userId
    const pairs: [string, string, string, unknown?][] = [
      ['GET', `/api/workspaces/${theirs}`, `/api/workspaces/${nobody}`],
      ['PATCH', `/api/workspaces/${theirs}`, `/api/workspaces/${nobody}`, { name: 'Volée' }],
      ['GET', `/api/workspaces/${theirs}/partners`, `/api/workspaces/${nobody}/partners`],
      ['POST', `/api/workspaces/${theirs}/partners`, `/api/workspaces/${nobody}/partners`, { name: 'Intrus', type: 'association' }],
      ['GET', `/api/workspaces/${theirs}/members`, `/api/workspaces/${nobody}/members`],
      ['DELETE', `/api/workspaces/${theirs}/members/${theirMember}`, `/api/workspaces/${nobody}/members/${theirMember}`],
      ['POST', `/api/workspaces/${theirs}/tickets`, `/api/workspaces/${nobody}/tickets`],
      ['GET', `/api/workspaces/${theirs}/comments/threads`, `/api/workspaces/${nobody}/comments/threads`],
      ['GET', `/api/workspaces/${theirs}/inbox`, `/api/workspaces/${nobody}/inbox`],
      // Their ids under my own workspace: exactly like ids nobody has.
      [
        'PATCH',
        `/api/workspaces/${alliance.workspaceId}/partners/${other.partnerId}`,
        `/api/workspaces/${alliance.workspaceId}/partners/${nobody}`,
        { name: 'Renommé' },
      ],
      ['DELETE', `/api/workspaces/${alliance.workspaceId}/partners/${other.partnerId}`, `/api/workspaces/${alliance.workspaceId}/partners/${nobody}`],
      [
        'PATCH',
        `/api/workspaces/${alliance.workspaceId}/members/${theirMember}`,
        `/api/workspaces/${alliance.workspaceId}/members/${nobody}`,
        { role: 'observer' },
      ],
      ['DELETE', `/api/workspaces/${alliance.workspaceId}/members/${theirMember}`, `/api/workspaces/${alliance.workspaceId}/members/${nobody}`],
      ['GET', `/api/workspaces/${alliance.workspaceId}/comments/threads/${threadId}`, `/api/workspaces/${alliance.workspaceId}/comments/threads/${nobody}`],
      [
        'POST',
        `/api/workspaces/${alliance.workspaceId}/comments/threads/${threadId}/resolve`,
        `/api/workspaces/${alliance.workspaceId}/comments/threads/${nobody}/resolve`,
      ],
    ]
    for (const [method, exists, missing, body] of pairs) {
      const a = await answer(me, method, exists, body)
      const b = await answer(me, method, missing, body)
      expect({ method, exists, ...a }).toEqual({ method, exists, ...b })
      expect([403, 404]).toContain(a.status)
    }
    // Hostile ids: never a 5xx, never anything of another workspace. A path that is not canonical
    // (dot segments, encoded separators or NUL, backslashes) is refused at the door before any route
    // (400 bad_request, ACCT8); the others are a workspace that does not exist (404).
    for (const id of ['..', '%2e%2e', `${theirs}%2F..`, `${theirs}%00`, 'x'.repeat(5000), `${theirs}\\..`]) {
      const { status, body } = await answer(me, 'GET', `/api/workspaces/${id}`)
      const code = (JSON.parse(body) as { error: { code: string } }).error.code
      const expected = id.length > 100 ? { status: 404, code: 'not_found' } : { status: 400, code: 'bad_request' }
      expect({ id: id.slice(0, 20), status, code }).toEqual({ id: id.slice(0, 20), ...expected })
    }
    // Nothing changed over there.
    const theirView = await other.admin.client.json<{ name: string; partners: unknown[]; members: unknown[] }>(
      'GET',
      `/api/workspaces/${theirs}`,
      undefined,
      200,
    )
    expect(theirView.name).toBe('Alliance de test')
    report('AUTHZ4-rest', { pairsCompared: pairs.length, hostileIds: 6 })
  })

  it('[AUTHZ4] websocket paths: another workspace answers like none; hostile document names never reach a document', async () => {
    const wsBase = server.url.replace(/^http/, 'ws')
    const origin = new URL(server.url).origin
    /** The refusal (status and body) of an upgrade, or 101. */
    const upgrade = async (workspaceId: string, docName: string): Promise<string> => {
      const ticket = await fetchTicket(alliance.admin.client, alliance.workspaceId)
      try {
        const socket = await openRaw(`${wsBase}/ws/${workspaceId}/${docName}?ticket=${ticket}`, origin)
        socket.ws.terminate()
        return '101'
      } catch (error) {
        return String(error)
      }
    }
    expect(await upgrade(other.workspaceId, 'plan')).toBe(await upgrade(newId(), 'plan'))
    expect(await upgrade(other.workspaceId, 'plan')).not.toBe('101')
    const hostile = [
      '..',
      '..%2Fplan',
      `..%2F..%2F${other.workspaceId}%2Fplan`,
      '%2e%2e',
      'plan%00',
      'plan%2F..',
      'plan%5C..',
      'minutes%3A..%2Fx',
      `minutes%3A${'x'.repeat(300)}`,
      '%252e%252e%252Fplan',
    ]
    for (const name of hostile) expect({ name, result: await upgrade(alliance.workspaceId, name) }).not.toEqual({ name, result: '101' })
    // Nothing was created under those names.
    const names = sqlite().sqlite!.prepare('SELECT DISTINCT doc_name FROM doc_updates').all() as { doc_name: string }[]
    for (const { doc_name } of names) expect(doc_name).toMatch(/^(vision|charter|agreement|convention|plan|governance|minutes:[A-Za-z0-9_-]+)$/)
    report('AUTHZ4-ws', { hostileNames: hostile.length })
  })
})
