import { z } from 'zod'

/**
 * How a body votes, an optional extension of a governance body (stored as one plain JSON value
 * `voting` in the body's Y.Map, so older bodies without it stay valid and mean "one college holding
 * every seat, one seat one vote, the body's quorum and decision rule").
 */

/** The decision rules a vote can use: the body's default rules plus majority of members. */
export const VOTE_RULES = ['consensus', 'simple_majority', 'two_thirds', 'unanimity', 'majority_of_members'] as const
export const voteRuleSchema = z.enum(VOTE_RULES)
export type VoteRule = z.infer<typeof voteRuleSchema>

/** Kinds of decision a charter may give its own rule (e.g. two thirds to amend the charter). */
export const DECISION_TYPES = ['ordinary', 'budget', 'charter', 'membership', 'minutes'] as const
export const decisionTypeSchema = z.enum(DECISION_TYPES)
export type DecisionType = z.infer<typeof decisionTypeSchema>

/** A quorum: a number of seats, or a share (0–1) of the seats, rounded up. */
export const quorumSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), seats: z.number().int().min(0).max(100000) }),
  z.object({ kind: z.literal('share'), share: z.number().min(0).max(1) }),
])
export type QuorumSpec = z.infer<typeof quorumSpecSchema>

const idSchema = z.string().min(1).max(64)

/**
 * A college (collège): a group of seats voting with one weight, e.g. associations, public actors,
 * companies. `weight` is per seat (`per_seat`) or for the whole college (`per_college`, shared among
 * the seats that take part). Negative weights parse here so the rules can name them (GOV2).
 */
export const collegeSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(160),
  weight: z.number().finite(),
  /** Seats per partner within this college. */
  seats: z.record(idSchema, z.number().int().min(0).max(1000)),
  /** A quorum of this college on top of the body's; null: none. */
  quorum: quorumSpecSchema.nullable(),
})
export type College = z.infer<typeof collegeSchema>

export const WEIGHTINGS = ['per_seat', 'per_college'] as const

export const bodyVotingSchema = z.object({
  /** Empty: one implicit college holding the body's seats, weight 1 per seat. */
  colleges: z.array(collegeSchema).max(20),
  weighting: z.enum(WEIGHTINGS),
  /** How many proxies one member may hold. */
  maxProxies: z.number().int().min(0).max(20),
  /** Overrides the body's `quorum` (a count of seats) when set. */
  quorum: quorumSpecSchema.nullable(),
  /** Rule per decision type; a missing type uses the body's `decisionRule`. */
  rules: z.partialRecord(decisionTypeSchema, voteRuleSchema),
})
export type BodyVoting = z.infer<typeof bodyVotingSchema>

/** The voting of a body that has no `voting` extension. */
export const DEFAULT_VOTING: BodyVoting = Object.freeze({ colleges: [], weighting: 'per_seat', maxProxies: 1, quorum: null, rules: {} })

/** What the vote computation needs from a body (a `GovernanceBody` fits). */
export interface VotingBody {
  seats: Readonly<Record<string, number>>
  quorum: number
  decisionRule: VoteRule
  voting?: BodyVoting | null | undefined
}

export const IMPLICIT_COLLEGE_ID = 'all'

/** The colleges of a body, the implicit one when it defines none. */
export function collegesOf(body: VotingBody): readonly College[] {
  const colleges = body.voting?.colleges ?? []
  if (colleges.length > 0) return colleges
  return [{ id: IMPLICIT_COLLEGE_ID, name: '', weight: 1, seats: { ...body.seats }, quorum: null }]
}

export const votingOf = (body: VotingBody): BodyVoting => body.voting ?? DEFAULT_VOTING

/** The rule a decision of this type is taken with. */
export const ruleFor = (body: VotingBody, type: DecisionType): VoteRule => votingOf(body).rules[type] ?? body.decisionRule

/** Seats a quorum spec requires out of `total` (a share rounds up: half of 5 seats is 3). */
export function requiredSeats(spec: QuorumSpec, total: number): number {
  if (spec.kind === 'count') return spec.seats
  // Rounded to 1e-9 first so that 0.6 × 5 is 3, not 3.0000000000000004 → 4.
  return Math.ceil(Math.round(spec.share * total * 1e9) / 1e9)
}
