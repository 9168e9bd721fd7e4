import type { AttendanceEntry } from './attendance.ts'
import type { GovProblem } from './problems.ts'
import { type Seating, seat, seatPresence } from './seating.ts'
import { requiredSeats, type VotingBody, votingOf } from './voting.ts'

export interface CollegeQuorum {
  collegeId: string
  name: string
  seats: number
  present: number
  represented: number
  /** Seats this college must have present or represented; null when it has no quorum of its own. */
  required: number | null
  met: boolean
}

/** The quorum at one moment of a meeting, with the figures that explain it. */
export interface QuorumResult {
  totalSeats: number
  /** Seats held by a member present in the room or remotely. */
  present: number
  /** Seats of absent members whose proxy is held by a member who is in. */
  represented: number
  required: number
  met: boolean
  colleges: CollegeQuorum[]
  problems: readonly GovProblem[]
}

/**
 * GOV5: the quorum counts the seats present or represented by proxy against the body's quorum (a
 * count, or a share of the seats rounded up), and, for colleges that have one, against each
 * college's own quorum; all must be met.
 */
export function computeQuorum(body: VotingBody, attendance: readonly AttendanceEntry[]): QuorumResult {
  return quorumOf(body, seat(body, attendance))
}

export function quorumOf(body: VotingBody, seating: Seating): QuorumResult {
  const colleges: CollegeQuorum[] = seating.colleges.map((c) => ({
    collegeId: c.id,
    name: c.name,
    seats: 0,
    present: 0,
    represented: 0,
    required: null,
    met: true,
  }))
  const index = new Map(colleges.map((c, i) => [c.collegeId, i]))
  for (const s of seating.seats) {
    const college = colleges[index.get(s.collegeId)!]!
    college.seats++
    const presence = seatPresence(seating, s)
    if (presence === 'present') college.present++
    else if (presence === 'represented') college.represented++
  }
  seating.colleges.forEach((c, i) => {
    const college = colleges[i]!
    if (c.quorum) {
      college.required = requiredSeats(c.quorum, college.seats)
      college.met = college.present + college.represented >= college.required
    }
  })
  const totalSeats = seating.seats.length
  const present = colleges.reduce((n, c) => n + c.present, 0)
  const represented = colleges.reduce((n, c) => n + c.represented, 0)
  const spec = votingOf(body).quorum
  const required = spec ? requiredSeats(spec, totalSeats) : body.quorum
  // A body without seats can decide nothing: its quorum is never met.
  const met = totalSeats > 0 && present + represented >= required && colleges.every((c) => c.met)
  return { totalSeats, present, represented, required, met, colleges, problems: seating.problems }
}
