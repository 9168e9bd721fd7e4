import { z } from 'zod'
import { LIMITS } from '../limits.ts'

/** One figure quantifying the social need (PROJ1): a value with its unit, what it counts, and its source and year. */
export const projectFigureSchema = z
  .object({
    id: z.string().min(1).max(64),
    value: z.number().finite(),
    unit: z.string().max(LIMITS.shortTextLength),
    label: z.string().trim().min(1).max(LIMITS.shortTextLength),
    source: z.string().max(LIMITS.shortTextLength),
    year: z.number().int().min(1900).max(2100).nullable(),
  })
  .strict()
export type ProjectFigure = z.infer<typeof projectFigureSchema>
