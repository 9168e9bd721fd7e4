import {
  actionsOf,
  actualsOf,
  actualValidationsOf,
  appendActual,
  balanceSettingsOf,
  bodiesOf,
  buildAction,
  buildBody,
  freezePeriod,
  frozenPeriodsOf,
  keyBetween,
  planMetaOf,
  validateActualEntry,
  writeBalanceSettings,
  type ActualEntry,
  type Participation,
  type VoteView,
} from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { snapshot } from './rules-fixtures.ts'

/**
 * The partners' balance on a real server (SQLite, REST, websocket) with real y-websocket providers
 * (issue 18, item 5; SPEC BAL): each refused edit is compensated, its author gets the typed error,
 * a witness never displays it; actuals are declared by their partner's members, validated and
 * frozen by steering, never changed nor removed; a frozen period takes amendments only. Then the
 * participation route.
 */
let server: TestServer
let workspaceId: string
let partnerId: string
let otherPartnerId: string
let admin: TestMember
const people = {} as Record<'steering' | 'editor' | 'observer' | 'outsider', TestMember>
const open: DocClient[] = []

async function connect(who: TestMember): Promise<DocClient> {
  const client = await connectDoc(who.client, workspaceId, 'plan')
  open.push(client)
  await client.synced()
  return client
}

let seq = 0
const newId = () => `e-test-${++seq}`
const actual = (who: TestMember, extra: Partial<Record<keyof ActualEntry, unknown>> = {}): ActualEntry =>
  ({ partnerId, period: '2026', unit: 'jours_homme', amount: 4, comment: 'Animations du printemps', by: who.userId, at: Date.now(), ...extra }) as ActualEntry
const stamp = (who: TestMember, extra: Record<string, unknown> = {}) => ({ by: who.userId, at: Date.now(), ...extra }) as { by: string; at: number }

