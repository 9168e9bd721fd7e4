import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  agendaSuggestionNote,
  agendaSuggestions,
  actionsOf,
  appendActual,
  appendIndicatorValue,
  buildAction,
  buildIndicator,
  buildObjective,
  type CollectionFrequency,
  indicatorsOf,
  objectivesOf,
  planMetaOf,
} from '../src/index.ts'

/**
 * GOV27: what "Suggérer" adds from the plan's steering part, scenario by scenario. The plan runs
 * from 2026-01-01; today is 2026-12-01. An indicator goes from 0 to 100 by 2027-01-01.
 */
const TODAY = '2026-12-01'
type Scenario = {
  kind?: 'operational' | 'strategic'
  values?: [date: string, value: number, corrects?: number][]
  frequency?: CollectionFrequency
  target?: number | null
}

function plan(objectives: Record<string, Scenario>): Y.Doc {
  const doc = new Y.Doc()
  planMetaOf(doc).set('start', '2026-01-01')
  planMetaOf(doc).set('end', '2027-12-31')
  objectivesOf(doc).set('s', buildObjective({ kind: 'strategic', title: 'Stratégie', horizon: 4, vision: '', order: 'a0' }))
  Object.entries(objectives).forEach(([id, o], i) => {
    const order = `a${i + 1}`
    objectivesOf(doc).set(
      id,
      o.kind === 'strategic'
        ? buildObjective({ kind: 'strategic', title: id, horizon: 4, vision: '', order })
        : buildObjective({
            kind: 'operational',
            title: id,
            statement: '',
            parentId: 's',
            partnerIds: [],
            targetDate: null,
            resources: '',
            status: 'draft',
            order,
          }),
    )
    const indicator = indicatorsOf(doc).set(
      `i-${id}`,
      buildIndicator({
        objectiveId: id,
        name: `Indicateur ${id}`,
        family: 'results',
        unit: 'u',
        baseline: 0,
        target: o.target === undefined ? 100 : o.target,
        targetDate: '2027-01-01',
        source: '',
        frequency: o.frequency ?? 'yearly',
        partnerId: null,
        purposes: [],
      }),
    )
    for (const [n, [date, value, corrects]] of (o.values ?? []).entries()) {
      appendIndicatorValue(indicator, `v${n}`, { value, date, comment: '', by: 'u', at: n, ...(corrects === undefined ? {} : { corrects: `v${corrects}` }) })
    }
  })
  return doc
}

const CASES: [label: string, objectives: Record<string, Scenario>, expected: string[]][] = [
  ['on its path: nothing', { o1: { values: [['2026-11-30', 92]] } }, []],
  ['well behind its path: off track', { o1: { values: [['2026-11-30', 10]] } }, ['off_track:o1']],
  [
    'a correction is what stands, not the value it corrects',
    {
      o1: {
        values: [
          ['2026-11-30', 10],
          ['2026-11-30', 95, 0],
        ],
      },
    },
    [],
  ],
  ['a strategic objective is not judged', { o1: { kind: 'strategic' } }, []],
  ['no value on a monthly indicator: late since the last collection date', { o1: { frequency: 'monthly' } }, ['value_late:i-o1:2026-12-01']],
  ['no target: neither on nor off track', { o1: { target: null, values: [['2026-11-30', 1]] } }, []],
  [
    'off track and late at once: both, the objectives first',
    { o1: { frequency: 'monthly', values: [['2026-06-30', 5]] } },
    ['off_track:o1', 'value_late:i-o1:2026-12-01'],
  ],
  [
    'several objectives: in their order',
    { o1: { values: [['2026-11-30', 5]] }, o2: { values: [['2026-11-30', 99]] }, o3: { values: [['2026-11-30', 1]] } },
    ['off_track:o1', 'off_track:o3'],
  ],
]

const key = (s: ReturnType<typeof agendaSuggestions>[number]) =>
  s.reason === 'off_track' ? `off_track:${s.objectiveId}` : s.reason === 'value_late' ? `value_late:${s.indicatorId}:${s.since}` : s.reason

