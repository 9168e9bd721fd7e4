import { z } from 'zod'
import type { ActionStatus } from '../entities/action.ts'

/**
 * Participation beside the balance (docs/SPEC.md BAL10): per partner, the meetings at least one of
 * its members attended (present or remote), the actions one of its members carries as accountable
 * (A) or among the responsible (R), and the ballots cast for its members' seats. Pure: the server
 * gathers the rows (attendance and ballots from SQL, actions from the plan) and calls it.
 */
const count = z.number().int().nonnegative()
export const partnerParticipationSchema = z.object({
  partnerId: z.string(),
  meetingsAttended: count,
  accountable: count,
  responsible: count,
  votesCast: count,
})
export type PartnerParticipation = z.infer<typeof partnerParticipationSchema>

/** The answer of GET /api/workspaces/:id/balance/participation. */
export const participationSchema = z.object({
  /** Meetings whose attendance was taken (the most a partner can have attended). */
  meetings: count,
  partners: z.array(partnerParticipationSchema),
})
export type Participation = z.infer<typeof participationSchema>

export interface ParticipationInput {
  partnerIds: readonly string[]
  /** Each member's partner (members without one count for nobody). */
  partnerOf: ReadonlyMap<string, string | null>
  attendance: Iterable<{ meetingId: string; userId: string; status: string }>
  /** One per ballot: the member whose seat it was cast for (a proxy's ballot counts for the seat's partner). */
  ballots: Iterable<{ forId: string }>
  actions: Iterable<{ status: ActionStatus; accountable: string | null; responsible: readonly string[] }>
}

/** Actions that carry nothing yet or any more. */
const NOT_CARRIED: ReadonlySet<ActionStatus> = new Set(['proposed', 'cancelled'])

export function participationOf(input: ParticipationInput): Participation {
  const rows = new Map(input.partnerIds.map((partnerId) => [partnerId, { partnerId, meetingsAttended: 0, accountable: 0, responsible: 0, votesCast: 0 }]))
  const partnerRow = (userId: string | null) => {
    const partnerId = userId === null ? null : input.partnerOf.get(userId)
    return partnerId ? rows.get(partnerId) : undefined
  }
  const meetings = new Set<string>()
  const attended = new Set<string>()
  for (const { meetingId, userId, status } of input.attendance) {
    meetings.add(meetingId)
    const row = partnerRow(userId)
    if (!row || (status !== 'present' && status !== 'remote')) continue
    const key = `${row.partnerId}\u0000${meetingId}`
    if (attended.has(key)) continue
    attended.add(key)
    row.meetingsAttended++
  }
  for (const { forId } of input.ballots) {
    const row = partnerRow(forId)
    if (row) row.votesCast++
  }
  for (const action of input.actions) {
    if (NOT_CARRIED.has(action.status)) continue
    const a = partnerRow(action.accountable)
    if (a) a.accountable++
    // An action counts once per partner, however many of its members are responsible.
    const responsible = new Set(action.responsible.map((id) => partnerRow(id)).filter((row) => row !== undefined))
    for (const row of responsible) row.responsible++
  }
  return { meetings: meetings.size, partners: [...rows.values()] }
}
