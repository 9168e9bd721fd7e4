import type { VoteChoice } from './attendance.ts'
import type { CollegeTally } from './votes.ts'

/** One line of a college's explanation: « 2 pour × 2 = 4 ». */
export interface ChoiceExplanation {
  choice: VoteChoice
  /** Ballots of this choice in the college. */
  count: number
  /** What one ballot of the college weighs. */
  perBallot: number
  /** count × perBallot, as counted. */
  weighted: number
}

export interface CollegeExplanation {
  collegeId: string
  /** Empty for the implicit college of a body without colleges. */
  name: string
  perBallot: number
  /** One line per choice that has ballots, in the order for, against, abstain. */
  choices: ChoiceExplanation[]
}

const CHOICES = ['for', 'against', 'abstain'] as const satisfies readonly VoteChoice[]
const round = (n: number) => Math.round(n * 100) / 100

/**
 * EDGE1: how each college's ballots became the weighted totals. The weight of one ballot is read
 * back from the tally itself (weighted ÷ ballots), so results stored before this explanation
 * existed explain themselves too; a college without ballots weighs its declared weight per seat.
 * Numbers are rounded to hundredths, as shown.
 */
export function explainColleges(colleges: readonly CollegeTally[]): CollegeExplanation[] {
  return colleges.map((c) => {
    const cast = c.votes.for + c.votes.against + c.votes.abstain
    const weighedCast = c.weighted.for + c.weighted.against + c.weighted.abstain
    const perBallot = round(cast > 0 ? weighedCast / cast : c.weight)
    const choices = CHOICES.filter((choice) => c.votes[choice] > 0).map((choice) => ({
      choice,
      count: c.votes[choice],
      perBallot,
      weighted: round(c.weighted[choice]),
    }))
    return { collegeId: c.collegeId, name: c.name, perBallot, choices }
  })
}
