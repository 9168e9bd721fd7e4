import { z } from 'zod'
import { isoDateSchema } from '../dates.ts'
import { LIMITS } from '../limits.ts'

/**
 * An indicator of an operational objective (docs/SPEC.md IND): what is measured (its family, unit,
 * baseline, target and the target's date), where the figure comes from and how often, which
 * partner answers for it, and which of the four purposes of evaluation it serves. Its values are
 * append-only: each keeps who entered it and when, and a wrong value is corrected by a new entry
 * that names it (`corrects`), never overwritten.
 */
export const INDICATOR_FAMILIES = ['means', 'activities', 'results', 'impacts'] as const
export const indicatorFamilySchema = z.enum(INDICATOR_FAMILIES)
export type IndicatorFamily = z.infer<typeof indicatorFamilySchema>

export const COLLECTION_FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly', 'once'] as const
export const collectionFrequencySchema = z.enum(COLLECTION_FREQUENCIES)
export type CollectionFrequency = z.infer<typeof collectionFrequencySchema>

/** Suivre, comprendre, prouver, valoriser. */
export const EVALUATION_PURPOSES = ['monitor', 'understand', 'prove', 'value'] as const
export const evaluationPurposeSchema = z.enum(EVALUATION_PURPOSES)
export type EvaluationPurpose = z.infer<typeof evaluationPurposeSchema>

const ref = z.string().min(1).max(64)

/** One dated measure. `by` and `at` are the author and the moment they entered it (checked by the server). */
export const indicatorValueSchema = z.object({
  value: z.number().finite(),
  date: isoDateSchema,
  comment: z.string().max(LIMITS.valueCommentLength),
  by: ref,
  /** Milliseconds since the epoch. */
  at: z.number().int().nonnegative(),
  /** The value this entry corrects (of the same indicator). */
  corrects: ref.optional(),
})
export type IndicatorValue = z.infer<typeof indicatorValueSchema>

export const indicatorSchema = z.object({
  objectiveId: ref,
  name: z.string().trim().min(1).max(LIMITS.actionTitleLength),
  family: indicatorFamilySchema,
  unit: z.string().max(LIMITS.shortTextLength),
  baseline: z.number().finite().nullable(),
  target: z.number().finite().nullable(),
  targetDate: isoDateSchema.nullable(),
  source: z.string().max(LIMITS.shortTextLength),
  frequency: collectionFrequencySchema,
  /** The partner whose members enter its values. */
  partnerId: ref.nullable(),
  purposes: z.array(evaluationPurposeSchema).max(EVALUATION_PURPOSES.length),
  values: z.record(z.string(), indicatorValueSchema),
})
export type Indicator = z.infer<typeof indicatorSchema>

/** The fields of an indicator's Y.Map; `values` is a Y.Map of plain value entries, the rest plain values. */
export const INDICATOR_FIELDS = [
  'objectiveId',
  'name',
  'family',
  'unit',
  'baseline',
  'target',
  'targetDate',
  'source',
  'frequency',
  'partnerId',
  'purposes',
  'values',
] as const satisfies readonly (keyof Indicator)[]
export type IndicatorField = (typeof INDICATOR_FIELDS)[number]
