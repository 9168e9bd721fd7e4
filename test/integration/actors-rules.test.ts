import {
  actorCriteriaOf,
  actorsOf,
  appendContact,
  buildActor,
  buildActorCriterion,
  contactLogOf,
  type ContactLogEntry,
  type MapActorInput,
  type OutboxMail,
  type Partner,
  type Role,
} from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { openDatabase } from '@ensemble/server/db'
import { SqliteDocStore } from '@ensemble/server/storage'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { contextOf, firstInvalidState, snapshot } from './rules-fixtures.ts'

/**
 * The map of actors on a real server (SQLite, REST, websocket) with real y-websocket providers
 * (issue 20, items 4 and 5): each refused edit is compensated, its author gets the typed error, a
 * witness never displays it; the contact log only grows; converting an actor creates the partner,
 * marks the actor and invites its representative through the ordinary invitation, once; the stored
 * log replays through valid states only.
 */
let server: TestServer
let closed = false
let workspaceId: string
let admin: TestMember
const people = {} as Record<'steering' | 'editor' | 'observer', TestMember>
const open: DocClient[] = []

async function connect(who: TestMember): Promise<DocClient> {
  const client = await connectDoc(who.client, workspaceId, 'actors')
  open.push(client)
  await client.synced()
  return client
}

const ACTOR: MapActorInput = {
  name: 'Fondation du Littoral',
  type: 'fondation',
  expectations: 'Visibilité locale, projets éducatifs',
  influence: 4,
  interest: 3,
  nuisance: 2,
  perimeter: 'Côte d’Opale',
  synergies: 'Mécénat de compétences',
  status: 'identified',
  scores: { c1: 4 },
}

const contact = (who: TestMember, extra: Partial<ContactLogEntry> = {}): ContactLogEntry => ({
  actorId: 'x1',
  date: '2026-11-20',
  who: 'Claire',
  whom: 'La directrice',
  how: 'meeting',
  outcome: 'Intéressée par les classes de mer',
  by: who.userId,
  at: Date.now(),
  ...extra,
})

const x = (d: Y.Doc, id: string) => actorsOf(d).get(id)!
let seq = 0
const newId = () => `k-test-${++seq}`

beforeAll(async () => {
  server = await startTestServer()
  const alliance = await createAlliance(server.url, ['steering', 'editor', 'observer'])
  workspaceId = alliance.workspaceId
  admin = alliance.admin
  ;[people.steering, people.editor, people.observer] = alliance.members as [TestMember, TestMember, TestMember]

  // Steering lays out the criteria and two actors through a provider, like the page does.
  const map = await connect(people.steering)
  map.doc.transact(() => {
    actorCriteriaOf(map.doc).set('c1', buildActorCriterion({ name: 'Complémentarité de périmètre', weight: 3, order: 'a0' }))
    actorCriteriaOf(map.doc).set('c2', buildActorCriterion({ name: 'Proximité relationnelle', weight: 1, order: 'a1' }))
    actorsOf(map.doc).set('x1', buildActor(ACTOR))
    actorsOf(map.doc).set('x2', buildActor({ ...ACTOR, name: 'Commune de Port-Marin', type: 'collectivite_territoriale', scores: {} }))
  })
  appendContact(map.doc, 'k1', contact(people.steering))
  const editor = await connect(people.editor)
  await waitFor(() => contactLogOf(editor.doc).has('k1'), { message: 'the map arrives' })
  for (const client of open) expect(client.errors).toEqual([])
})

afterAll(async () => {
  for (const client of open) client.destroy()
  if (server && !closed) await server.close()
  if (server) removeDir(server.dataDir)
})

type Who = keyof typeof people
type Attempt = [
  rule: string,
  code: 'edit_forbidden' | 'edit_invalid',
  label: string,
  who: Who,
  edit: (doc: Y.Doc) => void,
  where?: { entity?: string; field?: string },
]

