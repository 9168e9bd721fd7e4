import { z } from 'zod'
import { isoDateSchema } from '../dates.ts'
import { LIMITS } from '../limits.ts'

/**
 * One entry of the contact log of the map of actors (MAP4, « tester la proximité relationnelle »):
 * who met whom, how, and what came of it. Entries are only ever added, stamped with their author
 * and the server's time; the log outlives the actor's conversion and is shown on the partner.
 */
export const CONTACT_CHANNELS = ['meeting', 'call', 'email', 'event', 'other'] as const
export const contactChannelSchema = z.enum(CONTACT_CHANNELS)
export type ContactChannel = z.infer<typeof contactChannelSchema>

export const contactLogEntrySchema = z.object({
  actorId: z.string().min(1).max(64),
  date: isoDateSchema,
  /** Who of the alliance met them. */
  who: z.string().trim().min(1).max(LIMITS.shortTextLength),
  /** Whom they met at the actor. */
  whom: z.string().trim().min(1).max(LIMITS.shortTextLength),
  how: contactChannelSchema,
  outcome: z.string().max(LIMITS.valueCommentLength),
  /** The member who wrote the entry and when (server time, ms). */
  by: z.string().min(1).max(64),
  at: z.number().int().nonnegative(),
})
export type ContactLogEntry = z.infer<typeof contactLogEntrySchema>
