import { describe, expect, it } from 'vitest'
import {
  type AttendanceEntry,
  type Ballot,
  type BodyVoting,
  computeVoteResult,
  explainColleges,
  publicResult,
  type VoteRule,
  type VotingBody,
} from '../src/index.ts'

/** EDGE1: a weighted vote result explains itself per college (« Collège des financeurs : 2 pour × 2 = 4 »). */

const here = (memberId: string, partnerId: string): AttendanceEntry => ({ memberId, partnerId, status: 'present' })
const vote = (voterId: string, choice: Ballot['choice']): Ballot => ({ voterId, forId: voterId, choice })
const voting = (patch: Partial<BodyVoting>): BodyVoting => ({ colleges: [], weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {}, ...patch })

const perSeat: VotingBody = {
  seats: { pF: 2, pA: 3 },
  quorum: 3,
  decisionRule: 'simple_majority',
  voting: voting({
    colleges: [
      { id: 'funders', name: 'Collège des financeurs', weight: 2, seats: { pF: 2 }, quorum: null },
      { id: 'assoc', name: 'Collège des associations', weight: 1, seats: { pA: 3 }, quorum: null },
    ],
  }),
}
const perCollege: VotingBody = {
  ...perSeat,
  voting: voting({
    weighting: 'per_college',
    colleges: [
      { id: 'funders', name: 'Collège des financeurs', weight: 60, seats: { pF: 2 }, quorum: null },
      { id: 'assoc', name: 'Collège des associations', weight: 40, seats: { pA: 3 }, quorum: null },
    ],
  }),
}
const everyone = [here('f1', 'pF'), here('f2', 'pF'), here('a1', 'pA'), here('a2', 'pA'), here('a3', 'pA')]

type Line = [name: string, choice: string, count: number, perBallot: number, weighted: number]
const cases: { name: string; body: VotingBody; rule: VoteRule; ballots: Ballot[]; lines: Line[]; totals: [number, number, number] }[] = [
  {
    name: 'per seat: each ballot weighs the college weight',
    body: perSeat,
    rule: 'simple_majority',
    ballots: [vote('f1', 'for'), vote('f2', 'for'), vote('a1', 'against'), vote('a2', 'against'), vote('a3', 'abstain')],
    lines: [
      ['Collège des financeurs', 'for', 2, 2, 4],
      ['Collège des associations', 'against', 2, 1, 2],
      ['Collège des associations', 'abstain', 1, 1, 1],
    ],
    totals: [4, 2, 1],
  },
  {
    name: 'per college: the college weight shared among its ballots',
    body: perCollege,
    rule: 'simple_majority',
    ballots: [vote('f1', 'for'), vote('f2', 'against'), vote('a1', 'against'), vote('a2', 'against'), vote('a3', 'for')],
    lines: [
      ['Collège des financeurs', 'for', 1, 30, 30],
      ['Collège des financeurs', 'against', 1, 30, 30],
      ['Collège des associations', 'for', 1, 13.33, 13.33],
      ['Collège des associations', 'against', 2, 13.33, 26.67],
    ],
    totals: [43.33, 56.67, 0],
  },
  {
    name: 'per college, majority of members: shared among the eligible seats',
    body: perCollege,
    rule: 'majority_of_members',
    ballots: [vote('f1', 'for'), vote('a1', 'for')],
    lines: [
      ['Collège des financeurs', 'for', 1, 30, 30],
      ['Collège des associations', 'for', 1, 13.33, 13.33],
    ],
    totals: [43.33, 0, 0],
  },
  { name: 'no ballot: nothing to explain', body: perSeat, rule: 'simple_majority', ballots: [], lines: [], totals: [0, 0, 0] },
]

describe('EDGE1 a weighted vote result explains itself per college', () => {
  it.each(cases)('[EDGE1] $name', ({ body, rule, ballots, lines, totals }) => {
    const result = computeVoteResult(body, rule, everyone, ballots)
    const explained = explainColleges(publicResult(result, false).colleges)
    expect(explained.flatMap((c) => c.choices.map((l): Line => [c.name, l.choice, l.count, l.perBallot, l.weighted]))).toEqual(lines)
    // The lines add up to the weighted totals the outcome was decided on.
    for (const [i, choice] of (['for', 'against', 'abstain'] as const).entries()) {
      const sum = explained.flatMap((c) => c.choices.filter((l) => l.choice === choice)).reduce((s, l) => s + l.weighted, 0)
      expect(sum).toBeCloseTo(totals[i]!, 1)
      expect(result.weighted[choice]).toBeCloseTo(totals[i]!, 1)
    }
  })

  it('[EDGE1] a college without ballots still states what one ballot weighs', () => {
    const result = computeVoteResult(perSeat, 'simple_majority', everyone, [vote('a1', 'for')])
    expect(explainColleges(result.colleges).map((c) => [c.name, c.perBallot, c.choices.length])).toEqual([
      ['Collège des financeurs', 2, 0],
      ['Collège des associations', 1, 1],
    ])
  })
})
