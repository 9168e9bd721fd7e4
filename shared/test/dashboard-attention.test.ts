import { describe, expect, it } from 'vitest'
import {
  allianceBalance,
  analysePlan,
  balanceAttention,
  computeBalance,
  planAttention,
  type ActualEntry,
  type AttentionSection,
  type BalanceAction,
  type PlanSnapshot,
  type SnapshotAction,
  type SnapshotIndicator,
} from '../src/index.ts'

/**
 * DASH1–DASH4: the plan's part of a reader's attention list, on 2026-06-15, plan from 2026-01-01.
 * Each scenario: the plan, the reader, and the sections expected (ids only, with the totals).
 */
const TODAY = '2026-06-15'
const action = (id: string, deadline: string | null, extra: Partial<SnapshotAction> = {}): SnapshotAction => ({
  id,
  title: `Action ${id}`,
  objective: '',
  objectiveId: null,
  deadline,
  status: 'in_progress',
  progress: 0,
  accountable: 'me',
  responsible: [],
  ...extra,
})
const indicator = (id: string, extra: Partial<SnapshotIndicator> = {}): SnapshotIndicator => ({
  id,
  objectiveId: 'o1',
  name: `Indicateur ${id}`,
  unit: 'personnes',
  partnerId: null,
  baseline: 0,
  target: 100,
  targetDate: '2026-12-31',
  frequency: 'monthly',
  values: {},
  ...extra,
})
const value = (v: number, date: string) => ({ value: v, date, comment: '', by: 'u', at: Date.parse(`${date}T12:00:00Z`) })
const plan = (p: Partial<PlanSnapshot>): PlanSnapshot => ({ start: '2026-01-01', actions: [], objectives: [], indicators: [], ...p })
const ME: { userId: string; partnerId: string | null } = { userId: 'me', partnerId: 'pA' }

type Ids = Partial<Record<AttentionSection['kind'], [total: number, ids: string[]]>>
const idsOf = (sections: AttentionSection[]): Ids =>
  Object.fromEntries(
    sections.map((s) => [
      s.kind,
      [s.total, s.items.map((i) => ('indicatorId' in i ? `${i.indicatorId}${i.mine ? '*' : ''}:${i.status}` : 'id' in i ? i.id : ''))],
    ]),
  )
const NONE: Ids = { actions_overdue: [0, []], actions_due_soon: [0, []], objectives_off_track: [0, []], values_due: [0, []] }

const CASES: [label: string, plan: PlanSnapshot, reader: typeof ME, expected: Ids][] = [
  ['DASH1 an empty plan needs nothing', plan({}), ME, NONE],
  [
    'DASH1 my overdue actions, oldest first, and those due within 7 days',
    plan({ actions: [action('a3', '2026-06-22'), action('a1', '2026-06-01'), action('a2', '2026-05-01'), action('a4', '2026-06-23'), action('a5', null)] }),
    ME,
    { ...NONE, actions_overdue: [2, ['a2', 'a1']], actions_due_soon: [1, ['a3']] },
  ],
  ['DASH1 due today is due soon, not overdue', plan({ actions: [action('a1', TODAY)] }), ME, { ...NONE, actions_due_soon: [1, ['a1']] }],
  [
    'DASH1 responsible counts like accountable; other people’s actions do not',
    plan({ actions: [action('a1', '2026-06-01', { accountable: 'you', responsible: ['me'] }), action('a2', '2026-06-01', { accountable: 'you' })] }),
    ME,
    { ...NONE, actions_overdue: [1, ['a1']] },
  ],
  [
    'DASH1 done and cancelled actions are not overdue',
    plan({
      actions: [
        action('a1', '2026-06-01', { status: 'done' }),
        action('a2', '2026-06-01', { status: 'cancelled' }),
        action('a3', '2026-06-01', { status: 'blocked' }),
      ],
    }),
    ME,
    { ...NONE, actions_overdue: [1, ['a3']] },
  ],
  [
    'DASH1 an observer with no action of their own sees none of others’',
    plan({ actions: [action('a1', '2026-06-01', { accountable: 'you' })] }),
    { userId: 'observer', partnerId: null },
    NONE,
  ],
  [
    'DASH2 an operational objective with an indicator behind its path is off track',
    plan({
      objectives: [
        { id: 'o1', kind: 'operational', title: 'Former', order: 'a' },
        { id: 'o2', kind: 'operational', title: 'Loger', order: 'b' },
        { id: 's1', kind: 'strategic', title: 'Vision', order: 'c' },
      ],
      indicators: [
        indicator('i1', { objectiveId: 'o1', values: { v: value(5, '2026-06-01') } }),
        indicator('i2', { objectiveId: 'o2', values: { v: value(90, '2026-06-01') } }),
      ],
    }),
    ME,
    { ...NONE, objectives_off_track: [1, ['o1']] },
  ],
  [
    'DASH3 values due: my partner’s first, then late before due soon',
    plan({
      indicators: [
        indicator('i1', { frequency: 'once', targetDate: '2026-06-20' }),
        indicator('i2', { values: { v: value(50, '2026-04-20') } }),
        indicator('i3', { partnerId: 'pA', values: { v: value(50, '2026-04-20') } }),
        indicator('i4', { partnerId: 'pB', values: { v: value(50, '2026-04-20') } }),
      ],
    }),
    ME,
    { ...NONE, values_due: [4, ['i3*:late', 'i2:late', 'i4:late', 'i1:due_soon']] },
  ],
  [
    'DASH4 each list shows its first 10 with the total',
    plan({ actions: Array.from({ length: 25 }, (_, k) => action(`a${String(k).padStart(2, '0')}`, '2026-06-01')) }),
    ME,
    { ...NONE, actions_overdue: [25, Array.from({ length: 10 }, (_, k) => `a${String(k).padStart(2, '0')}`)] },
  ],
]

