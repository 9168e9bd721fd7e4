import { z } from 'zod'
import { isoDateSchema } from '../dates.ts'
import { orderKeySchema } from '../layouts/order.ts'
import { LIMITS } from '../limits.ts'

/**
 * The objectives of the plan (docs/SPEC.md OBJ): a strategic objective states where the alliance
 * wants to be in 3 to 5 years, tied to the shared vision; under it, operational objectives are
 * SMART — specific (a statement), measurable (an indicator with a baseline, a target and a unit),
 * achievable (the resources it relies on), relevant (its strategic objective) and time-bound (a
 * target date inside the plan period). Both live in the plan document's `objectives` map.
 */
export const OBJECTIVE_KINDS = ['strategic', 'operational'] as const
export const objectiveKindSchema = z.enum(OBJECTIVE_KINDS)
export type ObjectiveKind = z.infer<typeof objectiveKindSchema>

/** An operational objective is written as a draft; « validé » once every SMART letter holds. */
export const OBJECTIVE_STATUSES = ['draft', 'validated'] as const
export const objectiveStatusSchema = z.enum(OBJECTIVE_STATUSES)
export type ObjectiveStatus = z.infer<typeof objectiveStatusSchema>

export const HORIZON_YEARS = { min: 3, max: 5 } as const

const ref = z.string().min(1).max(64)

export const strategicObjectiveSchema = z.object({
  kind: z.literal('strategic'),
  title: z.string().trim().min(1).max(LIMITS.actionTitleLength),
  /** Years ahead the objective looks (the shared vision's horizon). */
  horizon: z.number().int().min(HORIZON_YEARS.min).max(HORIZON_YEARS.max),
  /** What part of the shared vision (the `vision` document) it serves, in the alliance's words. */
  vision: z.string().max(LIMITS.textFieldLength),
  order: orderKeySchema,
})
export type StrategicObjective = z.infer<typeof strategicObjectiveSchema>

export const operationalObjectiveSchema = z.object({
  kind: z.literal('operational'),
  title: z.string().trim().min(1).max(LIMITS.actionTitleLength),
  /** S: what exactly will be achieved, for whom. */
  statement: z.string().max(LIMITS.textFieldLength),
  /** R: the strategic objective it serves. */
  parentId: ref.nullable(),
  /** The partners who carry it (partners of the workspace). */
  partnerIds: z.array(ref).max(LIMITS.objectiveLinks),
  /** T: inside the plan period. */
  targetDate: isoDateSchema.nullable(),
  /** A: the resources it relies on (people, money, equipment). */
  resources: z.string().max(LIMITS.textFieldLength),
  status: objectiveStatusSchema,
  order: orderKeySchema,
})
export type OperationalObjective = z.infer<typeof operationalObjectiveSchema>

export const objectiveSchema = z.discriminatedUnion('kind', [strategicObjectiveSchema, operationalObjectiveSchema])
export type Objective = z.infer<typeof objectiveSchema>

/** The fields each kind of objective holds in its Y.Map (all plain values). */
export const OBJECTIVE_FIELDS: Readonly<Record<ObjectiveKind, readonly string[]>> = {
  strategic: ['kind', 'title', 'horizon', 'vision', 'order'],
  operational: ['kind', 'title', 'statement', 'parentId', 'partnerIds', 'targetDate', 'resources', 'status', 'order'],
}
