import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  type AttendanceEntry,
  type Ballot,
  type BodyVoting,
  bodiesOf,
  buildBody,
  readBody,
  readBodyShape,
  checkBallot,
  computeQuorum,
  computeVoteResult,
  publicResult,
  secretResult,
  ruleFor,
  seat,
  validateBody,
  type VoteOutcome,
  type VoteRule,
  type VotingBody,
  workspaceContextFrom,
} from '../src/index.ts'

/** Votes of governance bodies (GOV4–GOV9): each scenario spelled out with its expected result. */

const here = (memberId: string, partnerId: string): AttendanceEntry => ({ memberId, partnerId, status: 'present' })
const remote = (memberId: string, partnerId: string): AttendanceEntry => ({ memberId, partnerId, status: 'remote' })
const away = (memberId: string, partnerId: string): AttendanceEntry => ({ memberId, partnerId, status: 'absent' })
const proxy = (memberId: string, partnerId: string, to: string): AttendanceEntry => ({ memberId, partnerId, status: 'proxy', proxyTo: to })
const vote = (voterId: string, choice: Ballot['choice'], forId = voterId): Ballot => ({ voterId, forId, choice })

const voting = (patch: Partial<BodyVoting>): BodyVoting => ({ colleges: [], weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {}, ...patch })

/** Two seats for partner A, one for B, quorum of 2 seats, no voting extension (a body as seeded before GOV). */
const plain: VotingBody = { seats: { pA: 2, pB: 1 }, quorum: 2, decisionRule: 'simple_majority' }
const everyone = [here('a1', 'pA'), here('a2', 'pA'), here('b1', 'pB')]

/** Associations (A, 2 seats), public actors (B, 1 seat), companies (C, 1 seat); a public seat weighs 3. */
const weightedSeats: VotingBody = {
  seats: { pA: 2, pB: 1, pC: 1 },
  quorum: 3,
  decisionRule: 'simple_majority',
  voting: voting({
    colleges: [
      { id: 'assoc', name: 'Associations', weight: 1, seats: { pA: 2 }, quorum: null },
      { id: 'public', name: 'Acteurs publics', weight: 3, seats: { pB: 1 }, quorum: null },
      { id: 'companies', name: 'Entreprises', weight: 1, seats: { pC: 1 }, quorum: null },
    ],
  }),
}
/** The same colleges weighing 50 %, 30 % and 20 % each, whatever their number of seats (as in a SCIC). */
const weightedColleges: VotingBody = {
  ...weightedSeats,
  voting: voting({
    weighting: 'per_college',
    colleges: [
      { id: 'assoc', name: 'Associations', weight: 50, seats: { pA: 2 }, quorum: null },
      { id: 'public', name: 'Acteurs publics', weight: 30, seats: { pB: 1 }, quorum: null },
      { id: 'companies', name: 'Entreprises', weight: 20, seats: { pC: 1 }, quorum: null },
    ],
  }),
}
const allFour = [here('a1', 'pA'), here('a2', 'pA'), here('b1', 'pB'), here('c1', 'pC')]

interface Scenario {
  name: string
  body: VotingBody
  rule: VoteRule
  attendance: AttendanceEntry[]
  ballots: Ballot[]
  recusals?: string[]
  expected: {
    outcome: VoteOutcome
    valid: boolean
    quorum: { present: number; represented: number; required: number; met: boolean }
    votes: [number, number, number]
    weighted: [number, number, number]
    tie?: boolean
    refused?: string[]
  }
}

