import * as Y from 'yjs'
import type { EvaluationQuestion } from '../entities/evaluationQuestion.ts'
import type { Indicator, IndicatorValue } from '../entities/indicator.ts'
import type { Objective } from '../entities/objective.ts'
import { ROOT } from './documents.ts'

/**
 * Typed access to the steering part of the `plan` document: objectives, indicators and evaluation
 * questions, each a Y.Map of plain values keyed by id (two people editing different fields of the
 * same objective both keep their edits). An indicator's `values` is a Y.Map keyed by value id whose
 * entries are plain objects: adding a key is the only change a value list accepts (IND, PERM13),
 * which a map tells apart from an update or a removal where an array could not.
 */
export type EntityMap = Y.Map<unknown>

export const objectivesOf = (doc: Y.Doc): Y.Map<EntityMap> => doc.getMap<EntityMap>(ROOT.objectives)
export const indicatorsOf = (doc: Y.Doc): Y.Map<EntityMap> => doc.getMap<EntityMap>(ROOT.indicators)
export const questionsOf = (doc: Y.Doc): Y.Map<EntityMap> => doc.getMap<EntityMap>(ROOT.questions)

export const objectiveEntity = (id: string): string => `objectives/${id}`
export const indicatorEntity = (id: string): string => `indicators/${id}`
export const indicatorValueEntity = (id: string, valueId: string): string => `indicators/${id}/values/${valueId}`
export const questionEntity = (id: string): string => `questions/${id}`

/** A Y.Map holding each field as a plain value (lists copied: the caller's array is not shared). */
const plainMap = (input: object): EntityMap => new Y.Map<unknown>(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]))

export const buildObjective = (input: Objective): EntityMap => plainMap(input)

/** A new indicator, its values map empty (values are appended one by one, PERM12). */
export function buildIndicator(input: Omit<Indicator, 'values'>): EntityMap {
  const map = plainMap(input)
  map.set('values', new Y.Map<unknown>())
  return map
}

export const buildQuestion = (input: EvaluationQuestion): EntityMap => plainMap(input)

/** The values of an indicator's Y.Map as id → entry (entries that are not plain objects are left out). */
export function readIndicatorValues(indicator: EntityMap): Record<string, IndicatorValue> {
  const values = indicator.get('values')
  const out: Record<string, IndicatorValue> = {}
  if (!(values instanceof Y.Map)) return out
  values.forEach((entry, id) => {
    if (entry !== null && typeof entry === 'object' && !(entry instanceof Y.AbstractType) && !Array.isArray(entry)) out[id] = entry as IndicatorValue
  })
  return out
}

/** Appends one value (the only write an indicator's values accept). */
export function appendIndicatorValue(indicator: EntityMap, id: string, value: IndicatorValue): void {
  const values = indicator.get('values')
  if (!(values instanceof Y.Map)) throw new Error('indicator without values map')
  values.set(id, { ...value })
}
