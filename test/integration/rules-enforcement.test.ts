import {
  actionsOf,
  bodiesOf,
  buildAction,
  contentOf,
  documentMetaOf,
  MAX_NODE_DEPTH,
  MESSAGE,
  planMetaOf,
  type ActionMap,
  type ErrorCode,
  type Role,
  type RuleId,
} from '@ensemble/shared'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { RoomRegistry } from '@ensemble/server/collab'
import { docFrom } from '../contracts/docStore.contract.ts'
import { identity, MemoryNetwork, type MemoryClient } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { nestedQuotes } from '../helpers/richTextBlocks.ts'
import { contextOf, PEOPLE, seedGovernance, seedPlan, seedRichText, snapshot, violationsIn, type Person } from './rules-fixtures.ts'

/**
 * Every permission and validation rule enforced by the edit pipeline, deterministically over the
 * in-memory network: the author's edit is applied, checked, compensated when refused, stored and
 * broadcast with its compensation; the author gets a typed error; a witness never observes the
 * refused state; the store replays to a valid state.
 */
let members: Record<string, Role>
let partners: string[]
let store: MemoryDocStore
let rooms: RoomRegistry
let net: MemoryNetwork
let loads: number

beforeEach(() => {
  members = { ...PEOPLE }
  partners = ['p1', 'p2']
  store = new MemoryDocStore()
  loads = 0
  rooms = new RoomRegistry({
    store,
    roomIdleMs: 60_000,
    loadWorkspaceContext: async () => {
      loads++
      return contextOf(members, partners)
    },
  })
  net = new MemoryNetwork(rooms)
})
afterEach(async () => {
  await rooms.closeAll()
})

const SEEDS: Record<string, (doc: Y.Doc) => void> = {
  plan: seedPlan,
  governance: seedGovernance,
  charter: (doc) => seedRichText(doc, 'draft'),
  agreement: (doc) => seedRichText(doc, 'proposed'),
  convention: (doc) => seedRichText(doc, 'adopted'),
}

/** Opens `docName` for `who` (and a witness), seeding the document through the server first. */
async function open(docName: string, who: Person, locale: 'fr' | 'en' = 'fr'): Promise<{ author: MemoryClient; witness: MemoryClient }> {
  const witness = net.connect(identity({ userId: 'witness', role: 'admin', docName }))
  await net.settle()
  const room = rooms.get({ workspaceId: 'w1', docName })!
  if (docName === 'minutes:m1') {
    await room.applyServerChange((doc) => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Ouverture de séance')])
      contentOf(doc).insert(0, [paragraph])
    })
  } else await room.applyServerChange(SEEDS[docName]!)
  const author = net.connect(identity({ userId: who, role: members[who]!, docName, locale }))
  await net.settle()
  return { author, witness }
}

interface Outcome {
  error: { code: ErrorCode; rule?: string; entity: string; field?: string; message: string } | null
  before: string
  after: string
  authorAfter: string
  /** Every state the witness displayed while the edit travelled. */
  seen: string[]
}

/** `who` makes `edit` on `docName`; returns what the author and a witness ended up with. */
async function attempt(docName: string, who: Person, edit: (doc: Y.Doc) => void, locale: 'fr' | 'en' = 'fr'): Promise<Outcome> {
  const { author, witness } = await open(docName, who, locale)
  const before = snapshot(witness.doc, docName)
  const seen: string[] = []
  const record = () => seen.push(snapshot(witness.doc, docName))
  witness.doc.on('afterTransaction', record)
  author.doc.transact(() => edit(author.doc))
  await net.settle()
  witness.doc.off('afterTransaction', record)
  return {
    error: (author.errors[0] as Outcome['error']) ?? null,
    before,
    after: snapshot(witness.doc, docName),
    authorAfter: snapshot(author.doc, docName),
    seen,
  }
}

async function storedDoc(docName: string): Promise<Y.Doc> {
  return docFrom(await store.load({ workspaceId: 'w1', docName }))
}

