import * as Y from 'yjs'
import type { ObjectiveKind } from '../entities/objective.ts'
import { indicatorsOf, objectivesOf } from '../layouts/objectivesLayout.ts'
import type { PlanPeriod } from './action.ts'
import type { WorkspaceContext } from './types.ts'

/** What the objective, indicator and question rules check an entity against. */
export interface SteeringRuleContext {
  workspace: WorkspaceContext
  period: PlanPeriod
  /** The kind of the objective `id` of the plan, or null when there is none. */
  objectiveKind(id: string): ObjectiveKind | null
  /** Whether `id` names an indicator of the plan. */
  indicatorExists(id: string): boolean
  /** The indicators (plain fields) measuring the objective `id`. */
  indicatorsOf(objectiveId: string): Iterable<Readonly<Record<string, unknown>>>
}

/** Pseudo-input naming "the indicators of this objective" among a violation's inputs (OBJ5). */
export const INDICATORS_INPUT = '@indicators'

/**
 * The context read from a plan's Y.Doc, lazily: an objective's kind is one lookup; the index of
 * indicators by objective is built once, on the first question about it.
 */
export function steeringContextOf(doc: Y.Doc, workspace: WorkspaceContext, period: PlanPeriod): SteeringRuleContext {
  const objectives = objectivesOf(doc)
  const indicators = indicatorsOf(doc)
  let byObjective: Map<string, Record<string, unknown>[]> | null = null
  return {
    workspace,
    period,
    objectiveKind(id) {
      const map = objectives.get(id)
      if (!(map instanceof Y.Map)) return null
      const kind = map.get('kind')
      return kind === 'strategic' || kind === 'operational' ? kind : null
    },
    indicatorExists: (id) => indicators.get(id) instanceof Y.Map,
    indicatorsOf(objectiveId) {
      if (byObjective === null) {
        byObjective = new Map()
        indicators.forEach((map) => {
          if (!(map instanceof Y.Map)) return
          const owner = map.get('objectiveId')
          if (typeof owner !== 'string') return
          const list = byObjective!.get(owner) ?? []
          list.push({ unit: map.get('unit'), baseline: map.get('baseline'), target: map.get('target') })
          byObjective!.set(owner, list)
        })
      }
      return byObjective.get(objectiveId) ?? []
    },
  }
}
