import {
  appendIndicatorValue,
  buildIndicator,
  buildObjective,
  buildQuestion,
  indicatorsOf,
  objectivesOf,
  planMetaOf,
  questionsOf,
  type Indicator,
  type IndicatorValue,
  keysAfter,
  LIMITS,
  type Role,
} from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '@ensemble/server/db'
import { SqliteDocStore } from '@ensemble/server/storage'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { contextOf, firstInvalidState, snapshot } from './rules-fixtures.ts'

/**
 * Objectives, indicators and evaluation questions on a real server (SQLite, REST, websocket) with
 * real y-websocket providers (issue 18): each refused edit is compensated, its author gets the
 * typed error, a witness never displays it; values are appended by the responsible partner's
 * members only, never changed nor removed; « validé » needs SMART; the stored log replays through
 * valid states only.
 */
let server: TestServer
let closed = false
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

const INDICATOR: Omit<Indicator, 'values'> = {
  objectiveId: 'o1',
  name: 'Classes accueillies',
  family: 'results',
  unit: 'classes',
  baseline: 10,
  target: 40,
  targetDate: '2027-06-30',
  source: 'Registre des séjours',
  frequency: 'quarterly',
  partnerId: '',
  purposes: ['monitor', 'prove'],
}

const entry = (who: TestMember, value: unknown, extra: Partial<IndicatorValue> = {}): IndicatorValue =>
  ({ value, date: '2026-03-31', comment: 'Premier trimestre', by: who.userId, at: Date.now(), ...extra }) as IndicatorValue