const SCENARIOS: Scenario[] = [
  {
    name: 'one seat one vote, a tie rejects under simple majority',
    body: plain,
    rule: 'simple_majority',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'against')],
    expected: {
      outcome: 'rejected',
      valid: true,
      quorum: { present: 3, represented: 0, required: 2, met: true },
      votes: [1, 1, 0],
      weighted: [1, 1, 0],
      tie: true,
    },
  },
  {
    name: 'quorum not met: recorded as no_quorum even with every ballot for',
    body: plain,
    rule: 'simple_majority',
    attendance: [here('a1', 'pA'), away('a2', 'pA'), away('b1', 'pB')],
    ballots: [vote('a1', 'for')],
    expected: { outcome: 'no_quorum', valid: false, quorum: { present: 1, represented: 0, required: 2, met: false }, votes: [1, 0, 0], weighted: [1, 0, 0] },
  },
  {
    name: 'a proxy makes the quorum and its holder votes twice, once for each seat',
    body: plain,
    rule: 'simple_majority',
    attendance: [here('a1', 'pA'), proxy('a2', 'pA', 'a1'), away('b1', 'pB')],
    ballots: [vote('a1', 'for'), vote('a1', 'for', 'a2')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 1, represented: 1, required: 2, met: true }, votes: [2, 0, 0], weighted: [2, 0, 0] },
  },
  {
    name: 'remote attendance counts like presence',
    body: plain,
    rule: 'simple_majority',
    attendance: [remote('a1', 'pA'), away('a2', 'pA'), remote('b1', 'pB')],
    ballots: [vote('a1', 'for'), vote('b1', 'abstain')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 2, represented: 0, required: 2, met: true }, votes: [1, 0, 1], weighted: [1, 0, 1] },
  },
  {
    name: 'weighted seats: three heads for, one public seat of weight 3 against, a weighted tie rejects',
    body: weightedSeats,
    rule: 'simple_majority',
    attendance: allFour,
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('c1', 'for'), vote('b1', 'against')],
    expected: {
      outcome: 'rejected',
      valid: true,
      quorum: { present: 4, represented: 0, required: 3, met: true },
      votes: [3, 1, 0],
      weighted: [3, 3, 0],
      tie: true,
    },
  },
  {
    name: 'weighted colleges (50/30/20): associations split, public against, companies for → 45 against 55',
    body: weightedColleges,
    rule: 'simple_majority',
    attendance: allFour,
    ballots: [vote('a1', 'for'), vote('a2', 'against'), vote('b1', 'against'), vote('c1', 'for')],
    expected: { outcome: 'rejected', valid: true, quorum: { present: 4, represented: 0, required: 3, met: true }, votes: [2, 2, 0], weighted: [45, 55, 0] },
  },
  {
    name: 'weighted colleges: an association abstains → for 45, against 30, abstain 25',
    body: weightedColleges,
    rule: 'simple_majority',
    attendance: allFour,
    ballots: [vote('a1', 'for'), vote('a2', 'abstain'), vote('b1', 'against'), vote('c1', 'for')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 4, represented: 0, required: 3, met: true }, votes: [2, 1, 1], weighted: [45, 30, 25] },
  },
  {
    name: 'majority of members: a recused member leaves the base, 2 of 3 eligible seats adopt',
    body: { seats: { pA: 2, pB: 2 }, quorum: 3, decisionRule: 'majority_of_members' },
    rule: 'majority_of_members',
    attendance: [here('a1', 'pA'), here('a2', 'pA'), here('b1', 'pB'), here('b2', 'pB')],
    recusals: ['b2'],
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'against')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 4, represented: 0, required: 3, met: true }, votes: [2, 1, 0], weighted: [2, 1, 0] },
  },
  {
    name: 'majority of members without the recusal: 2 of 4 is not a majority',
    body: { seats: { pA: 2, pB: 2 }, quorum: 3, decisionRule: 'majority_of_members' },
    rule: 'majority_of_members',
    attendance: [here('a1', 'pA'), here('a2', 'pA'), here('b1', 'pB'), here('b2', 'pB')],
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'against'), vote('b2', 'against')],
    expected: {
      outcome: 'rejected',
      valid: true,
      quorum: { present: 4, represented: 0, required: 3, met: true },
      votes: [2, 2, 0],
      weighted: [2, 2, 0],
      tie: true,
    },
  },
  {
    name: 'a recused member’s ballot is refused and not counted',
    body: plain,
    rule: 'simple_majority',
    attendance: everyone,
    recusals: ['b1'],
    ballots: [vote('a1', 'for'), vote('b1', 'against'), vote('a2', 'against')],
    expected: {
      outcome: 'rejected',
      valid: false,
      quorum: { present: 3, represented: 0, required: 2, met: true },
      votes: [1, 1, 0],
      weighted: [1, 1, 0],
      tie: true,
      refused: ['recused'],
    },
  },
  {
    name: 'majority of members counts absent seats in the base: 2 for out of 3 seats adopt',
    body: plain,
    rule: 'majority_of_members',
    attendance: [here('a1', 'pA'), here('a2', 'pA'), away('b1', 'pB')],
    ballots: [vote('a1', 'for'), vote('a2', 'for')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 2, represented: 0, required: 2, met: true }, votes: [2, 0, 0], weighted: [2, 0, 0] },
  },
  {
    name: 'unanimity: one abstention breaks it',
    body: plain,
    rule: 'unanimity',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'abstain')],
    expected: { outcome: 'rejected', valid: true, quorum: { present: 3, represented: 0, required: 2, met: true }, votes: [2, 0, 1], weighted: [2, 0, 1] },
  },
  {
    name: 'consensus: the same ballots pass, abstaining is not objecting',
    body: plain,
    rule: 'consensus',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'abstain')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 3, represented: 0, required: 2, met: true }, votes: [2, 0, 1], weighted: [2, 0, 1] },
  },
  {
    name: 'consensus: one objection blocks',
    body: plain,
    rule: 'consensus',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'against')],
    expected: { outcome: 'rejected', valid: true, quorum: { present: 3, represented: 0, required: 2, met: true }, votes: [2, 1, 0], weighted: [2, 1, 0] },
  },
  {
    name: 'unanimity: every ballot for',
    body: plain,
    rule: 'unanimity',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'for')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 3, represented: 0, required: 2, met: true }, votes: [3, 0, 0], weighted: [3, 0, 0] },
  },
  {
    name: 'two thirds: exactly 2 of 3 votes cast adopt',
    body: plain,
    rule: 'two_thirds',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'against')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 3, represented: 0, required: 2, met: true }, votes: [2, 1, 0], weighted: [2, 1, 0] },
  },
  {
    name: 'two thirds: 1 for, 1 against, 1 abstention reject (abstentions are not votes cast)',
    body: plain,
    rule: 'two_thirds',
    attendance: everyone,
    ballots: [vote('a1', 'for'), vote('a2', 'against'), vote('b1', 'abstain')],
    expected: {
      outcome: 'rejected',
      valid: true,
      quorum: { present: 3, represented: 0, required: 2, met: true },
      votes: [1, 1, 1],
      weighted: [1, 1, 1],
      tie: true,
    },
  },
  {
    name: 'two thirds with weights: 2 heads (weight 2) against 1 public seat (weight 3) reject',
    body: { ...weightedSeats, quorum: 2 },
    rule: 'two_thirds',
    attendance: [here('a1', 'pA'), here('a2', 'pA'), here('b1', 'pB'), away('c1', 'pC')],
    ballots: [vote('a1', 'for'), vote('a2', 'for'), vote('b1', 'against')],
    expected: { outcome: 'rejected', valid: true, quorum: { present: 3, represented: 0, required: 2, met: true }, votes: [2, 1, 0], weighted: [2, 3, 0] },
  },
  {
    name: 'quorum as a share: half of 5 seats needs 3, two present is no quorum',
    body: { seats: { pA: 3, pB: 2 }, quorum: 1, decisionRule: 'simple_majority', voting: voting({ quorum: { kind: 'share', share: 0.5 } }) },
    rule: 'simple_majority',
    attendance: [here('a1', 'pA'), here('b1', 'pB'), away('a2', 'pA')],
    ballots: [vote('a1', 'for'), vote('b1', 'for')],
    expected: { outcome: 'no_quorum', valid: false, quorum: { present: 2, represented: 0, required: 3, met: false }, votes: [2, 0, 0], weighted: [2, 0, 0] },
  },
  {
    name: 'quorum as a share: with a proxy the 3 seats are there',
    body: { seats: { pA: 3, pB: 2 }, quorum: 1, decisionRule: 'simple_majority', voting: voting({ quorum: { kind: 'share', share: 0.5 } }) },
    rule: 'simple_majority',
    attendance: [here('a1', 'pA'), here('b1', 'pB'), proxy('a2', 'pA', 'b1')],
    ballots: [vote('a1', 'for'), vote('b1', 'for'), vote('b1', 'against', 'a2')],
    expected: { outcome: 'adopted', valid: true, quorum: { present: 2, represented: 1, required: 3, met: true }, votes: [2, 1, 0], weighted: [2, 1, 0] },
  },
  {
    name: 'per-college quorum: the body’s quorum is met but the public college is absent',
    body: {
      seats: { pA: 2, pB: 1 },
      quorum: 2,
      decisionRule: 'simple_majority',
      voting: voting({
        colleges: [
          { id: 'assoc', name: 'Associations', weight: 1, seats: { pA: 2 }, quorum: { kind: 'count', seats: 1 } },
          { id: 'public', name: 'Acteurs publics', weight: 1, seats: { pB: 1 }, quorum: { kind: 'count', seats: 1 } },
        ],
      }),
    },
    rule: 'simple_majority',
    attendance: [here('a1', 'pA'), here('a2', 'pA'), away('b1', 'pB')],
    ballots: [vote('a1', 'for'), vote('a2', 'for')],
    expected: { outcome: 'no_quorum', valid: false, quorum: { present: 2, represented: 0, required: 2, met: false }, votes: [2, 0, 0], weighted: [2, 0, 0] },
  },
  {
    name: 'proxy cap of 1: the second proxy to the same holder is refused, so is the ballot cast with it',
    body: { seats: { pA: 3 }, quorum: 2, decisionRule: 'simple_majority' },
    rule: 'simple_majority',
    attendance: [here('a1', 'pA'), proxy('a2', 'pA', 'a1'), proxy('a3', 'pA', 'a1')],
    ballots: [vote('a1', 'for'), vote('a1', 'for', 'a2'), vote('a1', 'for', 'a3')],
    expected: {
      outcome: 'adopted',
      valid: false,
      quorum: { present: 1, represented: 1, required: 2, met: true },
      votes: [2, 0, 0],
      weighted: [2, 0, 0],
      refused: ['no_proxy'],
    },
  },
]

