import {
  actionsOf,
  buildAction,
  contentOf,
  documentMetaOf,
  MESSAGE,
  planMetaOf,
  readServerError,
  SCHEMA_VERSION,
  type ActionMap,
  type Role,
  type ServerErrorMessage,
} from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, fetchTicket, type DocClient } from '../helpers/collab.ts'
import { openDatabase } from '@ensemble/server/db'
import { SqliteDocStore } from '@ensemble/server/storage'
import { signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { contextOf, firstInvalidState, snapshot } from './rules-fixtures.ts'
import { addMember } from '../helpers/invitations.ts'

/**
 * The rules on a real server (SQLite, REST, websocket) with real y-websocket providers: each role
 * tries the edits it may not make; the edit is compensated, its author gets a typed error, the other
 * clients never display it, and the stored log replays through valid states only. A raw sync step 2
 * frame gets the same treatment, and a role changed through REST bites within a second.
 */
let server: TestServer
let closed = false
let workspaceId: string
let partnerId: string
let admin: TestMember
const people = {} as Record<'steering' | 'editorA' | 'editorR' | 'editor' | 'commenter' | 'observer', TestMember>
const open: DocClient[] = []

const ROLES: [keyof typeof people, Role][] = [
  ['steering', 'steering'],
  ['editorA', 'editor'],
  ['editorR', 'editor'],
  ['editor', 'editor'],
  ['commenter', 'commenter'],
  ['observer', 'observer'],
]

async function connect(who: TestMember, docName: string): Promise<DocClient> {
  const client = await connectDoc(who.client, workspaceId, docName)
  open.push(client)
  await client.synced()
  return client
}

const a1 = (doc: Y.Doc): ActionMap => actionsOf(doc).get('a1')!
const firstText = (doc: Y.Doc) => (contentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText

/** Resolves once `witness` receives a presence update about `doc`'s client (the server restamps a member's presence when their identity changes). */
function presenceRestamped(witness: DocClient, doc: Y.Doc): Promise<void> {
  return new Promise((resolve) => {
    const onUpdate = ({ updated }: { updated: number[] }) => {
      if (!updated.includes(doc.clientID)) return
      witness.provider.awareness.off('update', onUpdate)
      resolve()
    }
    witness.provider.awareness.on('update', onUpdate)
  })
}

beforeAll(async () => {
  server = await startTestServer()
  const alliance = await createAlliance(
    server.url,
    ROLES.map(([, role]) => role),
  )
  workspaceId = alliance.workspaceId
  partnerId = alliance.partnerId
  admin = alliance.admin
  ROLES.forEach(([name], i) => (people[name] = alliance.members[i]!))

  // The admin lays out the plan and the documents through a provider, like the interface does.
  const plan = await connect(admin, 'plan')
  plan.doc.transact(() => {
    planMetaOf(plan.doc).set('start', '2026-01-01')
    planMetaOf(plan.doc).set('end', '2027-12-31')
    actionsOf(plan.doc).set(
      'a1',
      buildAction({
        title: 'Classes de mer',
        order: 'a0',
        status: 'planned',
        start: '2026-03-01',
        deadline: '2026-09-30',
        accountable: people.editorA.userId,
        responsible: [people.editorR.userId],
        informed: [people.observer.userId],
        milestones: { m1: { title: 'Première classe', date: '2026-06-01', done: false, order: 'a0' } },
      }),
    )
    actionsOf(plan.doc).set('p1', buildAction({ title: 'Proposition', order: 'a1' }))
  })
  for (const [docName, status] of [
    ['charter', 'draft'],
    ['convention', 'adopted'],
  ] as const) {
    const doc = await connect(admin, docName)
    doc.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Article 1')])
      contentOf(doc.doc).insert(0, [paragraph])
      documentMetaOf(doc.doc).set('status', 'draft')
    })
    // Adopting is sign-off's own server change (SIGN10): a document is never written and locked in one go.
    if (status === 'adopted') {
      await waitFor(() => server.server.rooms.get({ workspaceId, docName })?.doc.getXmlFragment('content').length === 1, { message: `${docName} written` })
      await server.server.rooms.applyServerChange({ workspaceId, docName }, (live) => documentMetaOf(live).set('status', 'adopted'))
    }
  }
  const convention = open.at(-1)!
  await waitFor(() => documentMetaOf(convention.doc).get('status') === 'adopted' && convention.provider.synced, { message: 'documents laid out' })
  // A newcomer sees every document as the admin wrote it: nothing was refused.
  for (const docName of ['plan', 'charter', 'convention']) {
    const check = await connect(people.steering, docName)
    const source = open.find((c) => c.provider.roomname === docName)!
    await waitFor(() => snapshot(check.doc, docName) === snapshot(source.doc, docName), { message: `${docName} stored` })
    check.destroy()
  }
  for (const client of open) expect(client.errors).toEqual([])
})