const i1 = (d: Y.Doc) => indicatorsOf(d).get('i1')!
const values = (d: Y.Doc) => i1(d).get('values') as Y.Map<unknown>
const o = (d: Y.Doc, id: string) => objectivesOf(d).get(id)!
let valueSeq = 0
/** Valid order keys for bulk entries. */
const ORDERS = keysAfter('a9', 600)
const newValueId = () => `v-test-${++valueSeq}`

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

  // Steering lays out the objectives through a provider, like the page does.
  const plan = await connect(people.steering)
  plan.doc.transact(() => {
    planMetaOf(plan.doc).set('start', '2026-01-01')
    planMetaOf(plan.doc).set('end', '2027-12-31')
    objectivesOf(plan.doc).set(
      's1',
      buildObjective({
        kind: 'strategic',
        title: 'Le littoral, classe ouverte',
        horizon: 4,
        vision: 'Chaque enfant du territoire découvre la mer.',
        order: 'a0',
      }),
    )
    objectivesOf(plan.doc).set(
      'o1',
      buildObjective({
        kind: 'operational',
        title: 'Classes de mer',
        statement: 'Accueillir 40 classes par an',
        parentId: 's1',
        partnerIds: [partnerId],
        targetDate: '2027-06-30',
        resources: '2 animateurs, 1 car',
        status: 'validated',
        order: 'a1',
      }),
    )
    objectivesOf(plan.doc).set(
      'o2',
      buildObjective({
        kind: 'operational',
        title: 'Sentiers',
        statement: '',
        parentId: 's1',
        partnerIds: [],
        targetDate: null,
        resources: '',
        status: 'draft',
        order: 'a2',
      }),
    )
    indicatorsOf(plan.doc).set('i1', buildIndicator({ ...INDICATOR, partnerId }))
    questionsOf(plan.doc).set(
      'q1',
      buildQuestion({ text: 'Les classes de mer changent-elles le regard des enfants ?', objectiveIds: ['o1'], indicatorIds: ['i1'], order: 'a0' }),
    )
  })
  // The partner's editor enters the first value.
  const editor = await connect(people.editor)
  await waitFor(() => indicatorsOf(editor.doc).has('i1'), { message: 'indicator arrives' })
  appendIndicatorValue(i1(editor.doc), 'v1', entry(people.editor, 12))
  await waitFor(() => values(plan.doc).has('v1'), { message: 'first value stored' })
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
  [
    'PERM8',
    'edit_forbidden',
    'an editor adds an objective',
    'editor',
    (d) => objectivesOf(d).set('o9', buildObjective({ kind: 'strategic', title: 'Le mien', horizon: 3, vision: '', order: 'a9' })),
    { entity: 'objectives/o9' },
  ],
  [
    'PERM8',
    'edit_forbidden',
    'an editor of the responsible partner moves the target',
    'editor',
    (d) => i1(d).set('target', 20),
    { entity: 'indicators/i1', field: 'target' },
  ],
  [
    'PERM2',
    'edit_forbidden',
    'an observer of the responsible partner enters a value',
    'observer',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.observer, 14)),
  ],
  [
    'PERM12',
    'edit_forbidden',
    'an editor of another partner enters a value',
    'outsider',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.outsider, 14)),
  ],
  [
    'PERM12',
    'edit_forbidden',
    'a value entered in someone else’s name',
    'editor',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.steering, 14)),
    { field: 'by' },
  ],
  [
    'PERM12',
    'edit_forbidden',
    'a value stamped an hour ago',
    'editor',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.editor, 14, { at: Date.now() - 3_600_000 })),
    { field: 'at' },
  ],
  [
    'PERM13',
    'edit_forbidden',
    'the author overwrites their value',
    'editor',
    (d) => values(d).set('v1', entry(people.editor, 99)),
    { entity: 'indicators/i1/values/v1' },
  ],
  ['PERM13', 'edit_forbidden', 'the author deletes their value', 'editor', (d) => values(d).delete('v1'), { entity: 'indicators/i1/values/v1' }],
  ['PERM13', 'edit_forbidden', 'steering deletes a value', 'steering', (d) => values(d).delete('v1')],
  ['PERM13', 'edit_forbidden', 'steering replaces the whole value list', 'steering', (d) => i1(d).set('values', new Y.Map()), { field: 'values' }],
  [
    'PERM13',
    'edit_forbidden',
    'steering deletes an indicator that holds values',
    'steering',
    (d) => {
      // Its objective is put back to draft in the same edit, so only the values can refuse it.
      o(d, 'o1').set('status', 'draft')
      indicatorsOf(d).delete('i1')
    },
    { entity: 'indicators/i1', field: 'values' },
  ],
  [
    'PERM13',
    'edit_forbidden',
    'steering replaces an indicator that holds values by a new one',
    'steering',
    (d) => indicatorsOf(d).set('i1', buildIndicator({ ...INDICATOR, partnerId })),
    { entity: 'indicators/i1', field: 'values' },
  ],
  [
    'IND4',
    'edit_invalid',
    'a value that is not a number',
    'editor',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.editor, '14')),
    { field: 'value' },
  ],
  [
    'IND4',
    'edit_invalid',
    'a value on a date that does not exist',
    'editor',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.editor, 14, { date: '2026-02-30' })),
    { field: 'date' },
  ],
  [
    'IND4',
    'edit_invalid',
    'a correction of a value that does not exist',
    'editor',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.editor, 14, { corrects: 'ghost' })),
    { field: 'corrects' },
  ],
  [
    'IND4',
    'edit_invalid',
    'a comment of 1,001 characters',
    'editor',
    (d) => appendIndicatorValue(i1(d), newValueId(), entry(people.editor, 14, { comment: 'x'.repeat(1001) })),
    { field: 'comment' },
  ],
  [
    'IND4',
    'edit_invalid',
    'a new indicator that comes with values',
    'steering',
    (d) => {
      // Written in the same transaction as the indicator: its values arrive inside the new indicator.
      const map = indicatorsOf(d).set('i9', buildIndicator({ ...INDICATOR, objectiveId: 'o2', partnerId }))
      ;(map.get('values') as Y.Map<unknown>).set('v0', entry(people.steering, 1))
    },
    { entity: 'indicators/i9', field: 'values' },
  ],
  [
    'IND1',
    'edit_invalid',
    'an indicator without a unit',
    'steering',
    (d) => indicatorsOf(d).set('i9', buildIndicator({ ...INDICATOR, objectiveId: 'o2', unit: '', partnerId })),
    { entity: 'indicators/i9', field: 'unit' },
  ],
  ['IND1', 'edit_invalid', 'a target that is not a number', 'steering', (d) => i1(d).set('target', 'quarante'), { field: 'target' }],
  [
    'IND2',
    'edit_invalid',
    'an indicator of a strategic objective',
    'steering',
    (d) => indicatorsOf(d).set('i9', buildIndicator({ ...INDICATOR, objectiveId: 's1', partnerId })),
    { field: 'objectiveId' },
  ],
  [
    'IND2',
    'edit_invalid',
    'a responsible partner from outside the alliance',
    'steering',
    (d) => i1(d).set('partnerId', 'foreign-partner'),
    { field: 'partnerId' },
  ],
  ['IND3', 'edit_invalid', 'an indicator’s target date after the plan', 'steering', (d) => i1(d).set('targetDate', '2030-01-01'), { field: 'targetDate' }],
  [
    'OBJ1',
    'edit_invalid',
    'an oversized statement',
    'steering',
    (d) => o(d, 'o2').set('statement', 'x'.repeat(5001)),
    { entity: 'objectives/o2', field: 'statement' },
  ],
  [
    'OBJ1',
    'edit_invalid',
    'a statement on a strategic objective',
    'steering',
    (d) => o(d, 's1').set('statement', 'x'),
    { entity: 'objectives/s1', field: 'statement' },
  ],
  ['OBJ2', 'edit_invalid', 'a strategic horizon of 10 years', 'steering', (d) => o(d, 's1').set('horizon', 10), { field: 'horizon' }],
  [
    'OBJ3',
    'edit_invalid',
    'a carrying partner from outside the alliance',
    'steering',
    (d) => o(d, 'o2').set('partnerIds', ['foreign-partner']),
    { field: 'partnerIds' },
  ],
  ['OBJ3', 'edit_invalid', 'an operational parent', 'steering', (d) => o(d, 'o2').set('parentId', 'o1'), { field: 'parentId' }],
  [
    'OBJ4',
    'edit_invalid',
    'a target date outside the plan period',
    'steering',
    (d) => o(d, 'o2').set('targetDate', '2028-03-01'),
    { entity: 'objectives/o2', field: 'targetDate' },
  ],
  ['OBJ4', 'edit_invalid', 'a plan period that would leave a target date out', 'steering', (d) => planMetaOf(d).set('end', '2026-12-31'), { entity: 'meta' }],
  [
    'OBJ5',
    'edit_invalid',
    'validating an objective that is not SMART',
    'steering',
    (d) => o(d, 'o2').set('status', 'validated'),
    { entity: 'objectives/o2', field: 'status' },
  ],
  [
    'OBJ5',
    'edit_invalid',
    'emptying the resources of a validated objective',
    'steering',
    (d) => o(d, 'o1').set('resources', ''),
    { entity: 'objectives/o1', field: 'status' },
  ],
  [
    'OBJ5',
    'edit_invalid',
    'moving the only indicator of a validated objective to another one',
    'steering',
    (d) => i1(d).set('objectiveId', 'o2'),
    { entity: 'objectives/o1', field: 'status' },
  ],
  [
    'OBJ6',
    'edit_invalid',
    'deleting a strategic objective that has operational ones',
    'steering',
    (d) => objectivesOf(d).delete('s1'),
    { entity: 'objectives/s1' },
  ],
  [
    'EVQ1',
    'edit_invalid',
    'a question linked to an indicator that does not exist',
    'steering',
    (d) => questionsOf(d).get('q1')!.set('indicatorIds', ['ghost']),
    { entity: 'questions/q1', field: 'indicatorIds' },
  ],
]

