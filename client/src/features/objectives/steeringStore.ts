import {
  type EvaluationQuestion,
  type Indicator,
  indicatorsOf,
  type Objective,
  objectivesOf,
  type OperationalObjective,
  periodOf,
  type PlanPeriod,
  planMetaOf,
  questionsOf,
  type StrategicObjective,
} from '@ensemble/shared'
import * as Y from 'yjs'

export type Row<T> = T & { id: string }

/** The steering part of the plan as the page shows it, sorted by order (ties by id, like every replica). */
export interface SteeringSnapshot {
  strategic: Row<StrategicObjective>[]
  operational: Row<OperationalObjective>[]
  indicators: Row<Indicator>[]
  questions: Row<EvaluationQuestion>[]
  period: PlanPeriod
}

const byOrder = (a: { order?: string; id: string }, b: { order?: string; id: string }): number =>
  (a.order ?? '') < (b.order ?? '') ? -1 : (a.order ?? '') > (b.order ?? '') ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

function rows<T>(map: Y.Map<Y.Map<unknown>>): Row<T>[] {
  const out: Row<T>[] = []
  map.forEach((entry, id) => {
    if (entry instanceof Y.Map) out.push({ ...(entry.toJSON() as T), id })
  })
  return out
}

/**
 * A store over the plan's objectives, indicators, questions and period: any change to them (from
 * this page, another member, a compensation) makes a new snapshot, read once per change.
 */
export function createSteeringStore(doc: Y.Doc) {
  const roots = [objectivesOf(doc), indicatorsOf(doc), questionsOf(doc), planMetaOf(doc)] as Y.AbstractType<any>[]
  let snapshot: SteeringSnapshot | null = null
  const read = (): SteeringSnapshot => {
    const objectives = rows<Objective>(objectivesOf(doc)).sort(byOrder)
    return {
      strategic: objectives.filter((o): o is Row<StrategicObjective> => o.kind === 'strategic'),
      operational: objectives.filter((o): o is Row<OperationalObjective> => o.kind === 'operational'),
      indicators: rows<Indicator>(indicatorsOf(doc)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : byOrder(a, b))),
      questions: rows<EvaluationQuestion>(questionsOf(doc)).sort(byOrder),
      period: periodOf(planMetaOf(doc).toJSON()),
    }
  }
  return {
    subscribe(onChange: () => void): () => void {
      const handler = () => {
        snapshot = null
        onChange()
      }
      for (const root of roots) root.observeDeep(handler)
      // What changed between the first read (render) and now (effect) was not observed: read again.
      snapshot = null
      return () => {
        for (const root of roots) root.unobserveDeep(handler)
      }
    },
    getSnapshot(): SteeringSnapshot {
      return (snapshot ??= read())
    },
  }
}
