import { describe, expect, it } from 'vitest'
import {
  balancePeriods,
  computeBalance,
  DEFAULT_BALANCE_SETTINGS,
  euros,
  type ActualEntry,
  type BalanceAction,
  type BalanceInput,
  type BalancePeriod,
  type BalanceSettings,
  type PartnerPeriodBalance,
} from '../src/index.ts'

/**
 * The partners' balance as numbers (SPEC BAL8, BAL9). A plan over 2026–2027, cut in years, a day of
 * work at 300 €, an hour at 40 €, a threshold of 20 %: each scenario is written out with what the
 * balance must say.
 */
const SETTINGS: BalanceSettings = { rates: { jours_homme: 300, heures: 40, ETP: 50_000, unites: 0 }, periodLength: 'year', threshold: 20 }
const PLAN = { start: '2026-01-01', end: '2027-12-31' }

const action = (start: string, deadline: string, resources: BalanceAction['resources'], status: BalanceAction['status'] = 'in_progress'): BalanceAction => ({
  status,
  start,
  deadline,
  resources,
})
const actual = (partnerId: string, period: string, amount: number, extra: Partial<ActualEntry> = {}): ActualEntry => ({
  partnerId,
  period,
  unit: 'EUR',
  amount,
  comment: '',
  by: 'u1',
  at: 0,
  ...extra,
})
/** Ten days of work by p1 over the whole of 2026: 3,000 € committed in 2026. */
const YEAR_2026 = action('2026-01-01', '2026-12-31', { r1: { amount: 10, unit: 'jours_homme', partnerId: 'p1' } })

const input = (over: Partial<BalanceInput>): BalanceInput => ({
  plan: PLAN,
  settings: SETTINGS,
  actions: [YEAR_2026],
  actuals: {},
  validated: new Set(),
  partnerIds: ['p1'],
  asOf: '2027-01-15',
  ...over,
})