describe('vote results (GOV5, GOV9)', () => {
  it.each(SCENARIOS)('[GOV9] $name', ({ body, rule, attendance, ballots, recusals, expected }) => {
    const result = computeVoteResult(body, rule, attendance, ballots, recusals)
    expect(result.outcome).toBe(expected.outcome)
    expect(result.valid).toBe(expected.valid)
    expect(result.quorum).toMatchObject(expected.quorum)
    expect([result.votes.for, result.votes.against, result.votes.abstain]).toEqual(expected.votes)
    const w = result.weighted
    expect([w.for, w.against, w.abstain].map((x) => Math.round(x * 1e6) / 1e6)).toEqual(expected.weighted)
    expect(result.tie).toBe(expected.tie ?? false)
    expect(result.refused.map((r) => r.problem.code)).toEqual(expected.refused ?? [])
  })

  it('[GOV9] the explanation gives each college’s ballots and weights', () => {
    const result = computeVoteResult(weightedColleges, 'simple_majority', allFour, [
      vote('a1', 'for'),
      vote('a2', 'abstain'),
      vote('b1', 'against'),
      vote('c1', 'for'),
    ])
    expect(result.colleges).toEqual([
      { collegeId: 'assoc', name: 'Associations', weight: 50, votes: { for: 1, against: 0, abstain: 1 }, weighted: { for: 25, against: 0, abstain: 25 } },
      { collegeId: 'public', name: 'Acteurs publics', weight: 30, votes: { for: 0, against: 1, abstain: 0 }, weighted: { for: 0, against: 30, abstain: 0 } },
      { collegeId: 'companies', name: 'Entreprises', weight: 20, votes: { for: 1, against: 0, abstain: 0 }, weighted: { for: 20, against: 0, abstain: 0 } },
    ])
    expect(result.membersWeight).toBe(100)
  })
})

