import { EVALUATION_QUESTION_FIELDS } from '../entities/evaluationQuestion.ts'
import { LIMITS } from '../limits.ts'
import type { SteeringRuleContext } from './steeringContext.ts'
import type { RuleViolation } from './types.ts'
import { isOrder, isTitle, refSet, text, Violations } from './values.ts'

export type QuestionLike = Readonly<Record<string, unknown>>

const FIELD_SET: ReadonlySet<string> = new Set(EVALUATION_QUESTION_FIELDS)

/** Every rule about one evaluation question (EVQ1): a text, links to objectives and indicators of the plan, each once. */
export function validateQuestion(question: QuestionLike, ctx: SteeringRuleContext, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(question)) if (!FIELD_SET.has(key)) v.add('EVQ1', key, text('Champ inconnu dans une question.', 'Unknown field in a question.'))
  if (!isTitle(question.text, LIMITS.valueCommentLength)) {
    v.add(
      'EVQ1',
      'text',
      text(
        `Une question a un texte d’au plus ${LIMITS.valueCommentLength} caractères.`,
        `A question needs a text of at most ${LIMITS.valueCommentLength} characters.`,
      ),
    )
  }
  const objectives = refSet(question.objectiveIds, LIMITS.objectiveLinks)
  if (objectives === null || objectives.some((id) => ctx.objectiveKind(id) === null)) {
    v.add(
      'EVQ1',
      'objectiveIds',
      text(
        `Une question renvoie à des objectifs du plan, chacun une fois (au plus ${LIMITS.objectiveLinks}).`,
        `A question links to objectives of the plan, each once (at most ${LIMITS.objectiveLinks}).`,
      ),
    )
  }
  const indicators = refSet(question.indicatorIds, LIMITS.objectiveLinks)
  if (indicators === null || indicators.some((id) => !ctx.indicatorExists(id))) {
    v.add(
      'EVQ1',
      'indicatorIds',
      text(
        `Une question renvoie à des indicateurs du plan, chacun une fois (au plus ${LIMITS.objectiveLinks}).`,
        `A question links to indicators of the plan, each once (at most ${LIMITS.objectiveLinks}).`,
      ),
    )
  }
  if (!isOrder(question.order)) v.add('EVQ1', 'order', text('Position de question invalide.', 'Invalid question position.'))
  return v.list
}