describe('DASH1–DASH4 attention list from the plan', () => {
  it.each(CASES)('%s', (_label, snapshot, reader, expected) => {
    expect(idsOf(planAttention(analysePlan(snapshot, TODAY), reader))).toEqual(expected)
  })
})

describe('DASH5–DASH6 alliance view', () => {
  it('DASH5 objectives roll up the actions that point to them (or, in a plan not yet upgraded, name them in text); the rest are counted apart', () => {
    const snapshot = plan({
      objectives: [{ id: 'o1', kind: 'operational', title: 'Former 200 bénévoles', order: 'a' }],
      actions: [
        action('a1', null, { objectiveId: 'o1', progress: 40 }),
        action('a2', null, { objective: 'Former 200 bénévoles', status: 'done' }),
        action('a3', null, { objective: 'autre chose' }),
        action('a4', null, { objectiveId: 'unknown' }),
      ],
    })
    const { alliance } = analysePlan(snapshot, TODAY)
    expect(alliance.objectives).toEqual({
      total: 1,
      items: [{ id: 'o1', title: 'Former 200 bénévoles', actions: 2, done: 1, blocked: 0, progress: 70, track: 'no_target' }],
    })
    expect(alliance.actionsWithoutObjective).toBe(2)
    expect(alliance.actionsByStatus).toEqual({ proposed: 0, planned: 0, in_progress: 3, blocked: 0, done: 1, cancelled: 0 })
  })
  it('DASH6 an indicator’s series holds its standing values and the straight path from baseline to target', () => {
    const snapshot = plan({ indicators: [indicator('i1', { values: { v1: value(10, '2026-02-01'), v2: value(30, '2026-03-01') } })] })
    expect(analysePlan(snapshot, TODAY).alliance.indicators).toEqual({
      total: 1,
      items: [
        {
          id: 'i1',
          name: 'Indicateur i1',
          unit: 'personnes',
          track: 'on_track',
          values: [
            { id: 'v1', date: '2026-02-01', value: 10 },
            { id: 'v2', date: '2026-03-01', value: 30 },
          ],
          path: [
            { date: '2026-01-01', value: 0 },
            { date: '2026-12-31', value: 100 },
          ],
        },
      ],
    })
  })
})

/**
 * DASH11 / BAL12: the balance alerts of the attention list. A plan over 2026–2027 cut in years, a
 * day of work at 300 €, threshold 20 %. p1 and p2 each bring 10 days over 2026 (3,000 €); on
 * 2026-06-15, 166 days of 365 are past: 1,364.38 € is due. Each row: the declarations, the day,
 * the reader's partner, the partners the alliance still has, and the items expected
 * (`partner[*mine]:period:percent`).
 */