/** The edit was refused by `rule`: undone everywhere, never seen, stored state valid and unchanged. */
async function expectRefused(outcome: Outcome, docName: string, rule: RuleId, code: ErrorCode, where: { entity?: string; field?: string } = {}) {
  expect(outcome.error, 'the author is told').toMatchObject({ code, rule, ...where })
  expect(outcome.after, 'the witness is back to the valid state').toBe(outcome.before)
  expect(outcome.authorAfter, 'the author snaps back').toBe(outcome.before)
  for (const state of outcome.seen) expect(state, 'the witness never displays the refused state').toBe(outcome.before)
  const stored = await storedDoc(docName)
  expect(snapshot(stored, docName), 'the store replays to the valid state').toBe(outcome.before)
  expect(violationsIn(stored, docName, contextOf(members, partners))).toEqual([])
}

async function expectAccepted(outcome: Outcome, docName: string) {
  expect(outcome.error).toBeNull()
  expect(outcome.after).not.toBe(outcome.before)
  expect(outcome.authorAfter).toBe(outcome.after)
  const stored = await storedDoc(docName)
  expect(snapshot(stored, docName)).toBe(outcome.after)
  expect(violationsIn(stored, docName, contextOf(members, partners))).toEqual([])
}

const a1 = (doc: Y.Doc): ActionMap => actionsOf(doc).get('a1')!
const p1 = (doc: Y.Doc): ActionMap => actionsOf(doc).get('p1')!
const list = (action: ActionMap, field: string) => action.get(field) as Y.Array<string>
const milestones = (action: ActionMap) => action.get('milestones') as Y.Map<Y.Map<unknown>>
const resources = (action: ActionMap) => action.get('resources') as Y.Map<Y.Map<unknown>>
const firstText = (doc: Y.Doc) => (contentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText

type Case = [rule: RuleId, label: string, who: Person, docName: string, edit: (doc: Y.Doc) => void, where?: { entity?: string; field?: string }]

const FORBIDDEN: Case[] = [
  ['PERM2', 'an observer sets a title', 'ob', 'plan', (d) => p1(d).set('title', 'Piratée')],
  ['PERM2', 'a commenter writes into the charter', 'co', 'charter', (d) => firstText(d).insert(0, 'x')],
  ['PERM2', 'an observer adds a body', 'ob', 'governance', (d) => bodiesOf(d).delete('b1')],
  [
    'PERM3',
    'an editor creates a planned action',
    'eo',
    'plan',
    (d) =>
      actionsOf(d).set(
        'n1',
        buildAction({
          title: 'Planifiée',
          order: 'a2',
          status: 'planned',
          start: '2026-02-01',
          deadline: '2026-03-01',
          accountable: 'eo',
          responsible: ['eo'],
        }),
      ),
    { entity: 'actions/n1' },
  ],
  [
    'PERM3',
    'an editor proposes with someone accountable',
    'eo',
    'plan',
    (d) => actionsOf(d).set('n1', buildAction({ title: 'Proposée', order: 'a2', accountable: 'eo' })),
    { entity: 'actions/n1' },
  ],
  ['PERM3', 'an editor deletes a proposal', 'eo', 'plan', (d) => actionsOf(d).delete('p1'), { entity: 'actions/p1' }],
  ['PERM3', 'the accountable editor deletes their action', 'ea', 'plan', (d) => actionsOf(d).delete('a1'), { entity: 'actions/a1' }],
  ['PERM3', 'an editor reorders an action', 'ea', 'plan', (d) => a1(d).set('order', 'a3'), { entity: 'actions/a1', field: 'order' }],
  ['PERM5', 'the accountable editor moves the deadline', 'ea', 'plan', (d) => a1(d).set('deadline', '2026-10-31'), { entity: 'actions/a1', field: 'deadline' }],
  ['PERM5', 'the responsible editor renames the action', 'er', 'plan', (d) => a1(d).set('title', 'Autre titre'), { field: 'title' }],
  ['PERM5', 'the responsible editor makes themself accountable', 'er', 'plan', (d) => a1(d).set('accountable', 'er'), { field: 'accountable' }],
  ['PERM5', 'an editor adds themself as responsible', 'eo', 'plan', (d) => list(a1(d), 'responsible').push(['eo']), { field: 'responsible' }],
  ['PERM5', 'the accountable editor consults someone', 'ea', 'plan', (d) => list(a1(d), 'consulted').push(['eo']), { field: 'consulted' }],
  ['PERM5', 'the responsible editor changes a resource', 'er', 'plan', (d) => resources(a1(d)).get('r1')!.set('amount', 5000), { field: 'resources' }],
  ['PERM6', 'an editor updates the progress of an action that is not theirs', 'eo', 'plan', (d) => a1(d).set('progress', 50), { field: 'progress' }],
  [
    'PERM6',
    'an editor ticks a milestone of an action that is not theirs',
    'eo',
    'plan',
    (d) => milestones(a1(d)).get('m1')!.set('done', true),
    { field: 'milestones' },
  ],
  [
    'PERM6',
    'an editor rewrites the description of an action that is not theirs',
    'eo',
    'plan',
    (d) => (a1(d).get('description') as Y.Text).insert(0, 'x'),
    { field: 'description' },
  ],
  ['PERM7', 'the responsible editor cancels the action', 'er', 'plan', (d) => a1(d).set('status', 'cancelled'), { field: 'status' }],
  ['PERM7', 'the accountable editor sends it back to proposal', 'ea', 'plan', (d) => a1(d).set('status', 'proposed'), { field: 'status' }],
  ['PERM8', 'an editor changes the plan’s period', 'ea', 'plan', (d) => planMetaOf(d).set('end', '2028-12-31'), { entity: 'meta', field: 'end' }],
  ['PERM8', 'an editor adds an objective', 'ea', 'plan', (d) => d.getMap('objectives').set('o1', new Y.Map([['title', 'Objectif']]))],
  ['PERM8', 'an editor changes a quorum', 'ea', 'governance', (d) => bodiesOf(d).get('b1')!.set('quorum', 1)],
  ['PERM8', 'an editor adds a meeting', 'ea', 'governance', (d) => d.getMap('meetings').set('r1', new Y.Map([['date', '2026-02-01']]))],
  ['PERM9', 'an editor edits a document submitted for adoption', 'eo', 'agreement', (d) => firstText(d).insert(0, 'x'), { entity: 'content' }],
  [
    'PERM10',
    'an editor submits a draft for adoption',
    'eo',
    'charter',
    (d) => documentMetaOf(d).set('status', 'proposed'),
    { entity: 'meta', field: 'status' },
  ],
  ['PERM10', 'an editor changes the adopted version', 'eo', 'charter', (d) => documentMetaOf(d).set('adoptedVersionId', 'v9'), { field: 'adoptedVersionId' }],
  ['PERM10', 'an admin types into an adopted document', 'ad', 'convention', (d) => firstText(d).insert(0, 'x'), { entity: 'content' }],
  [
    'PERM10',
    'steering reopens an adopted document outside sign-off',
    'st',
    'convention',
    (d) => documentMetaOf(d).set('status', 'draft'),
    { entity: 'meta', field: 'status' },
  ],
  [
    'PERM10',
    'an admin adopts a proposed document outside sign-off',
    'ad',
    'agreement',
    (d) => documentMetaOf(d).set('status', 'adopted'),
    { entity: 'meta', field: 'status' },
  ],
  [
    'PERM10',
    'steering writes an unknown status (no status change outside sign-off, valid or not)',
    'st',
    'charter',
    (d) => documentMetaOf(d).set('status', 'frozen'),
    { entity: 'meta', field: 'status' },
  ],
  [
    'PERM10',
    'steering submits a draft outside sign-off',
    'st',
    'charter',
    (d) => documentMetaOf(d).set('status', 'proposed'),
    { entity: 'meta', field: 'status' },
  ],
  [
    'PERM8',
    'an editor sets the charter’s adoption rules',
    'eo',
    'charter',
    (d) => documentMetaOf(d).set('adoptionRules', { agreement: 'majority' }),
    { entity: 'meta', field: 'adoptionRules' },
  ],
  ['PERM10', 'steering renames an adopted document', 'st', 'convention', (d) => documentMetaOf(d).set('title', 'Autre'), { entity: 'meta', field: 'title' }],
  [
    'PERM10',
    'an admin reopens and edits an adopted document in one go',
    'ad',
    'convention',
    (d) => {
      documentMetaOf(d).set('status', 'draft')
      firstText(d).insert(0, 'x')
    },
  ],
]

const INVALID: Case[] = [
  ['VAL1', 'an unknown field on an action', 'st', 'plan', (d) => a1(d).set('hack', 1), { entity: 'actions/a1', field: 'hack' }],
  ['VAL1', 'a description replaced by plain text', 'st', 'plan', (d) => a1(d).set('description', 'plain'), { field: 'description' }],
  [
    'VAL22',
    'list content written into the actions map',
    'st',
    'plan',
    (d) => {
      // Actions written as if they were an array: invisible to the map API, still stored if accepted.
      const hostile = new Y.Doc()
      hostile.getArray('actions').push([1])
      Y.applyUpdate(d, Y.encodeStateAsUpdate(hostile))
    },
  ],
  [
    'VAL1',
    'a milestone field that is a shared type',
    'st',
    'plan',
    (d) => milestones(a1(d)).get('m1')!.set('done', new Y.Text('oui')),
    { entity: 'actions/a1/milestones/m1', field: 'done' },
  ],
  [
    'VAL2',
    'a milestone title that is a shared type',
    'st',
    'plan',
    (d) => milestones(a1(d)).get('m1')!.set('title', new Y.Text('x')),
    { entity: 'actions/a1/milestones/m1', field: 'title' },
  ],
  ['VAL2', 'an empty action title', 'st', 'plan', (d) => a1(d).set('title', '  '), { field: 'title' }],
  ['VAL2', 'an editor co-editing a proposal empties its title', 'eo', 'plan', (d) => p1(d).set('title', ''), { entity: 'actions/p1', field: 'title' }],
  ['VAL3', 'no accountable on a planned action', 'st', 'plan', (d) => a1(d).set('accountable', null), { field: 'accountable' }],
  [
    'VAL3',
    'steering accepts a proposal without an accountable',
    'st',
    'plan',
    (d) => {
      p1(d).set('status', 'planned')
      p1(d).set('start', '2026-02-01')
      p1(d).set('deadline', '2026-03-01')
      list(p1(d), 'responsible').push(['er'])
    },
    { entity: 'actions/p1', field: 'accountable' },
  ],
  ['VAL4', 'the last responsible removed', 'st', 'plan', (d) => list(a1(d), 'responsible').delete(0, 1), { field: 'responsible' }],
  [
    'VAL5',
    'an observer made accountable',
    'st',
    'plan',
    (d) => {
      a1(d).set('accountable', 'ob')
      list(a1(d), 'informed').delete(0, 1)
    },
    { field: 'accountable' },
  ],
  ['VAL5', 'someone outside the alliance responsible', 'ad', 'plan', (d) => list(a1(d), 'responsible').push(['stranger']), { field: 'responsible' }],
  ['VAL6', 'someone outside the alliance informed', 'st', 'plan', (d) => list(a1(d), 'informed').push(['stranger']), { field: 'informed' }],
  ['VAL7', 'the responsible also consulted', 'st', 'plan', (d) => list(a1(d), 'consulted').push(['er']), { field: 'consulted' }],
  ['VAL7', 'the same responsible twice', 'st', 'plan', (d) => list(a1(d), 'responsible').push(['er']), { field: 'responsible' }],
  ['VAL8', 'a deadline before the start', 'st', 'plan', (d) => a1(d).set('deadline', '2026-02-01'), { field: 'deadline' }],
  ['VAL8', 'a date that does not exist', 'st', 'plan', (d) => a1(d).set('start', '2026-02-30'), { field: 'start' }],
  ['VAL9', 'a deadline after the plan', 'st', 'plan', (d) => a1(d).set('deadline', '2028-01-15'), { field: 'deadline' }],
  ['VAL9', 'a plan period that would leave an action out', 'st', 'plan', (d) => planMetaOf(d).set('end', '2026-06-30'), { entity: 'meta' }],
  ['VAL9', 'a plan ending before it starts', 'ad', 'plan', (d) => planMetaOf(d).set('end', '2025-12-31'), { entity: 'meta', field: 'end' }],
  [
    'VAL10',
    'a milestone after the deadline',
    'er',
    'plan',
    (d) => milestones(a1(d)).get('m1')!.set('date', '2026-10-15'),
    { entity: 'actions/a1/milestones/m1', field: 'date' },
  ],
  [
    'VAL10',
    'a deadline moved before a milestone',
    'st',
    'plan',
    (d) => a1(d).set('deadline', '2026-05-01'),
    { entity: 'actions/a1/milestones/m1', field: 'date' },
  ],
  ['VAL11', 'progress of 150', 'ea', 'plan', (d) => a1(d).set('progress', 150), { field: 'progress' }],
  ['VAL11', 'an unknown status', 'st', 'plan', (d) => a1(d).set('status', 'paused'), { field: 'status' }],
  [
    'VAL12',
    'done at 60 %',
    'er',
    'plan',
    (d) => {
      a1(d).set('status', 'done')
      milestones(a1(d)).get('m1')!.set('done', true)
    },
    { field: 'progress' },
  ],
  [
    'VAL12',
    'done with a milestone open',
    'ea',
    'plan',
    (d) => {
      a1(d).set('status', 'done')
      a1(d).set('progress', 100)
    },
    { field: 'milestones' },
  ],
  [
    'VAL1',
    'an unknown key inside a milestone',
    'er',
    'plan',
    (d) => milestones(a1(d)).get('m1')!.set('colour', 'red'),
    { entity: 'actions/a1/milestones/m1', field: 'colour' },
  ],
  ['VAL13', 'blocked without a reason', 'er', 'plan', (d) => a1(d).set('status', 'blocked'), { field: 'blockedReason' }],
  [
    'VAL14',
    'a resource brought by an unknown partner',
    'st',
    'plan',
    (d) => resources(a1(d)).get('r1')!.set('partnerId', 'p-ghost'),
    { entity: 'actions/a1/resources/r1', field: 'partnerId' },
  ],
  [
    'VAL14',
    'a negative resource',
    'eo',
    'plan',
    (d) =>
      resources(p1(d)).set(
        'r9',
        new Y.Map<unknown>([
          ['label', 'Don'],
          ['amount', -1],
          ['unit', 'EUR'],
          ['partnerId', 'p1'],
        ]),
      ),
    { entity: 'actions/p1/resources/r9', field: 'amount' },
  ],
  ['VAL15', 'a quorum above the seats', 'st', 'governance', (d) => bodiesOf(d).get('b1')!.set('quorum', 4), { entity: 'bodies/b1', field: 'quorum' }],
  [
    'VAL15',
    'seats removed below the quorum',
    'st',
    'governance',
    (d) => (bodiesOf(d).get('b1')!.get('seats') as Y.Map<number>).delete('p1'),
    { field: 'quorum' },
  ],
  [
    'VAL16',
    'a seat for an unknown partner',
    'ad',
    'governance',
    (d) => (bodiesOf(d).get('b1')!.get('seats') as Y.Map<number>).set('p-ghost', 1),
    { field: 'seats' },
  ],
  ['VAL17', 'an unknown decision rule', 'st', 'governance', (d) => bodiesOf(d).get('b1')!.set('decisionRule', 'dictatorship'), { field: 'decisionRule' }],
  ['VAL18', 'an image in the charter', 'eo', 'charter', (d) => contentOf(d).push([new Y.XmlElement('image')])],
  [
    'VAL18',
    'a heading of level 5 in minutes',
    'eo',
    'minutes:m1',
    (d) => {
      const heading = new Y.XmlElement('heading')
      heading.setAttribute('level', 5 as unknown as string)
      contentOf(d).push([heading])
    },
  ],
  ['VAL19', 'a javascript: link', 'eo', 'charter', (d) => firstText(d).format(0, 3, { link: { href: 'javascript:alert(1)' } })],
  [
    'VAL20',
    'a table cell spanning 0 columns',
    'st',
    'charter',
    (d) => {
      const table = new Y.XmlElement('table')
      const row = new Y.XmlElement('tableRow')
      const cell = new Y.XmlElement('tableCell')
      cell.setAttribute('colspan', 0 as unknown as string)
      cell.insert(0, [new Y.XmlElement('paragraph')])
      row.insert(0, [cell])
      table.insert(0, [row])
      contentOf(d).push([table])
    },
  ],
  [
    'VAL21',
    'an unknown adoption rule',
    'st',
    'charter',
    (d) => documentMetaOf(d).set('adoptionRules', { agreement: 'whoever_shouts' }),
    { entity: 'meta', field: 'adoptionRules' },
  ],
  [
    'VAL21',
    'adoption rules outside the charter',
    'ad',
    'agreement',
    (d) => documentMetaOf(d).set('adoptionRules', { agreement: 'majority' }),
    { entity: 'meta', field: 'adoptionRules' },
  ],
  ['VAL22', 'an invented root in the plan', 'st', 'plan', (d) => d.getMap('hack').set('x', 1), { entity: 'hack' }],
  ['VAL22', 'a meta in minutes', 'ad', 'minutes:m1', (d) => d.getMap('meta').set('title', 'x')],
  ['VAL23', 'a paragraph 25 elements deep in the charter', 'eo', 'charter', (d) => contentOf(d).push([nestedQuotes(MAX_NODE_DEPTH)])],
]

const ALLOWED: [rule: RuleId, label: string, who: Person, docName: string, edit: (doc: Y.Doc) => void][] = [
  ['VAL23', 'a paragraph 24 elements deep in the charter', 'eo', 'charter', (d) => contentOf(d).push([nestedQuotes(MAX_NODE_DEPTH - 1)])],
  ['PERM4', 'an editor proposes a bare action', 'eo', 'plan', (d) => actionsOf(d).set('n1', buildAction({ title: 'Idée', order: 'a2' }))],
  [
    'PERM4',
    'an editor co-edits a proposal: title, dates, consulted, milestone, resource',
    'eo',
    'plan',
    (d) => {
      p1(d).set('title', 'Proposition révisée')
      p1(d).set('start', '2026-04-01')
      p1(d).set('deadline', '2026-05-01')
      list(p1(d), 'consulted').push(['co'])
      milestones(p1(d)).set(
        'm9',
        new Y.Map<unknown>([
          ['title', 'Étape'],
          ['date', '2026-04-15'],
          ['done', false],
          ['order', 'a0'],
        ]),
      )
      resources(p1(d)).set(
        'r9',
        new Y.Map<unknown>([
          ['label', 'Salle'],
          ['amount', 1],
          ['unit', 'unites'],
          ['partnerId', 'p2'],
        ]),
      )
    },
  ],
  [
    'PERM6',
    'the responsible editor updates progress, ticks a milestone, writes the description',
    'er',
    'plan',
    (d) => {
      a1(d).set('progress', 60)
      milestones(a1(d)).get('m1')!.set('done', true)
      ;(a1(d).get('description') as Y.Text).insert(0, 'Première classe accueillie.')
    },
  ],
  [
    'PERM6',
    'the accountable editor blocks the action with a reason',
    'ea',
    'plan',
    (d) => {
      a1(d).set('status', 'blocked')
      a1(d).set('blockedReason', 'Car indisponible')
    },
  ],
  [
    'PERM6',
    'the accountable editor closes the action',
    'ea',
    'plan',
    (d) => {
      a1(d).set('status', 'done')
      a1(d).set('progress', 100)
      milestones(a1(d)).get('m1')!.set('done', true)
    },
  ],
  [
    'PERM5',
    'steering moves the deadline and assigns people',
    'st',
    'plan',
    (d) => {
      a1(d).set('deadline', '2026-11-30')
      a1(d).set('accountable', 'er')
      list(a1(d), 'responsible').push(['eo'])
    },
  ],
  [
    'PERM7',
    'steering accepts a proposal into the plan',
    'st',
    'plan',
    (d) => {
      p1(d).set('status', 'planned')
      p1(d).set('start', '2026-02-01')
      p1(d).set('deadline', '2026-03-01')
      p1(d).set('accountable', 'ea')
      list(p1(d), 'responsible').push(['ea'])
    },
  ],
  [
    'PERM3',
    'an admin deletes and reorders',
    'ad',
    'plan',
    (d) => {
      actionsOf(d).delete('p1')
      a1(d).set('order', 'a5')
    },
  ],
  [
    'PERM8',
    'steering edits a body and widens the plan',
    'st',
    'governance',
    (d) => {
      bodiesOf(d).get('b1')!.set('quorum', 3)
      ;(bodiesOf(d).get('b1')!.get('mandate') as Y.Text).insert(0, 'Piloter et ')
    },
  ],
  [
    'PERM9',
    'an editor types into a draft, with formatting and a safe link',
    'eo',
    'charter',
    (d) => {
      firstText(d).insert(9, ' — objet', { bold: {} })
      firstText(d).format(0, 7, { link: { href: 'https://ensemble.example', target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } })
    },
  ],
  ['PERM9', 'steering amends a document under review', 'st', 'agreement', (d) => firstText(d).insert(0, 'Amendé : ')],
  [
    'PERM8',
    'steering sets the charter’s adoption rules',
    'st',
    'charter',
    (d) => documentMetaOf(d).set('adoptionRules', { agreement: 'two_thirds', convention: 'consensus' }),
  ],
  ['PERM9', 'an editor writes minutes', 'er', 'minutes:m1', (d) => firstText(d).insert(0, 'Présents : ')],
]

describe('permissions on live edits', () => {
  it.each(FORBIDDEN)('[%s] refused: %s', async (rule, _label, who, docName, edit, where) => {
    const outcome = await attempt(docName, who, edit)
    await expectRefused(outcome, docName, rule, rule === 'PERM10' && outcome.error?.code === 'document_locked' ? 'document_locked' : 'edit_forbidden', where)
  })

  it.each(ALLOWED)('[%s] accepted: %s', async (_rule, _label, who, docName, edit) => {
    await expectAccepted(await attempt(docName, who, edit), docName)
  })

  it('[PERM10] an adopted document answers document_locked', async () => {
    const outcome = await attempt('convention', 'ad', (d) => firstText(d).insert(0, 'x'))
    expect(outcome.error).toMatchObject({ code: 'document_locked', rule: 'PERM10' })
  })

  it('[PERM2] a forbidden change in a raw sync step 2 frame is compensated like an update', async () => {
    const { author, witness } = await open('plan', 'eo')
    const before = snapshot(witness.doc, 'plan')
    // Built outside the provider: a replica of the room with the deadline moved, sent as sync step 2.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(author.doc))
    const sv = Y.encodeStateVector(forged)
    a1(forged).set('deadline', '2026-12-31')
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE.sync)
    syncProtocol.writeSyncStep2(encoder, forged, sv)
    author.pair.clientSend(encoding.toUint8Array(encoder))
    await net.settle()
    expect(author.errors[0]).toMatchObject({ code: 'edit_forbidden', rule: 'PERM5', entity: 'actions/a1', field: 'deadline' })
    expect(snapshot(witness.doc, 'plan')).toBe(before)
    expect(snapshot(author.doc, 'plan')).toBe(before)
    expect(snapshot(await storedDoc('plan'), 'plan')).toBe(before)
  })
})

