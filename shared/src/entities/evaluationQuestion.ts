import { z } from 'zod'
import { orderKeySchema } from '../layouts/order.ts'
import { LIMITS } from '../limits.ts'

/**
 * A « question évaluative » (docs/SPEC.md EVQ): what the alliance wants its evaluation to answer,
 * linked to the objectives and indicators that answer it. Kept in the plan document's `questions` map.
 */
const ref = z.string().min(1).max(64)

export const evaluationQuestionSchema = z.object({
  text: z.string().trim().min(1).max(LIMITS.valueCommentLength),
  objectiveIds: z.array(ref).max(LIMITS.objectiveLinks),
  indicatorIds: z.array(ref).max(LIMITS.objectiveLinks),
  order: orderKeySchema,
})
export type EvaluationQuestion = z.infer<typeof evaluationQuestionSchema>

export const EVALUATION_QUESTION_FIELDS = ['text', 'objectiveIds', 'indicatorIds', 'order'] as const satisfies readonly (keyof EvaluationQuestion)[]
