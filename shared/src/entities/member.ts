import { z } from 'zod'
import { idSchema } from '../ids.ts'
import { roleSchema } from '../roles.ts'

export const addMemberSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  role: roleSchema,
  partnerId: idSchema.nullable().optional(),
  representative: z.boolean().optional(),
})
export type AddMemberInput = z.infer<typeof addMemberSchema>

export const updateMemberSchema = z
  .object({
    role: roleSchema,
    partnerId: idSchema.nullable(),
    representative: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update')
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>

export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  partnerId: z.string().nullable(),
  representative: z.boolean(),
  color: z.string(),
})
export type Member = z.infer<typeof memberSchema>

/** `PATCH …/members/:userId`: the membership as it now is. */
export const membershipSchema = z.object({ workspaceId: z.string(), userId: z.string(), role: roleSchema, partnerId: z.string().nullable() })
