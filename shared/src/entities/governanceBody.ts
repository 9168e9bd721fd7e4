import { z } from 'zod'
import { orderKeySchema } from '../layouts/order.ts'
import { bodyVotingSchema } from '../governance/voting.ts'
import { LIMITS } from '../limits.ts'

export const BODY_LEVELS = ['strategic', 'operational', 'functional'] as const
export const bodyLevelSchema = z.enum(BODY_LEVELS)
export type BodyLevel = z.infer<typeof bodyLevelSchema>

export const DECISION_RULES = ['consensus', 'simple_majority', 'two_thirds', 'unanimity'] as const
export const decisionRuleSchema = z.enum(DECISION_RULES)
export type DecisionRule = z.infer<typeof decisionRuleSchema>

export const MEETING_CADENCES = ['weekly', 'monthly', 'quarterly', 'biannual', 'annual', 'as_needed'] as const
export const meetingCadenceSchema = z.enum(MEETING_CADENCES)

/** A governance body (instance): assemblée générale, comité de pilotage, comité technique, groupe de travail. */
export const governanceBodySchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.bodyNameLength),
  level: bodyLevelSchema,
  mandate: z.string().max(LIMITS.textFieldLength),
  /** Seats per partner: partnerId → number of seats. */
  seats: z.record(z.string().min(1).max(64), z.number().int().min(0).max(1000)),
  decisionRule: decisionRuleSchema,
  /** Number of seats that must be present for the body to decide. */
  quorum: z.number().int().min(0).max(100000),
  cadence: meetingCadenceSchema,
  /** User id of the chair, or null. */
  chair: z.string().min(1).max(64).nullable(),
  order: orderKeySchema,
  /** Colleges, weights, proxies, quorum and rules per decision type (GOV1–GOV3); absent on older bodies. */
  voting: bodyVotingSchema.nullable().optional(),
})
export type GovernanceBody = z.infer<typeof governanceBodySchema>