const REFUSED: Attempt[] = [
  ['PERM2', 'edit_forbidden', 'an observer adds an actor', 'observer', (d) => actorsOf(d).set('x9', buildActor(ACTOR))],
  ['PERM2', 'edit_forbidden', 'an observer writes in the contact log', 'observer', (d) => appendContact(d, newId(), contact(people.observer))],
  ['MAP2', 'edit_forbidden', 'an editor adds an actor', 'editor', (d) => actorsOf(d).set('x9', buildActor(ACTOR)), { entity: 'actors/x9' }],
  ['MAP2', 'edit_forbidden', 'an editor raises an actor’s influence', 'editor', (d) => x(d, 'x1').set('influence', 5), { entity: 'actors/x1' }],
  ['MAP2', 'edit_forbidden', 'an editor scores an actor', 'editor', (d) => x(d, 'x1').set('scores', { c1: 5, c2: 5 }), { entity: 'actors/x1' }],
  [
    'MAP2',
    'edit_forbidden',
    'an editor changes a criterion’s weight',
    'editor',
    (d) => actorCriteriaOf(d).get('c1')!.set('weight', 10),
    { entity: 'actorCriteria/c1' },
  ],
  ['MAP2', 'edit_forbidden', 'an editor removes a criterion', 'editor', (d) => actorCriteriaOf(d).delete('c2'), { entity: 'actorCriteria/c2' }],
  ['MAP1', 'edit_invalid', 'an influence of 6', 'steering', (d) => x(d, 'x1').set('influence', 6), { entity: 'actors/x1', field: 'influence' }],
  ['MAP1', 'edit_invalid', 'a « pouvoir de nuisance » of 0', 'steering', (d) => x(d, 'x1').set('nuisance', 0), { field: 'nuisance' }],
  ['MAP1', 'edit_invalid', 'an unknown type', 'steering', (d) => x(d, 'x1').set('type', 'lobby'), { field: 'type' }],
  ['MAP1', 'edit_invalid', 'a score on a foreign criterion', 'steering', (d) => x(d, 'x1').set('scores', { elsewhere: 3 }), { field: 'scores' }],
  ['MAP1', 'edit_invalid', 'a score of 9', 'steering', (d) => x(d, 'x1').set('scores', { c1: 9 }), { field: 'scores' }],
  ['MAP1', 'edit_invalid', 'oversized expectations', 'steering', (d) => x(d, 'x1').set('expectations', 'x'.repeat(5001)), { field: 'expectations' }],
  ['MAP1', 'edit_invalid', 'an unknown field', 'steering', (d) => x(d, 'x1').set('secret', 'x'), { field: 'secret' }],
  [
    'MAP1',
    'edit_invalid',
    'a new actor with an oversized name',
    'steering',
    (d) => actorsOf(d).set('x9', buildActor({ ...ACTOR, name: 'x'.repeat(161) })),
    { entity: 'actors/x9', field: 'name' },
  ],
  [
    'MAP3',
    'edit_invalid',
    'a weight of 11',
    'steering',
    (d) => actorCriteriaOf(d).get('c1')!.set('weight', 11),
    { entity: 'actorCriteria/c1', field: 'weight' },
  ],
  [
    'MAP4',
    'edit_forbidden',
    'the author overwrites their contact entry',
    'steering',
    (d) => contactLogOf(d).set('k1', contact(people.steering)),
    { entity: 'contactLog/k1' },
  ],
  ['MAP4', 'edit_forbidden', 'steering removes a contact entry', 'steering', (d) => contactLogOf(d).delete('k1'), { entity: 'contactLog/k1' }],
  [
    'MAP4',
    'edit_invalid',
    'a contact with a foreign actor',
    'editor',
    (d) => appendContact(d, newId(), contact(people.editor, { actorId: 'elsewhere' })),
    { field: 'actorId' },
  ],
  ['MAP4', 'edit_invalid', 'a contact in someone else’s name', 'editor', (d) => appendContact(d, newId(), contact(people.steering)), { field: 'by' }],
  [
    'MAP4',
    'edit_invalid',
    'a contact backdated by an hour',
    'editor',
    (d) => appendContact(d, newId(), contact(people.editor, { at: Date.now() - 3_600_000 })),
    { field: 'at' },
  ],
  [
    'MAP6',
    'edit_forbidden',
    'steering marks an actor converted by hand',
    'steering',
    (d) => x(d, 'x1').set('status', 'converted'),
    { entity: 'actors/x1', field: 'status' },
  ],
  ['MAP6', 'edit_forbidden', 'steering names an actor’s partner by hand', 'steering', (d) => x(d, 'x1').set('partnerId', 'p-forged'), { field: 'partnerId' }],
]

