import { z } from 'zod'
import { addMemberSchema } from './member.ts'

/**
 * Converting an actor of the map into a partner (MAP7): optionally inviting its representative at
 * once, through the ordinary invitation (same link, same mail, same acceptance: ACCT1).
 */
export const convertActorSchema = z.object({
  /** The representative to invite into the new partner (needs members.manage, i.e. admin). */
  invite: addMemberSchema.pick({ email: true, role: true }).optional(),
})
export type ConvertActorInput = z.infer<typeof convertActorSchema>

export const actorConvertedSchema = z.object({
  partnerId: z.string(),
  invitationId: z.string().nullable(),
})
export type ActorConverted = z.infer<typeof actorConvertedSchema>
