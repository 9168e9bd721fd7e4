import { type AttendanceEntry, type Ballot, isIn, type VoteChoice } from './attendance.ts'
import { type GovProblem, problem } from './problems.ts'
import { quorumOf, type QuorumResult } from './quorum.ts'
import { type Seating, seat } from './seating.ts'
import { type VoteRule, type VotingBody, votingOf } from './voting.ts'

export type VoteOutcome = 'adopted' | 'rejected' | 'no_quorum'

export interface Tally {
  for: number
  against: number
  abstain: number
}

export interface CollegeTally {
  collegeId: string
  name: string
  weight: number
  /** Ballots counted in this college, one per seat. */
  votes: Tally
  /** Their weight: `weight` per ballot (per seat), or the college's weight shared among its ballots (per college). */
  weighted: Tally
}

/** A vote's result with everything needed to explain it. */
export interface VoteResult {
  rule: VoteRule
  outcome: VoteOutcome
  /** Quorum met and every ballot accepted. */
  valid: boolean
  quorum: QuorumResult
  colleges: CollegeTally[]
  votes: Tally
  weighted: Tally
  /** The weight a majority of members is measured against (every seat not recused). */
  membersWeight: number
  /** For and against weigh the same (simple majority, two thirds and majority of members reject on a tie). */
  tie: boolean
  /** Ballots not counted, with why. */
  refused: { ballot: Ballot; problem: GovProblem }[]
}

const EPSILON = 1e-9
const zero = (): Tally => ({ for: 0, against: 0, abstain: 0 })

/**
 * Whether `ballot` may be cast given the ballots already counted (GOV6–GOV8): the voter sits and is
 * in (present or remote); voting for someone else needs that member's proxy; nobody votes twice for
 * the same seat; recused members neither vote nor have their proxy voted.
 */
export function checkBallot(seating: Seating, recusals: ReadonlySet<string>, counted: readonly Ballot[], ballot: Ballot): GovProblem | null {
  const voter = seating.attendance.get(ballot.voterId)
  if (!voter || !seating.seatOf.has(ballot.voterId)) {
    return problem('not_seated', 'GOV6', 'Ce membre ne siège pas dans cette instance.', 'This member holds no seat in this body.', ballot.voterId)
  }
  if (!isIn(voter.status))
    return problem('not_present', 'GOV6', 'Seul un membre présent ou à distance vote.', 'Only a member who is present or remote votes.', ballot.voterId)
  if (recusals.has(ballot.voterId) || recusals.has(ballot.forId)) {
    return problem(
      'recused',
      'GOV8',
      'Un membre en conflit d’intérêts (déport) ne vote pas et sa procuration non plus.',
      'A recused member (conflict of interest) does not vote, nor is their proxy used.',
      recusals.has(ballot.voterId) ? ballot.voterId : ballot.forId,
    )
  }
  if (ballot.forId !== ballot.voterId && seating.proxies.get(ballot.forId) !== ballot.voterId) {
    return problem('no_proxy', 'GOV7', 'Voter au nom d’un autre membre demande sa procuration.', 'Voting for another member needs their proxy.', ballot.forId)
  }
  if (counted.some((b) => b.forId === ballot.forId)) {
    return problem('double_vote', 'GOV7', 'Ce siège a déjà voté.', 'This seat has already voted.', ballot.forId)
  }
  return null
}

/**
 * GOV9: the result of a vote under `rule`. The quorum is taken from this attendance; without it the
 * outcome is `no_quorum` whatever the ballots. Otherwise, weights in hand:
 * - consensus: at least one for and no against (abstaining does not block);
 * - simple majority of votes cast: for > against (abstentions not counted; a tie rejects);
 * - majority of members: for > half of the weight of every seat not recused, present or not;
 * - two thirds of votes cast: for ≥ 2/3 × (for + against), and for > 0;
 * - unanimity: at least one for, no against and no abstention.
 */
export function computeVoteResult(
  body: VotingBody,
  rule: VoteRule,
  attendance: readonly AttendanceEntry[],
  ballots: readonly Ballot[],
  recusals: Iterable<string> = [],
): VoteResult {
  const seating = seat(body, attendance)
  const recused = new Set(recusals)
  const quorum = quorumOf(body, seating)
  const counted: Ballot[] = []
  const refused: VoteResult['refused'] = []
  for (const ballot of ballots) {
    const p = checkBallot(seating, recused, counted, ballot)
    if (p) refused.push({ ballot, problem: p })
    else counted.push(ballot)
  }

  const perCollege = votingOf(body).weighting === 'per_college'
  const colleges: CollegeTally[] = seating.colleges.map((c) => ({ collegeId: c.id, name: c.name, weight: c.weight, votes: zero(), weighted: zero() }))
  const index = new Map(colleges.map((c, i) => [c.collegeId, i]))
  const collegeOfMember = (memberId: string) => colleges[index.get(seating.seats[seating.seatOf.get(memberId)!]!.collegeId)!]!
  for (const b of counted) collegeOfMember(b.forId).votes[b.choice]++

  // Seats that count towards a majority of members: all of the body's seats except the recused ones.
  const eligible = new Map<string, number>(colleges.map((c) => [c.collegeId, 0]))
  for (const s of seating.seats) if (s.memberId === null || !recused.has(s.memberId)) eligible.set(s.collegeId, eligible.get(s.collegeId)! + 1)

  let membersWeight = 0
  for (const c of colleges) {
    const cast = c.votes.for + c.votes.against + c.votes.abstain
    const seats = eligible.get(c.collegeId)!
    // Per college, the college's weight is shared among its ballots, or among its eligible seats
    // when the rule counts members rather than votes cast.
    const base = rule === 'majority_of_members' ? seats : cast
    const perBallot = perCollege ? (base > 0 ? c.weight / base : 0) : c.weight
    for (const choice of ['for', 'against', 'abstain'] as const satisfies readonly VoteChoice[]) c.weighted[choice] = c.votes[choice] * perBallot
    membersWeight += perCollege ? (seats > 0 ? c.weight : 0) : c.weight * seats
  }
  const votes = sum(colleges.map((c) => c.votes))
  const weighted = sum(colleges.map((c) => c.weighted))
  const tie = Math.abs(weighted.for - weighted.against) < EPSILON
  const outcome: VoteOutcome = !quorum.met ? 'no_quorum' : adopts(rule, votes, weighted, membersWeight) ? 'adopted' : 'rejected'
  const valid = quorum.met && refused.length === 0
  return { rule, outcome, valid, quorum, colleges, votes, weighted, membersWeight, tie, refused }
}

function adopts(rule: VoteRule, votes: Tally, weighted: Tally, membersWeight: number): boolean {
  switch (rule) {
    case 'consensus':
      return votes.for > 0 && votes.against === 0
    case 'unanimity':
      return votes.for > 0 && votes.against === 0 && votes.abstain === 0
    case 'simple_majority':
      return weighted.for > weighted.against + EPSILON
    case 'majority_of_members':
      return weighted.for > membersWeight / 2 + EPSILON
    case 'two_thirds':
      return weighted.for > EPSILON && 3 * weighted.for >= 2 * (weighted.for + weighted.against) - EPSILON
  }
}

const sum = (tallies: Tally[]): Tally =>
  tallies.reduce((t, x) => ({ for: t.for + x.for, against: t.against + x.against, abstain: t.abstain + x.abstain }), zero())