describe('quorum (GOV5)', () => {
  it('[GOV5] seats fill in attendance order; members beyond their partner’s seats or without a partner hold none', () => {
    const q = computeQuorum(plain, [
      here('a1', 'pA'),
      here('a2', 'pA'),
      here('a3', 'pA'),
      here('x', 'pX'),
      { memberId: 'n', partnerId: null, status: 'present' },
    ])
    expect(q).toMatchObject({ totalSeats: 3, present: 2, represented: 0, required: 2, met: true })
    const seating = seat(plain, [here('a1', 'pA'), here('a2', 'pA'), here('a3', 'pA')])
    expect([...seating.seatOf.keys()]).toEqual(['a1', 'a2'])
  })

  it('[GOV5] the quorum flips as members arrive and leave', () => {
    expect(computeQuorum(plain, [here('a1', 'pA')]).met).toBe(false)
    expect(computeQuorum(plain, [here('a1', 'pA'), remote('b1', 'pB')]).met).toBe(true)
    expect(computeQuorum(plain, [here('a1', 'pA'), away('b1', 'pB')]).met).toBe(false)
  })

  it('[GOV5] per-college figures are reported', () => {
    const body: VotingBody = {
      ...weightedSeats,
      voting: voting({
        ...weightedSeats.voting!,
        colleges: weightedSeats.voting!.colleges.map((c) => ({ ...c, quorum: { kind: 'share', share: 0.5 } as const })),
      }),
    }
    const q = computeQuorum(body, [here('a1', 'pA'), away('a2', 'pA'), here('b1', 'pB'), away('c1', 'pC')])
    expect(q.colleges).toEqual([
      { collegeId: 'assoc', name: 'Associations', seats: 2, present: 1, represented: 0, required: 1, met: true },
      { collegeId: 'public', name: 'Acteurs publics', seats: 1, present: 1, represented: 0, required: 1, met: true },
      { collegeId: 'companies', name: 'Entreprises', seats: 1, present: 0, represented: 0, required: 1, met: false },
    ])
    expect(q.met).toBe(false)
  })

  it('[GOV4] proxies to oneself, to an absent member or beyond the cap are refused and named', () => {
    const q = computeQuorum({ seats: { pA: 4 }, quorum: 1, decisionRule: 'consensus', voting: voting({ maxProxies: 1 }) }, [
      here('a1', 'pA'),
      proxy('a2', 'pA', 'a2'),
      proxy('a3', 'pA', 'a4'),
      away('a4', 'pA'),
    ])
    expect(q.problems.map((p) => [p.code, p.memberId])).toEqual([
      ['proxy_invalid', 'a2'],
      ['proxy_invalid', 'a3'],
    ])
    const capped = computeQuorum({ seats: { pA: 4 }, quorum: 1, decisionRule: 'consensus', voting: voting({ maxProxies: 2 }) }, [
      here('a1', 'pA'),
      proxy('a2', 'pA', 'a1'),
      proxy('a3', 'pA', 'a1'),
      proxy('a4', 'pA', 'a1'),
    ])
    expect(capped.represented).toBe(2)
    expect(capped.problems.map((p) => [p.code, p.rule, p.memberId])).toEqual([['proxy_cap_exceeded', 'GOV4', 'a4']])
  })
})