const partners = () => admin.client.json<Partner[]>('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)
const convert = (who: TestMember, actorId: string, body: object = {}) =>
  who.client.request('POST', `/api/workspaces/${workspaceId}/actors/${actorId}/convert`, body)

describe('the map of actors on a real server with real providers', () => {
  it.each(REFUSED)('[%s] a %s refusal: %s — compensated, never displayed by others', async (rule, code, _label, who, edit, where) => {
    const author = await connect(people[who])
    const witness = await connect(admin)
    await waitFor(() => snapshot(author.doc, 'actors') === snapshot(witness.doc, 'actors'), { message: 'replicas equal before' })
    const before = snapshot(witness.doc, 'actors')
    const seen: string[] = []
    const record = () => seen.push(snapshot(witness.doc, 'actors'))
    witness.doc.on('afterTransaction', record)

    const errors = author.errors.length
    author.doc.transact(() => edit(author.doc))
    const error = await waitFor(() => author.errors[errors], { message: `${rule} error` })
    await waitFor(() => snapshot(author.doc, 'actors') === before, { message: 'author snaps back' })
    witness.doc.off('afterTransaction', record)

    expect(error).toMatchObject({ code, rule, ...where })
    expect(error.message.length).toBeGreaterThan(0)
    expect(snapshot(witness.doc, 'actors')).toBe(before)
    for (const state of seen) expect(state).toBe(before)
    expect(witness.errors).toEqual([])
    author.destroy()
    witness.destroy()
  })

  it('[MAP2] [MAP4] steering maps and scores an actor, an editor logs a contact; the observer sees both live', async () => {
    const steering = await connect(people.steering)
    const editor = await connect(people.editor)
    const observer = await connect(people.observer)
    actorsOf(steering.doc).set('x3', buildActor({ ...ACTOR, name: 'Université du Littoral', type: 'acteur_academique', scores: { c1: 2, c2: 5 } }))
    await waitFor(() => actorsOf(editor.doc).has('x3'), { message: 'the editor sees the actor' })
    appendContact(editor.doc, 'k-editor', contact(people.editor, { actorId: 'x3', how: 'call' }))
    await waitFor(() => contactLogOf(observer.doc).has('k-editor'), { message: 'the observer sees the contact' })
    expect(x(observer.doc, 'x3').get('scores')).toEqual({ c1: 2, c2: 5 })
    expect(steering.errors).toEqual([])
    expect(editor.errors).toEqual([])
    for (const c of [steering, editor, observer]) c.destroy()
  })

  it('[MAP7] an editor may not convert; steering converts once, the actor is marked with its partner live; twice is 409', async () => {
    const witness = await connect(people.observer)
    expect((await convert(people.editor, 'x1')).status).toBe(403)
    const res = await convert(people.steering, 'x1')
    expect(res.status).toBe(201)
    const { partnerId, invitationId } = (await res.json()) as { partnerId: string; invitationId: string | null }
    expect(invitationId).toBeNull()
    expect((await partners()).find((p) => p.id === partnerId)).toMatchObject({ name: ACTOR.name, type: 'fondation', family: 'acteurs_prives' })
    await waitFor(() => x(witness.doc, 'x1').get('status') === 'converted', { message: 'converted live' })
    expect(x(witness.doc, 'x1').get('partnerId')).toBe(partnerId)
    // Its contact log stays.
    expect(contactLogOf(witness.doc).has('k1')).toBe(true)

    const again = await convert(people.steering, 'x1')
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ error: { code: 'conflict', reason: 'actor_converted' } })
    expect((await partners()).filter((p) => p.name === ACTOR.name)).toHaveLength(1)
    expect((await convert(people.steering, 'ghost')).status).toBe(404)
    witness.destroy()
  })

  it('[MAP6] a converted actor keeps its status and cannot be removed by a live edit', async () => {
    const steering = await connect(people.steering)
    await waitFor(() => x(steering.doc, 'x1').get('status') === 'converted', { message: 'converted' })
    for (const [edit, field] of [
      [(d: Y.Doc) => x(d, 'x1').set('status', 'shortlisted'), 'status'],
      [(d: Y.Doc) => actorsOf(d).delete('x1'), undefined],
    ] as const) {
      const errors = steering.errors.length
      edit(steering.doc)
      const error = await waitFor(() => steering.errors[errors], { message: 'MAP6' })
      expect(error).toMatchObject({ code: 'edit_forbidden', rule: 'MAP6', entity: 'actors/x1', ...(field ? { field } : {}) })
      await waitFor(() => x(steering.doc, 'x1')?.get('status') === 'converted', { message: 'snaps back' })
    }
    steering.destroy()
  })

  it('[MAP7] admin converts and invites the representative: the invitation is in the dev outbox, bound to the new partner', async () => {
    const email = 'mairie@port-marin.example'
    const steeringTry = await convert(people.steering, 'x2', { invite: { email, role: 'editor' } })
    expect(steeringTry.status).toBe(403)
    expect((await partners()).some((p) => p.name === 'Commune de Port-Marin')).toBe(false)

    const res = await convert(admin, 'x2', { invite: { email, role: 'editor' } })
    expect(res.status).toBe(201)
    const { partnerId, invitationId } = (await res.json()) as { partnerId: string; invitationId: string }
    const invitations = await admin.client.json<{ id: string; email: string; partnerId: string | null; representative: boolean }[]>(
      'GET',
      `/api/workspaces/${workspaceId}/invitations`,
      undefined,
      200,
    )
    expect(invitations.find((i) => i.id === invitationId)).toMatchObject({ email, partnerId, representative: true })
    const outbox = await admin.client.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)
    const mail = outbox.find((m) => m.to === email)
    expect(mail?.text).toContain('/invitation/')
    expect(mail?.text).toContain('Commune de Port-Marin')
  })

  it('[MAP7] a conversion that fails halfway leaves no partner and the actor unconverted', async () => {
    const steering = await connect(people.steering)
    const witness = await connect(admin)
    actorsOf(steering.doc).set('x4', buildActor({ ...ACTOR, name: 'Réseau des Ressourceries', type: 'reseau_associatif', scores: {} }))
    await waitFor(() => actorsOf(witness.doc).has('x4'), { message: 'x4 reaches the server' })
    const before = (await partners()).length
    // The invitee is already a member: the invitation step fails after the partner was created.
    const res = await convert(admin, 'x4', { invite: { email: people.editor.email, role: 'editor' } })
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { reason: 'already_member' } })
    expect((await partners()).length).toBe(before)
    expect(x(steering.doc, 'x4').get('status')).toBe('identified')
    // An actor whose name a partner already has: refused before anything is written.
    actorsOf(steering.doc).set('x5', buildActor({ ...ACTOR, name: 'Association Littoral', type: 'association', scores: {} }))
    await waitFor(() => actorsOf(witness.doc).has('x5'), { message: 'x5 reaches the server' })
    const clash = await convert(people.steering, 'x5')
    expect(clash.status).toBe(409)
    expect((await partners()).length).toBe(before)
    expect(x(witness.doc, 'x5').get('status')).toBe('identified')
    expect(steering.errors).toEqual([])
    steering.destroy()
    witness.destroy()
  })

  it('[VAL1] [MAP1] [MAP4] the stored log of the map replays through valid states only', async () => {
    const { members, partners: list } = await admin.client.json<{ members: { userId: string; role: Role }[]; partners: { id: string }[] }>(
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
        list.map((p) => p.id),
      )
      const { snapshot: snap, updates } = await store.load({ workspaceId, docName: 'actors' })
      const rows = snap ? [snap, ...updates] : updates
      expect(rows.length).toBeGreaterThan(REFUSED.length)
      expect(firstInvalidState(rows, 'actors', context)).toBeNull()
    } finally {
      await store.close()
      await handle.close()
    }
  })
})
