import { z } from 'zod'
import { LIMITS } from '../limits.ts'

/** What one partner needs from the alliance and expects of it (DIAG3), keyed by partner id. */
export const partnerNeedsSchema = z
  .object({
    needs: z.string().max(LIMITS.textFieldLength),
    expectations: z.string().max(LIMITS.textFieldLength),
  })
  .strict()
export type PartnerNeeds = z.infer<typeof partnerNeedsSchema>

export const PARTNER_NEEDS_FIELDS = ['needs', 'expectations'] as const satisfies readonly (keyof PartnerNeeds)[]