describe('ballots (GOV6–GOV8)', () => {
  const attendance = [here('a1', 'pA'), proxy('a2', 'pA', 'a1'), away('b1', 'pB'), here('x', 'pX')]
  const seating = seat(plain, attendance)
  const CASES: [string, Ballot, Ballot[], string[], string | null, string | null][] = [
    ['a present member votes', vote('a1', 'for'), [], [], null, null],
    ['the proxy holder votes for the giver', vote('a1', 'against', 'a2'), [vote('a1', 'for')], [], null, null],
    ['a second ballot for the same seat', vote('a1', 'against'), [vote('a1', 'for')], [], 'double_vote', 'GOV7'],
    ['a ballot for a member without their proxy', vote('a1', 'for', 'b1'), [], [], 'no_proxy', 'GOV7'],
    ['an absent member', vote('b1', 'for'), [], [], 'not_present', 'GOV6'],
    ['a member without a seat', vote('x', 'for'), [], [], 'not_seated', 'GOV6'],
    ['a stranger', vote('zz', 'for'), [], [], 'not_seated', 'GOV6'],
    ['a recused member', vote('a1', 'for'), [], ['a1'], 'recused', 'GOV8'],
    ['the proxy of a recused member', vote('a1', 'for', 'a2'), [], ['a2'], 'recused', 'GOV8'],
  ]
  it.each(CASES)('[GOV6] [GOV7] [GOV8] %s', (_name, ballot, counted, recusals, code, rule) => {
    const p = checkBallot(seating, new Set(recusals), counted, ballot)
    expect(p?.code ?? null).toBe(code)
    expect(p?.rule ?? null).toBe(rule)
    if (p) expect(p.message.fr && p.message.en).toBeTruthy()
  })
})