afterAll(async () => {
  for (const client of open) client.destroy()
  if (server && !closed) await server.close()
  if (server) removeDir(server.dataDir)
})

type Attempt = [who: keyof typeof people | 'admin', docName: string, rule: string, code: string, label: string, edit: (doc: Y.Doc) => void]

const FORBIDDEN: Attempt[] = [
  ['observer', 'plan', 'PERM2', 'edit_forbidden', 'renames a proposal', (d) => actionsOf(d).get('p1')!.set('title', 'Piratée')],
  ['commenter', 'charter', 'PERM2', 'edit_forbidden', 'types into the charter', (d) => firstText(d).insert(0, 'x')],
  [
    'editor',
    'plan',
    'PERM3',
    'edit_forbidden',
    'creates a planned action',
    (d) => actionsOf(d).set('n1', buildAction({ title: 'Non', order: 'a2', status: 'planned' })),
  ],
  ['editor', 'plan', 'PERM3', 'edit_forbidden', 'deletes a proposal', (d) => actionsOf(d).delete('p1')],
  ['editorA', 'plan', 'PERM5', 'edit_forbidden', 'moves the deadline of their own action', (d) => a1(d).set('deadline', '2026-10-31')],
  ['editorR', 'plan', 'PERM5', 'edit_forbidden', 'makes themself accountable', (d) => a1(d).set('accountable', people.editorR.userId)],
  ['editor', 'plan', 'PERM6', 'edit_forbidden', 'updates progress of an action that is not theirs', (d) => a1(d).set('progress', 50)],
  ['editorR', 'plan', 'PERM7', 'edit_forbidden', 'cancels the action', (d) => a1(d).set('status', 'cancelled')],
  ['editorA', 'plan', 'PERM8', 'edit_forbidden', 'extends the plan period', (d) => planMetaOf(d).set('end', '2028-12-31')],
  ['editor', 'charter', 'PERM10', 'edit_forbidden', 'submits the charter for adoption', (d) => documentMetaOf(d).set('status', 'proposed')],
  ['admin', 'charter', 'PERM10', 'edit_forbidden', 'adopts the charter outside sign-off', (d) => documentMetaOf(d).set('status', 'adopted')],
  ['steering', 'convention', 'PERM10', 'document_locked', 'types into the adopted convention', (d) => firstText(d).insert(0, 'x')],
  ['admin', 'convention', 'PERM10', 'document_locked', 'deletes the adopted convention’s text', (d) => contentOf(d).delete(0, 1)],
  [
    'steering',
    'plan',
    'VAL5',
    'edit_invalid',
    'makes the observer responsible',
    (d) => (a1(d).get('responsible') as Y.Array<string>).push([people.observer.userId]),
  ],
  ['editorR', 'plan', 'VAL13', 'edit_invalid', 'blocks the action without a reason', (d) => a1(d).set('status', 'blocked')],
  ['steering', 'plan', 'VAL10', 'edit_invalid', 'moves the deadline before a milestone', (d) => a1(d).set('deadline', '2026-05-01')],
]