const BAL_PLAN: { start: string | null; end: string | null } = { start: '2026-01-01', end: '2027-12-31' }
const BAL_SETTINGS = { rates: { jours_homme: 300, heures: 40, ETP: 50_000, unites: 0 }, periodLength: 'year' as const, threshold: 20 }
const tenDays = (partnerId: string): BalanceAction => ({
  status: 'in_progress',
  start: '2026-01-01',
  deadline: '2026-12-31',
  resources: { r: { amount: 10, unit: 'jours_homme', partnerId } },
})
const declared = (partnerId: string, period: string, amount: number): ActualEntry => ({ partnerId, period, unit: 'EUR', amount, comment: '', by: 'u', at: 0 })
const sheetOf = (actuals: ActualEntry[], asOf: string, plan = BAL_PLAN) =>
  computeBalance({
    plan,
    settings: BAL_SETTINGS,
    actions: [tenDays('p1'), tenDays('p2')],
    actuals: Object.fromEntries(actuals.map((a, i) => [`e${i}`, a])),
    validated: new Set(),
    partnerIds: [],
    asOf,
  })
const NAMES = new Map([
  ['p1', 'Estran Vivant'],
  ['p2', 'Marée d’Opale'],
])
const alertIds = (section: AttentionSection) => [
  section.total,
  section.kind === 'balance_alerts' ? section.items.map((b) => `${b.partnerId}${b.mine ? '*' : ''}:${b.period}:${Math.floor(b.ratio * 100)}`) : [],
]

const BALANCE_CASES: [label: string, actuals: ActualEntry[], today: string, partnerId: string | null, names: Map<string, string>, expected: unknown[]][] = [
  [
    'DASH11 a partner that declared what is due is not flagged',
    [declared('p1', '2026', 1400), declared('p2', '2026', 1400)],
    '2026-06-15',
    null,
    NAMES,
    [0, []],
  ],
  [
    'DASH11 a partner below 80 % of what is due by today is flagged in the current period',
    [declared('p1', '2026', 1400), declared('p2', '2026', 500)],
    '2026-06-15',
    null,
    NAMES,
    [1, ['p2:2026:36']],
  ],
  ['DASH11 just at 80 % of what is due is not flagged', [declared('p1', '2026', 1400), declared('p2', '2026', 1091.51)], '2026-06-15', null, NAMES, [0, []]],
  [
    'DASH11 my partner first, marked « mon partenaire »',
    [declared('p1', '2026', 100), declared('p2', '2026', 500)],
    '2026-06-15',
    'p2',
    NAMES,
    [2, ['p2*:2026:36', 'p1:2026:7']],
  ],
  [
    'DASH11 last year’s shortfall stays on the list while the new year has nothing due',
    [declared('p1', '2026', 3000), declared('p2', '2026', 1000)],
    '2027-03-01',
    null,
    NAMES,
    [1, ['p2:2026:33']],
  ],
  [
    'DASH11 a partner no longer in the alliance is left out',
    [declared('p2', '2026', 0)],
    '2026-06-15',
    null,
    new Map([['p2', 'Marée d’Opale']]),
    [1, ['p2:2026:0']],
  ],
  ['DASH11 a plan without dates has no period, hence no alert', [], '2026-06-15', null, NAMES, [0, []]],
]

describe('DASH11 balance alerts in the attention list', () => {
  it.each(BALANCE_CASES)('%s', (label, actuals, today, partnerId, names, expected) => {
    const plan = label.includes('without dates') ? { start: null, end: null } : BAL_PLAN
    expect(alertIds(balanceAttention(sheetOf(actuals, today, plan), today, { userId: 'me', partnerId }, names))).toEqual(expected)
  })

  it('DASH12 the alliance view holds every partner’s figures for the current period (zeros for one that brings nothing)', () => {
    const names = new Map([...NAMES, ['p3', 'Fondation']])
    const sheet = sheetOf([declared('p2', '2026', 500), declared('p2', '2027', 999)], '2026-06-15')
    expect(allianceBalance(sheet, '2026-06-15', names)).toEqual({
      period: '2026',
      partners: [
        { partnerId: 'p1', name: 'Estran Vivant', committed: 3000, committedToDate: 1364.38, declared: 0, validated: 0, flagged: true },
        { partnerId: 'p2', name: 'Marée d’Opale', committed: 3000, committedToDate: 1364.38, declared: 500, validated: 0, flagged: true },
        { partnerId: 'p3', name: 'Fondation', committed: 0, committedToDate: 0, declared: 0, validated: 0, flagged: false },
      ],
    })
    expect(allianceBalance(sheetOf([], '2026-06-15', { start: null, end: null }), '2026-06-15', names)).toEqual({ period: null, partners: [] })
  })
})