describe('validation of live edits', () => {
  it.each(INVALID)('[%s] refused: %s', async (rule, _label, who, docName, edit, where) => {
    await expectRefused(await attempt(docName, who, edit), docName, rule, 'edit_invalid', where)
  })

  it('[VAL12] un-ticking one milestone of a done action is refused (the rule judges that milestone)', async () => {
    const { author, witness } = await open('plan', 'ea')
    author.doc.transact(() => {
      a1(author.doc).set('status', 'done')
      a1(author.doc).set('progress', 100)
      milestones(a1(author.doc)).get('m1')!.set('done', true)
    })
    await net.settle()
    expect(author.errors).toEqual([])
    milestones(a1(author.doc)).get('m1')!.set('done', false)
    await net.settle()
    expect(author.errors[0]).toMatchObject({ code: 'edit_invalid', rule: 'VAL12', entity: 'actions/a1', field: 'milestones' })
    expect(milestones(a1(witness.doc)).get('m1')!.get('done')).toBe(true)
  })

  it('[VAL3] the refusal speaks the author’s language', async () => {
    const fr = await attempt('plan', 'st', (d) => a1(d).set('accountable', null), 'fr')
    expect(fr.error).toEqual({
      code: 'edit_invalid',
      rule: 'VAL3',
      entity: 'actions/a1',
      field: 'accountable',
      message: 'Une action doit avoir exactement un responsable final (A).',
    })
    await rooms.closeAll()
    store = new MemoryDocStore()
    rooms = new RoomRegistry({ store, loadWorkspaceContext: async () => contextOf(members, partners) })
    net = new MemoryNetwork(rooms)
    const en = await attempt('plan', 'st', (d) => a1(d).set('accountable', null), 'en')
    expect(en.error?.message).toBe('An action must have exactly one accountable member (A).')
  })

  it('[VAL5] an edit is blamed only for what it changed: a stale accountable does not block progress updates', async () => {
    const { author, witness } = await open('plan', 'er')
    // The accountable leaves the alliance (SQL), the rooms learn it.
    delete members.ea
    await rooms.refreshWorkspace('w1')
    a1(author.doc).set('progress', 70)
    await net.settle()
    expect(author.errors).toEqual([])
    expect(a1(witness.doc).get('progress')).toBe(70)
    // Naming them again is refused, as is naming any non-member.
    const steering = net.connect(identity({ userId: 'st', role: 'steering' }))
    await net.settle()
    list(a1(steering.doc), 'responsible').push(['ea'])
    await net.settle()
    expect(steering.errors[0]).toMatchObject({ rule: 'VAL5', field: 'responsible' })
  })

  it('[VAL14] a partner added after the room loaded is known once the workspace changes', async () => {
    const { author } = await open('plan', 'st')
    partners.push('p3')
    await rooms.refreshWorkspace('w1')
    resources(a1(author.doc)).get('r1')!.set('partnerId', 'p3')
    await net.settle()
    expect(author.errors).toEqual([])
    expect(loads).toBe(2)
  })

  it('[VAL5] a role downgrade reaches the rules: a member turned observer can no longer be made responsible', async () => {
    const { author } = await open('plan', 'st')
    members.eo = 'observer'
    await rooms.refreshWorkspace('w1')
    list(a1(author.doc), 'responsible').push(['eo'])
    await net.settle()
    expect(author.errors[0]).toMatchObject({ rule: 'VAL5', field: 'responsible' })
  })
})