describe('objectives and indicators on a real server with real providers', () => {
  it.each(REFUSED)('[%s] a %s refusal: %s — compensated, never displayed by others', async (rule, code, _label, who, edit, where) => {
    const author = await connect(people[who])
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

  it('[PERM12] [IND4] a member of the responsible partner appends a value and a correction; others see both', async () => {
    const editor = await connect(people.editor)
    const witness = await connect(people.outsider)
    appendIndicatorValue(i1(editor.doc), 'v2', entry(people.editor, 18, { date: '2026-06-30', comment: 'Deuxième trimestre' }))
    appendIndicatorValue(i1(editor.doc), 'v3', entry(people.editor, 17, { date: '2026-06-30', comment: 'Recompté', corrects: 'v2' }))
    await waitFor(() => values(witness.doc).has('v3'), { message: 'witness sees the correction' })
    expect(values(witness.doc).get('v2')).toMatchObject({ value: 18, by: people.editor.userId })
    expect(values(witness.doc).get('v3')).toMatchObject({ value: 17, corrects: 'v2' })
    expect(editor.errors).toEqual([])
    editor.destroy()
    witness.destroy()
  })

  it('[PERM13] [OBJ5] an indicator without values may be deleted (once no validated objective needs it)', async () => {
    const steering = await connect(people.steering)
    const witness = await connect(admin)
    indicatorsOf(steering.doc).set('i-empty', buildIndicator({ ...INDICATOR, name: 'Sans valeur', partnerId }))
    await waitFor(() => indicatorsOf(witness.doc).has('i-empty'), { message: 'created' })
    indicatorsOf(steering.doc).delete('i-empty')
    await waitFor(() => !indicatorsOf(witness.doc).has('i-empty'), { message: 'deleted everywhere' })
    expect(steering.errors).toEqual([])
    steering.destroy()
    witness.destroy()
  })

  it('[OBJ5] the refusal names the missing SMART letters, in the author’s language', async () => {
    const steering = await connect(people.steering)
    const errors = steering.errors.length
    o(steering.doc, 'o2').set('status', 'validated')
    const error = await waitFor(() => steering.errors[errors], { message: 'OBJ5' })
    expect(error.message).toContain('S (Spécifique')
    expect(error.message).toContain('M (Mesurable')
    expect(error.message).toContain('T (Temporellement')
    steering.destroy()
  })

  it('[OBJ5] steering completes the five letters, then validates: accepted', async () => {
    const steering = await connect(people.steering)
    const witness = await connect(people.editor)
    steering.doc.transact(() => {
      const o2 = o(steering.doc, 'o2')
      o2.set('statement', 'Baliser 12 km de sentier du littoral')
      o2.set('resources', 'Brigade verte de la commune')
      o2.set('targetDate', '2027-09-30')
      o2.set('partnerIds', [otherPartnerId])
      indicatorsOf(steering.doc).set(
        'i2',
        buildIndicator({
          ...INDICATOR,
          objectiveId: 'o2',
          name: 'Sentier balisé',
          unit: 'km',
          baseline: 0,
          target: 12,
          targetDate: '2027-09-30',
          partnerId: otherPartnerId,
        }),
      )
    })
    await waitFor(() => indicatorsOf(witness.doc).has('i2'), { message: 'indicator arrives' })
    o(steering.doc, 'o2').set('status', 'validated')
    await waitFor(() => o(witness.doc, 'o2').get('status') === 'validated', { message: 'validated everywhere' })
    expect(steering.errors).toEqual([])
    steering.destroy()
    witness.destroy()
  })

  it('[OBJ1] [IND4] [EVQ1] counts are bounded: the objective, the value and the question past the limit are refused', async () => {
    const steering = await connect(people.steering)
    const editor = await connect(people.editor)
    /** `fill` up to the limit is accepted (the witness shows it), then `last` is refused by `rule`. */
    const refusedAfter = async (client: DocClient, fill: (d: Y.Doc) => void, filled: (d: Y.Doc) => boolean, last: (d: Y.Doc) => void, rule: string) => {
      const witness = client === steering ? editor : steering
      const earlier = client.errors.length
      client.doc.transact(() => fill(client.doc))
      await waitFor(() => filled(witness.doc), { message: `${rule}: filled to the limit, accepted` })
      expect(client.errors.length).toBe(earlier)
      client.doc.transact(() => last(client.doc))
      const error = await waitFor(() => client.errors[earlier], { message: `${rule} past the limit` })
      expect(error).toMatchObject({ code: 'edit_invalid', rule })
    }
    const objectives = objectivesOf(steering.doc)
    const strategic = (n: number) => buildObjective({ kind: 'strategic', title: `Objectif ${n}`, horizon: 3, vision: '', order: ORDERS[n]! })
    await refusedAfter(
      steering,
      (d) => {
        for (let n = objectives.size; n < LIMITS.maxObjectives; n++) objectivesOf(d).set(`bulk${n}`, strategic(n))
      },
      (d) => objectivesOf(d).size === LIMITS.maxObjectives,
      (d) => objectivesOf(d).set('one-too-many', strategic(0)),
      'OBJ1',
    )
    await waitFor(() => objectivesOf(steering.doc).size === LIMITS.maxObjectives, { message: 'back to the limit' })

    const valuesNow = values(editor.doc).size
    await refusedAfter(
      editor,
      (d) => {
        for (let n = valuesNow; n < LIMITS.maxIndicatorValues; n++) appendIndicatorValue(i1(d), `bulk${n}`, entry(people.editor, n))
      },
      (d) => values(d).size === LIMITS.maxIndicatorValues,
      (d) => appendIndicatorValue(i1(d), 'one-too-many', entry(people.editor, 0)),
      'IND4',
    )
    expect(values(editor.doc).size).toBe(LIMITS.maxIndicatorValues)

    const question = (n: number) => buildQuestion({ text: `Question ${n} ?`, objectiveIds: [], indicatorIds: [], order: ORDERS[n]! })
    await refusedAfter(
      steering,
      (d) => {
        for (let n = questionsOf(d).size; n < LIMITS.maxEvaluationQuestions; n++) questionsOf(d).set(`bulk${n}`, question(n))
      },
      (d) => questionsOf(d).size === LIMITS.maxEvaluationQuestions,
      (d) => questionsOf(d).set('one-too-many', question(0)),
      'EVQ1',
    )
    steering.destroy()
    editor.destroy()
  })

  it('[VAL1] [OBJ1] [IND4] the stored log of the plan replays through valid states only', async () => {
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
      const { snapshot: snap, updates } = await store.load({ workspaceId, docName: 'plan' })
      const rows = snap ? [snap, ...updates] : updates
      expect(rows.length).toBeGreaterThan(REFUSED.length)
      expect(firstInvalidState(rows, 'plan', context)).toBeNull()
    } finally {
      await store.close()
      await handle.close()
    }
  })
})