type Expected = Partial<PartnerPeriodBalance> & { period: string }
const CASES: [label: string, input: BalanceInput, partner: string, expected: Expected, flagged: boolean][] = [
  [
    'delivered 2,500 € of 3,000 € due: 83 %, above 80 %, not flagged',
    input({ actuals: { e1: actual('p1', '2026', 2500) } }),
    'p1',
    { period: '2026', committed: 3000, committedToDate: 3000, declared: 2500, validated: 0, ratio: 2500 / 3000, flagged: false },
    false,
  ],
  [
    'delivered exactly 80 % of what was due: not flagged',
    input({ actuals: { e1: actual('p1', '2026', 2400) } }),
    'p1',
    { period: '2026', declared: 2400, ratio: 0.8, flagged: false },
    false,
  ],
  [
    'delivered 2,000 € of 3,000 € due: 67 %, flagged',
    input({ actuals: { e1: actual('p1', '2026', 2000) } }),
    'p1',
    { period: '2026', declared: 2000, flagged: true },
    true,
  ],
  [
    'declared in days of work, valued at the rate: 8 days = 2,400 €',
    input({ actuals: { e1: actual('p1', '2026', 8, { unit: 'jours_homme' }) } }),
    'p1',
    { period: '2026', declared: 2400, flagged: false },
    false,
  ],
  [
    'an action across two years is spread pro rata of its days (184 days in 2026, 181 in 2027)',
    input({ actions: [action('2026-07-01', '2027-06-30', { r1: { amount: 3650, unit: 'EUR', partnerId: 'p1' } })], asOf: '2028-01-01' }),
    'p1',
    { period: '2027', committed: 1810, committedToDate: 1810, declared: 0, ratio: 0, flagged: true },
    true,
  ],
  [
    'in a running period only the days elapsed are due: 90 days of 365 → 900 €; 800 € declared is enough',
    input({
      actions: [action('2026-01-01', '2026-12-31', { r1: { amount: 3650, unit: 'EUR', partnerId: 'p1' } })],
      actuals: { e1: actual('p1', '2026', 800) },
      asOf: '2026-03-31',
    }),
    'p1',
    { period: '2026', committed: 3650, committedToDate: 900, declared: 800, flagged: false },
    false,
  ],
  [
    'in a running period, 700 € of the 900 € due is not (below 720 €)',
    input({
      actions: [action('2026-01-01', '2026-12-31', { r1: { amount: 3650, unit: 'EUR', partnerId: 'p1' } })],
      actuals: { e1: actual('p1', '2026', 700) },
      asOf: '2026-03-31',
    }),
    'p1',
    { period: '2026', committedToDate: 900, declared: 700, flagged: true },
    true,
  ],
  [
    'a period not yet begun owes nothing: no ratio, no flag',
    input({ asOf: '2026-12-31' }),
    'p1',
    { period: '2027', committed: 0, committedToDate: 0, ratio: null, flagged: false },
    true,
  ],
  [
    'a proposed or cancelled action commits nobody',
    input({
      actions: [
        action('2026-01-01', '2026-12-31', { r1: { amount: 10, unit: 'jours_homme', partnerId: 'p1' } }, 'proposed'),
        action('2026-01-01', '2026-12-31', { r1: { amount: 10, unit: 'jours_homme', partnerId: 'p1' } }, 'cancelled'),
      ],
    }),
    'p1',
    { period: '2026', committed: 0, ratio: null, flagged: false },
    false,
  ],
  [
    'an action without dates commits nobody (nothing to spread over)',
    input({ actions: [{ status: 'planned', start: null, deadline: null, resources: { r1: { amount: 1000, unit: 'EUR', partnerId: 'p1' } } }] }),
    'p1',
    { period: '2026', committed: 0 },
    false,
  ],
  [
    'an amendment stands instead of the entry it amends; a validation of the amended entry no longer counts',
    input({ actuals: { e1: actual('p1', '2026', 1000), e2: actual('p1', '2026', 2700, { amends: 'e1' }) }, validated: new Set(['e1']) }),
    'p1',
    { period: '2026', declared: 2700, validated: 0, flagged: false },
    false,
  ],
  [
    'a validated amendment counts as validated',
    input({ actuals: { e1: actual('p1', '2026', 1000), e2: actual('p1', '2026', 2700, { amends: 'e1' }) }, validated: new Set(['e1', 'e2']) }),
    'p1',
    { period: '2026', declared: 2700, validated: 2700 },
    false,
  ],
  [
    'an amendment of an amendment: only the last stands',
    input({
      actuals: { e1: actual('p1', '2026', 1000), e2: actual('p1', '2026', 2700, { amends: 'e1' }), e3: actual('p1', '2026', 500, { amends: 'e2' }) },
    }),
    'p1',
    { period: '2026', declared: 500, flagged: true },
    true,
  ],
  [
    'an "amendment" of another partner’s entry replaces nothing (both stand for their own partner)',
    input({ actuals: { e1: actual('p1', '2026', 2500), e2: actual('p2', '2026', 10, { amends: 'e1' }) }, partnerIds: ['p1', 'p2'] }),
    'p1',
    { period: '2026', declared: 2500 },
    false,
  ],
  [
    'a threshold of 0 % flags any shortfall',
    input({ settings: { ...SETTINGS, threshold: 0 }, actuals: { e1: actual('p1', '2026', 2999) } }),
    'p1',
    { period: '2026', flagged: true },
    true,
  ],
  ['a threshold of 100 % never flags', input({ settings: { ...SETTINGS, threshold: 100 } }), 'p1', { period: '2026', declared: 0, flagged: false }, false],
  [
    'a partner that committed nothing is never flagged, whatever it declares',
    input({ partnerIds: ['p1', 'p2'], actuals: { e1: actual('p2', '2026', 0) } }),
    'p2',
    { period: '2026', committed: 0, declared: 0, ratio: null, flagged: false },
    false,
  ],
  [
    'a partner named only by an entry is reported too',
    input({ actuals: { e1: actual('p9', '2026', 100) } }),
    'p9',
    { period: '2026', committed: 0, declared: 100 },
    false,
  ],
  [
    'an entry of a period the plan does not have is left out',
    input({ actuals: { e1: actual('p1', '2031', 3000) } }),
    'p1',
    { period: '2026', declared: 0, flagged: true },
    true,
  ],
]

