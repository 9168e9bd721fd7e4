import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { orderKeySchema } from '../layouts/order.ts'

/**
 * A selection criterion of the map of actors (MAP3): what steering weighs when choosing whom to
 * approach (e.g. « complémentarité de périmètre », « proximité relationnelle »). Each actor is scored
 * 0–5 on it; the weight says how much it counts in the actor's score (MAP5).
 */
export const CRITERION_WEIGHT = { min: 1, max: 10 } as const

export const selectionCriterionSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.shortTextLength),
  weight: z.number().int().min(CRITERION_WEIGHT.min).max(CRITERION_WEIGHT.max),
  order: orderKeySchema,
})
export type SelectionCriterion = z.infer<typeof selectionCriterionSchema>