describe('voting extension of a body (GOV1–GOV3)', () => {
  const ctx = workspaceContextFrom([], [{ id: 'pA' }, { id: 'pB' }, { id: 'pC' }])
  const base = {
    name: 'Comité de pilotage',
    level: 'strategic',
    mandate: '',
    seats: { pA: 2, pB: 1, pC: 1 },
    decisionRule: 'simple_majority',
    quorum: 3,
    cadence: 'monthly',
    chair: null,
    order: 'a0',
  }
  const rulesOf = (v: unknown) => validateBody({ ...base, voting: v }, ctx, 'bodies/b1').map((x) => x.rule)

  it('[GOV1] a body without voting, or with null, stays valid (bodies seeded before GOV)', () => {
    expect(validateBody(base, ctx, 'bodies/b1')).toEqual([])
    expect(rulesOf(null)).toEqual([])
  })
  it('[GOV1] [GOV2] [GOV3] consistent colleges, weights and quorums pass', () => {
    expect(rulesOf(weightedSeats.voting)).toEqual([])
    expect(rulesOf(weightedColleges.voting)).toEqual([])
    expect(rulesOf(voting({ quorum: { kind: 'share', share: 2 / 3 }, rules: { charter: 'two_thirds', budget: 'majority_of_members' } }))).toEqual([])
  })
  const INVALID: [string, string, unknown][] = [
    ['GOV1', 'a malformed extension', { colleges: 'all' }],
    ['GOV1', 'an unknown rule for a decision type', voting({ rules: { charter: 'most' } as never })],
    ['GOV1', 'more than 20 proxies', voting({ maxProxies: 21 })],
    ['GOV2', 'a negative weight', voting({ colleges: weightedSeats.voting!.colleges.map((c, i) => (i === 0 ? { ...c, weight: -1 } : c)) })],
    ['GOV2', 'every weight zero', voting({ colleges: weightedSeats.voting!.colleges.map((c) => ({ ...c, weight: 0 })) })],
    ['GOV3', 'colleges that do not add up to the body’s seats', voting({ colleges: weightedSeats.voting!.colleges.slice(0, 2) })],
    ['GOV3', 'two colleges with the same id', voting({ colleges: weightedSeats.voting!.colleges.map((c) => ({ ...c, id: 'same' })) })],
    ['VAL15', 'a share quorum of zero', voting({ quorum: { kind: 'share', share: 0 } })],
    ['VAL15', 'a count quorum above the seats', voting({ quorum: { kind: 'count', seats: 5 } })],
    [
      'VAL15',
      'a college quorum above its seats',
      voting({ colleges: weightedSeats.voting!.colleges.map((c) => ({ ...c, quorum: { kind: 'count', seats: 3 } as const })) }),
    ],
  ]
  it.each(INVALID)('[%s] refuses %s', (rule, _name, v) => {
    expect(rulesOf(v)).toContain(rule)
  })

  it('[GOV1] the rule of a decision type falls back to the body’s decision rule', () => {
    const body: VotingBody = { ...plain, voting: voting({ rules: { charter: 'two_thirds' } }) }
    expect(ruleFor(body, 'charter')).toBe('two_thirds')
    expect(ruleFor(body, 'budget')).toBe('simple_majority')
    expect(ruleFor(plain, 'charter')).toBe('simple_majority')
  })
})