describe('[BAL8] [BAL9] the balance sheet of each partner, period by period', () => {
  it.each(CASES)('[BAL8] %s', (_label, data, partnerId, expected, flagged) => {
    const sheet = computeBalance(data)
    const partner = sheet.partners.find((p) => p.partnerId === partnerId)!
    const period = partner.periods.find((p) => p.period === expected.period)!
    expect(period).toMatchObject(expected)
    expect(partner.flagged).toBe(flagged)
  })

  it('[BAL8] totals add the periods up; the total ratio is over the sums', () => {
    const sheet = computeBalance(
      input({
        actions: [action('2026-07-01', '2027-06-30', { r1: { amount: 3650, unit: 'EUR', partnerId: 'p1' } })],
        actuals: { e1: actual('p1', '2026', 1840), e2: actual('p1', '2027', 1000) },
        validated: new Set(['e1']),
        asOf: '2028-01-01',
      }),
    )
    expect(sheet.partners[0]!.total).toEqual({ committed: 3650, committedToDate: 3650, declared: 2840, validated: 1840, ratio: 2840 / 3650, flagged: true })
    expect(sheet.partners.map((p) => p.partnerId)).toEqual(['p1'])
    expect(sheet.threshold).toBe(20)
  })
})

const PERIODS: [label: string, plan: { start: string | null; end: string | null }, length: BalanceSettings['periodLength'], periods: BalancePeriod[]][] = [
  ['no plan period, no balance period', { start: null, end: '2026-12-31' }, 'year', []],
  ['an inverted plan period, none', { start: '2027-01-01', end: '2026-12-31' }, 'year', []],
  [
    'years, the first and last cut to the plan',
    { start: '2026-03-15', end: '2027-06-30' },
    'year',
    [
      { key: '2026', start: '2026-03-15', end: '2026-12-31' },
      { key: '2027', start: '2027-01-01', end: '2027-06-30' },
    ],
  ],
  [
    'half-years',
    { start: '2026-01-01', end: '2026-12-31' },
    'half_year',
    [
      { key: '2026-H1', start: '2026-01-01', end: '2026-06-30' },
      { key: '2026-H2', start: '2026-07-01', end: '2026-12-31' },
    ],
  ],
  [
    'quarters from mid-February, February of a leap year ends on the 29th',
    { start: '2028-02-15', end: '2028-09-01' },
    'quarter',
    [
      { key: '2028-Q1', start: '2028-02-15', end: '2028-03-31' },
      { key: '2028-Q2', start: '2028-04-01', end: '2028-06-30' },
      { key: '2028-Q3', start: '2028-07-01', end: '2028-09-01' },
    ],
  ],
]

describe('[BAL8] the periods of the balance', () => {
  it.each(PERIODS)('[BAL8] %s', (_label, plan, length, periods) => {
    expect(balancePeriods(plan, length)).toEqual(periods)
  })

  it('[BAL8] each unit is valued at its rate; EUR is worth one euro', () => {
    expect([
      euros(2, 'jours_homme', SETTINGS.rates),
      euros(3, 'heures', SETTINGS.rates),
      euros(7, 'EUR', SETTINGS.rates),
      euros(5, 'unites', SETTINGS.rates),
    ]).toEqual([600, 120, 7, 0])
    expect(DEFAULT_BALANCE_SETTINGS.rates.jours_homme).toBe(300)
  })
})