beforeAll(async () => {
  server = await startTestServer()
  const alliance = await createAlliance(server.url, ['steering', 'editor', 'observer'])
  workspaceId = alliance.workspaceId
  partnerId = alliance.partnerId
  admin = alliance.admin
  ;[people.steering, people.editor, people.observer] = alliance.members as [TestMember, TestMember, TestMember]
  ;({ id: otherPartnerId } = await admin.client.json<{ id: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/partners`,
    { name: 'Commune de Port-Marin', type: 'collectivite_territoriale' },
    201,
  ))
  people.outsider = await signUp(server.url, 'Éditrice autre partenaire')
  await addMember(admin.client, workspaceId, people.outsider, { role: 'editor', partnerId: otherPartnerId })

  const plan = await connect(people.steering)
  plan.doc.transact(() => {
    planMetaOf(plan.doc).set('start', '2026-01-01')
    planMetaOf(plan.doc).set('end', '2027-12-31')
    actionsOf(plan.doc).set(
      'a1',
      buildAction({
        title: 'Classes de mer',
        order: 'a0',
        status: 'in_progress',
        start: '2026-01-01',
        deadline: '2026-12-31',
        accountable: people.steering.userId,
        responsible: [people.editor.userId],
        resources: { r1: { label: 'Animation', amount: 20, unit: 'jours_homme', partnerId } },
      }),
    )
  })
  writeBalanceSettings(plan.doc, { rates: { jours_homme: 300, heures: 40, ETP: 50_000, unites: 0 }, periodLength: 'year', threshold: 20 })
  // The partner's editor declares, steering validates it; 2027 is frozen.
  const editor = await connect(people.editor)
  await waitFor(() => actionsOf(editor.doc).has('a1') && balanceSettingsOf(editor.doc).has('threshold'), { message: 'plan arrives' })
  appendActual(editor.doc, 'e1', actual(people.editor, { actionId: 'a1' }))
  await waitFor(() => actualsOf(plan.doc).has('e1'), { message: 'first actual stored' })
  validateActualEntry(plan.doc, 'e1', stamp(people.steering))
  appendActual(editor.doc, 'e2', actual(people.editor, { period: '2027', amount: 1 }))
  appendActual(editor.doc, 'e5', actual(people.editor, { amount: 2 }))
  await waitFor(() => actualsOf(plan.doc).has('e2') && actualsOf(plan.doc).has('e5'), { message: 'more actuals stored' })
  freezePeriod(plan.doc, '2027', stamp(people.steering))
  await waitFor(() => frozenPeriodsOf(editor.doc).has('2027') && actualValidationsOf(editor.doc).has('e1'), { message: 'validation and freeze arrive' })
  for (const client of open) expect(client.errors).toEqual([])
})

afterAll(async () => {
  for (const client of open) client.destroy()
  if (server) {
    await server.close()
    removeDir(server.dataDir)
  }
})

type Who = keyof typeof people | 'admin'
type Attempt = [
  rule: string,
  code: 'edit_forbidden' | 'edit_invalid',
  label: string,
  who: Who,
  edit: (doc: Y.Doc) => void,
  where?: { entity?: string; field?: string },
]
const member = (who: Who) => (who === 'admin' ? admin : people[who])

const REFUSED: Attempt[] = [
  [
    'BAL2',
    'edit_forbidden',
    'an editor changes the threshold',
    'editor',
    (d) => balanceSettingsOf(d).set('threshold', 90),
    { entity: 'balance', field: 'threshold' },
  ],
  [
    'BAL1',
    'edit_invalid',
    'a negative rate',
    'steering',
    (d) => writeBalanceSettings(d, { rates: { jours_homme: -1, heures: 40, ETP: 0, unites: 0 } }),
    { field: 'rates.jours_homme' },
  ],
  ['BAL1', 'edit_invalid', 'a threshold of 150 %', 'steering', (d) => balanceSettingsOf(d).set('threshold', 150), { field: 'threshold' }],
  [
    'BAL1',
    'edit_invalid',
    'the period length once actuals are declared',
    'steering',
    (d) => balanceSettingsOf(d).set('periodLength', 'quarter'),
    { field: 'periodLength' },
  ],
  ['PERM2', 'edit_forbidden', 'an observer of the partner declares', 'observer', (d) => appendActual(d, newId(), actual(people.observer))],
  [
    'BAL4',
    'edit_forbidden',
    'an editor of another partner declares for this one',
    'outsider',
    (d) => appendActual(d, newId(), actual(people.outsider)),
    { field: 'partnerId' },
  ],
  [
    'BAL4',
    'edit_forbidden',
    'steering of this partner declares for another partner',
    'steering',
    (d) => appendActual(d, newId(), actual(people.steering, { partnerId: otherPartnerId })),
    { field: 'partnerId' },
  ],
  [
    'BAL4',
    'edit_forbidden',
    'an editor of another partner amends this partner’s actual',
    'outsider',
    (d) => appendActual(d, newId(), actual(people.outsider, { amends: 'e1' })),
  ],
  ['BAL4', 'edit_invalid', 'an actual in someone else’s name', 'editor', (d) => appendActual(d, newId(), actual(people.steering)), { field: 'by' }],
  [
    'BAL4',
    'edit_invalid',
    'an actual stamped an hour ago',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { at: Date.now() - 3_600_000 })),
    { field: 'at' },
  ],
  [
    'BAL3',
    'edit_invalid',
    'an amount that is not a number',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { amount: 'quatre' })),
    { field: 'amount' },
  ],
  ['BAL3', 'edit_invalid', 'a negative amount', 'editor', (d) => appendActual(d, newId(), actual(people.editor, { amount: -4 })), { field: 'amount' }],
  [
    'BAL3',
    'edit_invalid',
    'a period the plan does not have',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { period: '2031' })),
    { field: 'period' },
  ],
  ['BAL3', 'edit_invalid', 'an unknown unit', 'editor', (d) => appendActual(d, newId(), actual(people.editor, { unit: 'bitcoins' })), { field: 'unit' }],
  [
    'BAL3',
    'edit_invalid',
    'a foreign partner (admin of no partner amends for it)',
    'admin',
    (d) => appendActual(d, newId(), actual(admin, { partnerId: 'foreign-partner', amends: 'e1' })),
    { field: 'partnerId' },
  ],
  [
    'BAL3',
    'edit_invalid',
    'an action that does not exist',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { actionId: 'ghost' })),
    { field: 'actionId' },
  ],
  [
    'BAL3',
    'edit_invalid',
    'an action to which the other partner brings nothing',
    'outsider',
    (d) => appendActual(d, newId(), actual(people.outsider, { partnerId: otherPartnerId, actionId: 'a1' })),
    { field: 'actionId' },
  ],
  [
    'BAL3',
    'edit_invalid',
    'an amendment of an actual that does not exist',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { amends: 'ghost' })),
    { field: 'amends' },
  ],
  [
    'BAL3',
    'edit_invalid',
    'an amendment in another period than the actual it amends',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { amends: 'e1', period: '2027' })),
    { field: 'amends' },
  ],
  [
    'BAL3',
    'edit_invalid',
    'a comment of 1,001 characters',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { comment: 'x'.repeat(1001) })),
    { field: 'comment' },
  ],
  [
    'BAL7',
    'edit_invalid',
    'a new actual on a frozen period',
    'editor',
    (d) => appendActual(d, newId(), actual(people.editor, { period: '2027' })),
    { field: 'period' },
  ],
  [
    'BAL7',
    'edit_invalid',
    'steering validates a non-amendment of a frozen period',
    'steering',
    (d) => validateActualEntry(d, 'e2', stamp(people.steering)),
    { entity: 'actualValidations/e2' },
  ],
  [
    'BAL5',
    'edit_forbidden',
    'the author overwrites their actual',
    'editor',
    (d) => actualsOf(d).set('e1', actual(people.editor, { amount: 40 })),
    { entity: 'actuals/e1' },
  ],
  ['BAL5', 'edit_forbidden', 'steering deletes an actual', 'steering', (d) => actualsOf(d).delete('e1'), { entity: 'actuals/e1' }],
  ['BAL5', 'edit_forbidden', 'steering withdraws a validation', 'steering', (d) => actualValidationsOf(d).delete('e1'), { entity: 'actualValidations/e1' }],
  ['BAL5', 'edit_forbidden', 'steering unfreezes a period', 'steering', (d) => frozenPeriodsOf(d).delete('2027'), { entity: 'frozenPeriods/2027' }],
  ['BAL6', 'edit_forbidden', 'an editor validates their own actual', 'editor', (d) => validateActualEntry(d, newId(), stamp(people.editor)), {}],
  ['BAL6', 'edit_forbidden', 'an editor freezes a period', 'editor', (d) => freezePeriod(d, '2026', stamp(people.editor)), { entity: 'frozenPeriods/2026' }],
  [
    'BAL6',
    'edit_invalid',
    'steering validates an actual that does not exist',
    'steering',
    (d) => validateActualEntry(d, 'ghost', stamp(people.steering)),
    { entity: 'actualValidations/ghost' },
  ],
  [
    'BAL6',
    'edit_invalid',
    'steering freezes a period the plan does not have',
    'steering',
    (d) => freezePeriod(d, '2031', stamp(people.steering)),
    { entity: 'frozenPeriods/2031' },
  ],
  ['BAL6', 'edit_invalid', 'a validation in someone else’s name', 'steering', (d) => validateActualEntry(d, 'e5', stamp(people.editor)), { field: 'by' }],
]

describe('the partners’ balance on a real server with real providers', () => {
  it.each(REFUSED)('[%s] a %s refusal: %s — compensated, never displayed by others', async (rule, code, _label, who, edit, where) => {
    const author = await connect(member(who))
    const witness = await connect(admin)
    await waitFor(() => snapshot(author.doc, 'plan') === snapshot(witness.doc, 'plan'), { message: 'replicas equal before' })
    const before = snapshot(witness.doc, 'plan')
    const seen: string[] = []
    const record = () => seen.push(snapshot(witness.doc, 'plan'))
    witness.doc.on('afterTransaction', record)

    const errors = author.errors.length
    author.doc.transact(() => edit(author.doc))
    const error = await waitFor(() => author.errors[errors], { message: `${rule} error` })
    await waitFor(() => snapshot(author.doc, 'plan') === before, { message: 'author snaps back' })
    witness.doc.off('afterTransaction', record)

    expect(error).toMatchObject({ code, rule, ...where })
    expect(error.message.length).toBeGreaterThan(0)
    expect(snapshot(witness.doc, 'plan')).toBe(before)
    for (const state of seen) expect(state).toBe(before)
    expect(witness.errors).toEqual([])
    author.destroy()
    witness.destroy()
  })

  it('[BAL4] [BAL7] an amendment on a frozen period is accepted, from the partner or from steering, then validated by steering; others see it', async () => {
    const editor = await connect(people.editor)
    const steering = await connect(people.steering)
    const witness = await connect(people.outsider)
    appendActual(editor.doc, 'e3', actual(people.editor, { period: '2027', amount: 2, amends: 'e2', comment: 'Recompté' }))
    await waitFor(() => actualsOf(steering.doc).has('e3'), { message: 'steering sees the amendment' })
    appendActual(steering.doc, 'e4', actual(people.steering, { period: '2027', amount: 3, amends: 'e3', comment: 'Corrigé en comité' }))
    await waitFor(() => actualsOf(steering.doc).has('e4'), { message: 'steering’s amendment stored' })
    validateActualEntry(steering.doc, 'e4', stamp(people.steering))
    await waitFor(() => actualValidationsOf(witness.doc).has('e4'), { message: 'witness sees the validation' })
    for (const client of [editor, steering, witness]) expect(client.errors).toEqual([])
  })

  it('[BAL10] participation: meetings attended, actions carried as A or R, votes cast, per partner', async () => {
    const base = `/api/workspaces/${workspaceId}/meetings`
    const governance = await connectDoc(admin.client, workspaceId, 'governance')
    open.push(governance)
    await governance.synced()
    bodiesOf(governance.doc).set(
      'copil',
      buildBody({
        name: 'Comité de pilotage',
        level: 'strategic',
        mandate: 'Pilote le plan d’action.',
        seats: { [partnerId]: 2, [otherPartnerId]: 1 },
        decisionRule: 'simple_majority',
        quorum: 1,
        cadence: 'monthly',
        chair: null,
        order: keyBetween(null, null),
        voting: { colleges: [], weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {} },
      }),
    )
    const meeting = await waitFor(
      async () => {
        const res = await admin.client.request('POST', base, {
          bodyId: 'copil',
          title: 'Comité de décembre',
          startsAt: '2026-12-08T14:00:00+01:00',
          endsAt: '2026-12-08T16:00:00+01:00',
          place: 'Mairie',
          videoUrl: null,
        })
        return res.status === 201 ? ((await res.json()) as { id: string }) : null
      },
      { message: 'meeting scheduled' },
    )
    for (const who of [people.steering, people.editor]) {
      expect((await admin.client.request('PUT', `${base}/${meeting.id}/attendance`, { userId: who.userId, status: 'present' })).status).toBe(200)
    }
    expect((await admin.client.request('PUT', `${base}/${meeting.id}/attendance`, { userId: people.outsider.userId, status: 'absent' })).status).toBe(200)
    const vote = await admin.client.json<VoteView>('POST', `${base}/${meeting.id}/votes`, { question: 'Adopter le bilan' }, 201)
    await people.steering.client.json('POST', `${base}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)
    await people.editor.client.json('POST', `${base}/${meeting.id}/votes/${vote.id}/ballots`, { choice: 'for' }, 201)

    // Every member reads it; the other partner is there with zeros.
    const answer = await people.observer.client.json<Participation>('GET', `/api/workspaces/${workspaceId}/balance/participation`, undefined, 200)
    expect(answer.meetings).toBe(1)
    const byPartner = Object.fromEntries(answer.partners.map((p) => [p.partnerId, p]))
    expect(byPartner[partnerId]).toEqual({ partnerId, meetingsAttended: 1, accountable: 1, responsible: 1, votesCast: 2 })
    expect(byPartner[otherPartnerId]).toEqual({ partnerId: otherPartnerId, meetingsAttended: 0, accountable: 0, responsible: 0, votesCast: 0 })

    // Outsiders get nothing; a malformed workspace id is refused in the API's error shape.
    const stranger = await signUp(server.url, 'Inconnue')
    const refused = await stranger.client.request('GET', `/api/workspaces/${workspaceId}/balance/participation`)
    expect(refused.status).toBe(404)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })
})