describe('[GOV27] the agenda proposes off-track objectives and late indicator values', () => {
  it.each(CASES)('[GOV27] %s', (_label, objectives, expected) => {
    expect(agendaSuggestions(plan(objectives), TODAY).map(key)).toEqual(expected)
  })

  it('[GOV27] an item already on the agenda with the same title and reason is not proposed again', () => {
    const doc = plan({ o1: { frequency: 'monthly', values: [['2026-06-30', 5]] } })
    const [offTrack, late] = agendaSuggestions(doc, TODAY)
    expect(agendaSuggestions(doc, TODAY, new Set([`${offTrack!.title}\n${agendaSuggestionNote(offTrack!)}`])).map(key)).toEqual([key(late!)])
  })

  it('[GOV27] the reasons as the agenda writes them, in French and in English', () => {
    const [offTrack, late] = agendaSuggestions(plan({ o1: { frequency: 'monthly', values: [['2026-06-30', 5]] } }), TODAY)
    expect([agendaSuggestionNote(offTrack!), agendaSuggestionNote(late!)]).toEqual([
      'Objectif en retard sur sa trajectoire',
      'Valeur attendue depuis le 01/12/2026',
    ])
    expect([agendaSuggestionNote(offTrack!, 'en'), agendaSuggestionNote(late!, 'en')]).toEqual(['Objective off its track', 'Value expected since 01/12/2026'])
  })
})

/**
 * GOV28: the partners the balance flags (BAL12). The same plan (2026–2027, years, 300 € a day,
 * threshold 20 %); p1 and p2 each bring 10 days over 2026: on 2026-12-01, 2,753.42 € is due.
 */
function balancePlan(declared: Record<string, number>): Y.Doc {
  const doc = plan({})
  ;['p1', 'p2'].forEach((partnerId, i) =>
    actionsOf(doc).set(
      `a${i}`,
      buildAction({
        title: `Action ${partnerId}`,
        order: `a${i}`,
        status: 'in_progress',
        start: '2026-01-01',
        deadline: '2026-12-31',
        resources: { r: { label: 'Temps', amount: 10, unit: 'jours_homme', partnerId } },
      }),
    ),
  )
  for (const [partnerId, amount] of Object.entries(declared))
    appendActual(doc, `e-${partnerId}`, { partnerId, period: '2026', unit: 'EUR', amount, comment: '', by: 'u', at: 0 })
  return doc
}
const PARTNERS = new Map([
  ['p1', 'Estran Vivant'],
  ['p2', 'Marée d’Opale'],
])
const balanceKey = (s: ReturnType<typeof agendaSuggestions>[number]) =>
  s.reason === 'balance_imbalance' ? `${s.partnerId}:${s.period}:${Math.floor(s.ratio * 100)}` : s.reason

const BALANCE_CASES: [label: string, declared: Record<string, number>, names: Map<string, string>, expected: string[]][] = [
  ['both partners declared what is due: nothing to propose', { p1: 2800, p2: 2753.42 }, PARTNERS, []],
  ['a partner below 80 % of what is due is proposed, titled after it', { p1: 2800, p2: 1000 }, PARTNERS, ['p2:2026:36']],
  ['two flagged partners, in the alliance’s order', { p2: 1000 }, PARTNERS, ['p1:2026:0', 'p2:2026:36']],
  ['a partner no longer in the alliance is not proposed', { p2: 1000 }, new Map([['p2', 'Marée d’Opale']]), ['p2:2026:36']],
  ['without the partners’ names (no alliance), nothing', { p2: 1000 }, new Map(), []],
]

describe('[GOV28] the agenda proposes the partners the balance flags', () => {
  it.each(BALANCE_CASES)('[GOV28] %s', (_label, declared, names, expected) => {
    expect(agendaSuggestions(balancePlan(declared), TODAY, new Set(), names).map(balanceKey)).toEqual(expected)
  })

  it('[GOV28] the note says who declared how much of its commitments, in French and in English; once on the agenda, not again', () => {
    const doc = balancePlan({ p1: 2800, p2: 1000 })
    const [alert] = agendaSuggestions(doc, TODAY, new Set(), PARTNERS)
    expect(alert!.title).toBe('Marée d’Opale')
    expect(agendaSuggestionNote(alert!)).toBe('Déséquilibre : Marée d’Opale a déclaré 36 % de ses engagements (2026)')
    expect(agendaSuggestionNote(alert!, 'en')).toBe('Imbalance: Marée d’Opale declared 36 % of its commitments (2026)')
    expect(agendaSuggestions(doc, TODAY, new Set([`${alert!.title}\n${agendaSuggestionNote(alert!)}`]), PARTNERS)).toEqual([])
  })
})