describe('voting in the governance document (GOV1)', () => {
  it('[GOV1] a body written with voting reads back whole and passes the shape rules; one without keeps passing', () => {
    const doc = new Y.Doc()
    const input = {
      name: 'AG',
      level: 'strategic',
      mandate: '',
      seats: { pA: 2, pB: 1, pC: 1 },
      decisionRule: 'simple_majority',
      quorum: 3,
      cadence: 'annual',
      chair: null,
      order: 'a0',
    } as const
    bodiesOf(doc).set('b1', buildBody({ ...input, voting: weightedColleges.voting! }))
    bodiesOf(doc).set('b2', buildBody(input))
    expect(readBody(bodiesOf(doc).get('b1')!).voting).toEqual(weightedColleges.voting)
    expect(readBody(bodiesOf(doc).get('b2')!).voting).toBeNull()
    expect(readBodyShape(bodiesOf(doc).get('b1')!, 'bodies/b1').violations).toEqual([])
    expect(readBodyShape(bodiesOf(doc).get('b2')!, 'bodies/b2').violations).toEqual([])
    bodiesOf(doc).get('b2')!.set('votingg', {})
    expect(readBodyShape(bodiesOf(doc).get('b2')!, 'bodies/b2').violations.map((v) => v.rule)).toEqual(['VAL1'])
  })
})

describe('[GOV18] a secret vote publishes its totals and outcome, nothing per college or seat', () => {
  // The public actors' college has one seat: any figure per college, or a weighted total, tells b1's ballot.
  const ballots = [vote('a1', 'for'), vote('a2', 'against'), vote('b1', 'for'), vote('c1', 'against')]
  const attendance = [here('a1', 'pA'), here('a2', 'pA'), here('b1', 'pB'), here('c1', 'pC')]

  it('[GOV18] the secret result drops the tally per college, the weighted totals and the tie, and keeps totals, outcome and quorum', () => {
    const full = computeVoteResult(weightedSeats, 'simple_majority', attendance, ballots)
    expect(full.colleges.find((c) => c.collegeId === 'public')!.votes).toEqual({ for: 1, against: 0, abstain: 0 })
    const secret = publicResult(full, true)
    expect(secret).toMatchObject({ secret: true, outcome: 'adopted', votes: { for: 2, against: 2, abstain: 0 }, colleges: [], weighted: null, tie: null })
    expect(secret.quorum).toEqual(full.quorum)
    const text = JSON.stringify(secret)
    for (const leak of ['"weight"', '"votes":{"for":1', 'b1', '"choice"']) expect(text).not.toContain(leak)
    // Applied again to a stored result (idempotent), it changes nothing.
    expect(secretResult(secret)).toEqual(secret)
  })

  it('[GOV18] an open vote keeps its explanation per college and weighted totals', () => {
    const open = publicResult(computeVoteResult(weightedSeats, 'simple_majority', attendance, ballots), false)
    expect(open).toMatchObject({ secret: false, weighted: { for: 4, against: 2, abstain: 0 }, tie: false })
    expect(open.colleges.map((c) => c.collegeId)).toEqual(['assoc', 'public', 'companies'])
  })

  it('[GOV18] a refused ballot of a secret vote names the seat and the reason, never the choice', () => {
    const late = [...ballots.slice(0, 3), vote('c1', 'against'), vote('c1', 'for')]
    const secret = publicResult(computeVoteResult(weightedSeats, 'simple_majority', attendance, late), true)
    expect(secret.refused).toEqual([{ forId: 'c1', voterId: 'c1', problem: expect.objectContaining({ code: 'double_vote' }) }])
    expect(JSON.stringify(secret.refused)).not.toContain('"for"')
  })
})
