import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { PARTNER_FAMILIES, partnerTypeSchema } from '../partnerTypes.ts'

export const createPartnerSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.partnerNameLength),
  type: partnerTypeSchema,
})
export type CreatePartnerInput = z.infer<typeof createPartnerSchema>

export const updatePartnerSchema = createPartnerSchema.partial().refine((v) => Object.keys(v).length > 0, 'nothing to update')
export type UpdatePartnerInput = z.infer<typeof updatePartnerSchema>

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: partnerTypeSchema,
  family: z.enum(PARTNER_FAMILIES),
  /** The user id of the member who signs off for this partner, if one is designated. */
  representativeId: z.string().nullable(),
})
export type Partner = z.infer<typeof partnerSchema>
