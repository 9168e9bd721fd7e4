import { z } from 'zod'
import { LIMITS } from '../limits.ts'

export const RESOURCE_UNITS = ['EUR', 'jours_homme', 'heures', 'ETP', 'unites'] as const
export const resourceUnitSchema = z.enum(RESOURCE_UNITS)

/** A resource an action needs, brought by one partner (financing, staff time, equipment…). */
export const resourceSchema = z.object({
  label: z.string().trim().min(1).max(LIMITS.actionTitleLength),
  amount: z.number().finite().nonnegative(),
  unit: resourceUnitSchema,
  partnerId: z.string().min(1).max(64),
})
export type Resource = z.infer<typeof resourceSchema>