describe('rules on a real server with real providers', () => {
  it.each(FORBIDDEN)('[%s→%s] %s: a %s refusal (%s), compensated, never displayed by others', async (whoName, docName, rule, code, _label, edit) => {
    const who = whoName === 'admin' ? admin : people[whoName]
    const author = await connect(who, docName)
    const witness = await connect(people.steering, docName)
    await waitFor(() => snapshot(author.doc, docName) === snapshot(witness.doc, docName), { message: 'replicas equal before' })
    const before = snapshot(witness.doc, docName)
    const seen: string[] = []
    const record = () => seen.push(snapshot(witness.doc, docName))
    witness.doc.on('afterTransaction', record)

    const errors = author.errors.length
    author.doc.transact(() => edit(author.doc))
    const error = await waitFor(() => author.errors[errors], { message: `${rule} error` })
    await waitFor(() => snapshot(author.doc, docName) === before, { message: 'author snaps back' })
    witness.doc.off('afterTransaction', record)

    expect(error).toMatchObject({ code, rule })
    expect(typeof error.message).toBe('string')
    expect(snapshot(witness.doc, docName)).toBe(before)
    for (const state of seen) expect(state).toBe(before)
    expect(witness.errors).toEqual([])
    author.destroy()
    witness.destroy()
  })

  it('[PERM2] [PERM5] a raw sync step 2 frame carrying a forbidden change is compensated and answered with a typed error', async () => {
    const witness = await connect(people.steering, 'plan')
    const ticket = await fetchTicket(people.editor.client, workspaceId)
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/ws/${workspaceId}/plan?ticket=${ticket}&schema=${SCHEMA_VERSION}&ext=1`
    const ws = new WebSocket(wsUrl, { origin: server.url })
    const frames: Uint8Array[] = []
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    const before = snapshot(witness.doc, 'plan')
    const seen: string[] = []
    const record = () => seen.push(snapshot(witness.doc, 'plan'))
    witness.doc.on('afterTransaction', record)

    // What the editor's replica would send after an offline edit of someone else's action.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(witness.doc))
    const stateVector = Y.encodeStateVector(forged)
    a1(forged).set('deadline', '2026-12-31')
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE.sync)
    syncProtocol.writeSyncStep2(encoder, forged, stateVector)
    ws.send(encoding.toUint8Array(encoder))

    const error = await waitFor(
      () => {
        for (const frame of frames) {
          const decoder = decoding.createDecoder(frame)
          if (decoding.readVarUint(decoder) === MESSAGE.serverError) return readServerError(decoder)
        }
        return null
      },
      { message: 'type-100 error' },
    )
    expect(error).toMatchObject<Partial<ServerErrorMessage>>({ code: 'edit_forbidden', rule: 'PERM5', entity: 'actions/a1', field: 'deadline' })
    // The witness receives the edit with its compensation as one update: nothing to display.
    await waitFor(() => Y.decodeStateVector(Y.encodeStateVector(witness.doc)).has(forged.clientID), { message: 'witness got the compensated edit' })
    witness.doc.off('afterTransaction', record)
    expect(snapshot(witness.doc, 'plan')).toBe(before)
    for (const state of seen) expect(state).toBe(before)
    ws.close()
    witness.destroy()
  })

  it('[PERM11] a role downgrade through REST bites within one second, without reload; [VAL5] the rules see it too', async () => {
    const member = people.editorR
    const author = await connect(member, 'plan')
    const steering = await connect(people.steering, 'plan')
    // Present in the room, as the editor's caret makes a browser (a state at clock 0 is not relayed).
    author.provider.awareness.setLocalStateField('cursor', null)
    await waitFor(() => steering.provider.awareness.getStates().has(author.doc.clientID), { message: 'author present' })
    a1(author.doc).set('progress', 30)
    await waitFor(() => a1(steering.doc).get('progress') === 30, { message: 'accepted while editor' })

    // The server restamps the member's presence once their new role applies to the connection.
    const restamped = presenceRestamped(steering, author.doc)
    const started = Date.now()
    await admin.client.json('PATCH', `/api/workspaces/${workspaceId}/members/${member.userId}`, { role: 'observer' }, 200)
    await restamped
    expect(Date.now() - started).toBeLessThan(1000)

    // The same connection, no reload: its next edit is refused.
    const errors = author.errors.length
    a1(author.doc).set('progress', 40)
    await waitFor(() => author.errors[errors], { message: 'refusal' })
    expect(author.errors[errors]).toMatchObject({ code: 'edit_forbidden', rule: 'PERM2' })
    await waitFor(() => a1(author.doc).get('progress') === 30, { message: 'snapped back' })
    expect(a1(steering.doc).get('progress')).toBe(30)

    // And as an observer they can no longer be responsible of a new assignment.
    const refusals = steering.errors.length
    ;(actionsOf(steering.doc).get('p1')!.get('consulted') as Y.Array<string>).push([member.userId])
    await waitFor(() => (actionsOf(steering.doc).get('p1')!.get('consulted') as Y.Array<string>).length === 1, { message: 'consulted accepted' })
    a1(steering.doc).set('accountable', member.userId)
    await waitFor(() => steering.errors[refusals], { message: 'VAL5 refusal' })
    expect(steering.errors[refusals]).toMatchObject({ code: 'edit_invalid', rule: 'VAL5', field: 'accountable' })

    // Restored: editing works again on the same connection.
    const restored = presenceRestamped(steering, author.doc)
    await admin.client.json('PATCH', `/api/workspaces/${workspaceId}/members/${member.userId}`, { role: 'editor' }, 200)
    await restored
    a1(author.doc).set('progress', 45)
    await waitFor(() => a1(steering.doc).get('progress') === 45, { message: 'accepted again' })
    author.destroy()
    steering.destroy()
  })

  it('[PERM11] a member removed through REST is disconnected with 4403', async () => {
    const extra = (await createAllianceMember('observer'))!
    const client = await connect(extra, 'plan')
    const closed = new Promise<number>((resolve) => client.provider.on('connection-close', (event: CloseEvent | null) => event && resolve(event.code)))
    await admin.client.request('DELETE', `/api/workspaces/${workspaceId}/members/${extra.userId}`)
    expect(await closed).toBe(4403)
    client.destroy()
  })

  it('[VAL14] [VAL16] a partner created through REST is known to the rules of the open rooms', async () => {
    const steering = await connect(people.steering, 'plan')
    const witness = await connect(admin, 'plan')
    const resources = (doc: Y.Doc) => a1(doc).get('resources') as Y.Map<Y.Map<unknown>>
    const unknown = steering.errors.length
    resources(steering.doc).set(
      'r0',
      new Y.Map<unknown>([
        ['label', 'Mécénat'],
        ['amount', 5000],
        ['unit', 'EUR'],
        ['partnerId', 'not-yet-a-partner'],
      ]),
    )
    await waitFor(() => steering.errors[unknown], { message: 'unknown partner refused' })
    expect(steering.errors[unknown]).toMatchObject({ rule: 'VAL14', field: 'partnerId' })

    const started = Date.now()
    const { id } = await admin.client.json<{ id: string }>('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'Fondation Mer', type: 'fondation' }, 201)
    // The refresh after the REST call is not awaited by it: try until the rooms know the partner.
    for (let attempt = 1; ; attempt++) {
      const errors = steering.errors.length
      resources(steering.doc).set(
        `r${attempt}`,
        new Y.Map<unknown>([
          ['label', 'Mécénat'],
          ['amount', 5000],
          ['unit', 'EUR'],
          ['partnerId', id],
        ]),
      )
      const outcome = await waitFor(() => (steering.errors.length > errors ? 'refused' : resources(witness.doc).has(`r${attempt}`) ? 'accepted' : null), {
        message: 'outcome',
      })
      if (outcome === 'accepted') break
      expect(steering.errors[errors]).toMatchObject({ rule: 'VAL14' })
      expect(Date.now() - started).toBeLessThan(1000)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    steering.destroy()
    witness.destroy()
  })

  it('[VAL1] [PERM0] the stored log of every document replays through valid states only', async () => {
    const { members, partners } = await admin.client.json<{ members: { userId: string; role: Role }[]; partners: { id: string }[] }>(
      'GET',
      `/api/workspaces/${workspaceId}`,
      undefined,
      200,
    )
    for (const client of open) client.destroy()
    await server.close()
    closed = true
    const handle = openDatabase({ dataDir: server.dataDir, databaseUrl: null })
    const store = new SqliteDocStore(handle.sqlite!)
    try {
      const context = contextOf(
        Object.fromEntries(members.map((m) => [m.userId, m.role])),
        partners.map((p) => p.id),
      )
      for (const docName of ['plan', 'charter', 'convention']) {
        const { snapshot: snap, updates } = await store.load({ workspaceId, docName })
        const rows = snap ? [snap, ...updates] : updates
        expect(rows.length).toBeGreaterThan(2)
        expect(firstInvalidState(rows, docName, context)).toBeNull()
      }
    } finally {
      await store.close()
      await handle.close()
    }
  })
})

/** One more member of the alliance (for the removal test). */
async function createAllianceMember(role: Role): Promise<TestMember> {
  const member = await signUp(server.url, `Membre ${role}`)
  await addMember(admin.client, workspaceId, member, { role, partnerId })
  return member
}
