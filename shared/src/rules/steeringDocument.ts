import * as Y from 'yjs'
import { LIMITS } from '../limits.ts'
import { indicatorEntity, indicatorValueEntity, indicatorsOf, objectiveEntity, objectivesOf, questionEntity, questionsOf } from '../layouts/objectivesLayout.ts'
import { PERIOD_INPUT, type PlanPeriod } from './action.ts'
import { validateQuestion } from './evaluationQuestion.ts'
import { readIndicatorShape, validateIndicator, validateIndicatorValue } from './indicator.ts'
import { validateObjective } from './objective.ts'
import { withinPeriod } from './smart.ts'
import { steeringContextOf } from './steeringContext.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { text, Violations } from './values.ts'
import { readPlainFields } from './yShape.ts'

/** An author no entry can name (not a reference: empty). */
const NOBODY = ''

/**
 * OBJ4/IND3 for a period change: the first objective or indicator whose target date the new period
 * would leave out (like actionsOutsidePeriod for actions; runs only when the period changes).
 */
export function targetsOutsidePeriod(doc: Y.Doc, period: PlanPeriod, entity = 'meta'): RuleViolation[] {
  const v = new Violations(entity)
  for (const [rule, root, what] of [
    ['OBJ4', objectivesOf(doc), 'l’objectif'],
    ['IND3', indicatorsOf(doc), 'l’indicateur'],
  ] as const) {
    for (const [id, map] of root) {
      const date = map instanceof Y.Map ? map.get('targetDate') : null
      if (typeof date === 'string' && !withinPeriod(date, period)) {
        const side = period.start && date < period.start ? 'start' : 'end'
        v.add(
          rule,
          side,
          text(
            `La période exclurait ${what} ${id} (date cible ${date}).`,
            `The period would leave out ${rule === 'OBJ4' ? 'objective' : 'indicator'} ${id} (target date ${date}).`,
          ),
          [PERIOD_INPUT],
        )
        return v.list
      }
    }
  }
  return v.list
}

/**
 * Every rule about the plan's objectives, indicators (values included, their author and time
 * excepted: those are judged when entered) and evaluation questions, for a whole document. Its
 * cost follows the document: tests and tools call it, the server checks only what an edit changed.
 */
export function validateSteering(doc: Y.Doc, workspace: WorkspaceContext, period: PlanPeriod): RuleViolation[] {
  const ctx = steeringContextOf(doc, workspace, period)
  const out: RuleViolation[] = []
  const entityMap = (rule: 'OBJ1' | 'IND1' | 'EVQ1', entity: string, value: unknown): value is Y.Map<unknown> => {
    if (value instanceof Y.Map) return true
    out.push({ rule, entity, message: text('Une entrée est une table Yjs.', 'An entry is a Yjs map.') })
    return false
  }
  const objectives = objectivesOf(doc)
  if (objectives.size > LIMITS.maxObjectives) out.push({ rule: 'OBJ1', entity: 'objectives', message: text('Trop d’objectifs.', 'Too many objectives.') })
  objectives.forEach((map, id) => {
    const entity = objectiveEntity(id)
    if (entityMap('OBJ1', entity, map)) out.push(...validateObjective(readPlainFields(map), ctx, entity))
  })
  const indicators = indicatorsOf(doc)
  if (indicators.size > LIMITS.maxIndicators) out.push({ rule: 'IND1', entity: 'indicators', message: text('Trop d’indicateurs.', 'Too many indicators.') })
  indicators.forEach((map, id) => {
    const entity = indicatorEntity(id)
    if (!entityMap('IND1', entity, map)) return
    const { indicator, values } = readIndicatorShape(map)
    out.push(...validateIndicator(indicator, ctx, entity))
    if (values === null) {
      out.push({ rule: 'IND1', entity, field: 'values', message: text('Les valeurs sont une table Yjs.', 'Values are a Yjs map.') })
      return
    }
    if (values.size > LIMITS.maxIndicatorValues) out.push({ rule: 'IND4', entity, field: 'values', message: text('Trop de valeurs.', 'Too many values.') })
    values.forEach((entry, valueId) => {
      const by = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).by : undefined
      const at = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>).at : undefined
      // Judged as if entered by its own author at its own time: the rest of the entry must hold.
      const context = {
        author: typeof by === 'string' ? by : NOBODY,
        now: typeof at === 'number' ? at : 0,
        hasValue: (other: string) => other !== valueId && values.has(other),
      }
      out.push(...validateIndicatorValue(entry, context, indicatorValueEntity(id, valueId)))
    })
  })
  const questions = questionsOf(doc)
  if (questions.size > LIMITS.maxEvaluationQuestions)
    out.push({ rule: 'EVQ1', entity: 'questions', message: text('Trop de questions.', 'Too many questions.') })
  questions.forEach((map, id) => {
    const entity = questionEntity(id)
    if (entityMap('EVQ1', entity, map)) out.push(...validateQuestion(readPlainFields(map), ctx, entity))
  })
  return out
}
