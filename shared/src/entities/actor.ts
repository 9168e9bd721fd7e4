import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { partnerTypeSchema } from '../partnerTypes.ts'

/**
 * An actor of the map (docs/SPEC.md MAP, step 3 of building an alliance, « cartographie des
 * acteurs »): someone the alliance might approach, not yet a partner. Its family is derived from
 * its type (partnerTypes.ts), never stored. Lives in the `actors` document's `actors` map, one Y.Map
 * of plain values per actor, so two people editing different fields both keep their edits.
 */
export const ACTOR_STATUSES = ['identified', 'contacted', 'shortlisted', 'converted', 'set_aside'] as const
export const actorStatusSchema = z.enum(ACTOR_STATUSES)
export type ActorStatus = z.infer<typeof actorStatusSchema>

/** Influence, interest and « pouvoir de nuisance » are read on the same 1–5 scale. */
export const ACTOR_LEVEL = { min: 1, max: 5 } as const
const level = z.number().int().min(ACTOR_LEVEL.min).max(ACTOR_LEVEL.max)

/** A score given to an actor on one selection criterion. */
export const CRITERION_SCORE = { min: 0, max: 5 } as const

export const actorSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.partnerNameLength),
  type: partnerTypeSchema,
  /** What it expects and what moves it (« attentes et motivations »). */
  expectations: z.string().max(LIMITS.textFieldLength),
  influence: level,
  interest: level,
  /** « Pouvoir de nuisance »: how much harm it could do to the project if left out or opposed. */
  nuisance: level,
  /** Its perimeter (territory, field of action). */
  perimeter: z.string().max(LIMITS.shortTextLength),
  /** Possible synergies with the alliance. */
  synergies: z.string().max(LIMITS.textFieldLength),
  status: actorStatusSchema,
  /** Score per selection criterion id (0–5); a criterion without a score counts 0 (MAP5). */
  scores: z.record(z.string().min(1).max(64), z.number().int().min(CRITERION_SCORE.min).max(CRITERION_SCORE.max)),
  /** The partner it became (MAP7): set by the server's conversion only, never by a live edit. */
  partnerId: z.string().min(1).max(64).nullable(),
})
export type MapActor = z.infer<typeof actorSchema>

export const ACTOR_FIELDS = Object.keys(actorSchema.shape) as (keyof MapActor)[]

/** The fields a live edit may set (status `converted` and `partnerId` are the conversion's). */
export const actorInputSchema = actorSchema.omit({ partnerId: true }).extend({ status: actorStatusSchema.exclude(['converted']) })
export type MapActorInput = z.infer<typeof actorInputSchema>
