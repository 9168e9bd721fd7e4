import {
  appendIndicatorValue,
  buildIndicator,
  buildObjective,
  buildQuestion,
  type Indicator,
  indicatorsOf,
  keyBetween,
  newId,
  objectivesOf,
  questionsOf,
  type ROOT,
  todayIso,
} from '@ensemble/shared'
import * as Y from 'yjs'

/** Writes of « Objectifs et indicateurs » into the plan's Y.Doc, each one transaction (one undo step, one frame). */

export type SteeringRoot = typeof ROOT.objectives | typeof ROOT.indicators | typeof ROOT.questions

/** An order key after every entry of `map`. */
function lastOrder(map: Y.Map<Y.Map<unknown>>): string {
  let last: string | null = null
  map.forEach((entry) => {
    const order = entry instanceof Y.Map ? entry.get('order') : null
    if (typeof order === 'string' && (last === null || order > last)) last = order
  })
  return keyBetween(last, null)
}

export function addStrategicObjective(doc: Y.Doc, title: string): string {
  const id = newId()
  const objectives = objectivesOf(doc)
  doc.transact(() => objectives.set(id, buildObjective({ kind: 'strategic', title, horizon: 5, vision: '', order: lastOrder(objectives) })))
  return id
}

export function addOperationalObjective(doc: Y.Doc, title: string, parentId: string | null): string {
  const id = newId()
  const objectives = objectivesOf(doc)
  doc.transact(() =>
    objectives.set(
      id,
      buildObjective({
        kind: 'operational',
        title,
        statement: '',
        parentId,
        partnerIds: [],
        targetDate: null,
        resources: '',
        status: 'draft',
        order: lastOrder(objectives),
      }),
    ),
  )
  return id
}

export function addIndicator(doc: Y.Doc, input: Omit<Indicator, 'values'>): string {
  const id = newId()
  doc.transact(() => indicatorsOf(doc).set(id, buildIndicator(input)))
  return id
}

export function addQuestion(doc: Y.Doc, text: string): string {
  const id = newId()
  const questions = questionsOf(doc)
  doc.transact(() => questions.set(id, buildQuestion({ text, objectiveIds: [], indicatorIds: [], order: lastOrder(questions) })))
  return id
}

/** Sets one field of an objective, indicator or question (arrays are written as new plain arrays). */
export function setSteeringField(doc: Y.Doc, root: SteeringRoot, id: string, field: string, value: unknown): void {
  const entry = doc.getMap<Y.Map<unknown>>(root).get(id)
  if (!(entry instanceof Y.Map)) return
  doc.transact(() => entry.set(field, Array.isArray(value) ? [...value] : value))
}

export function deleteSteeringEntry(doc: Y.Doc, root: SteeringRoot, id: string): void {
  doc.transact(() => doc.getMap(root).delete(id))
}

/** Appends a value in the member's own name, stamped now (the server checks both, PERM12). */
export function enterValue(doc: Y.Doc, indicatorId: string, userId: string, input: { value: number; date: string; comment: string; corrects?: string }): void {
  const indicator = indicatorsOf(doc).get(indicatorId)
  if (!(indicator instanceof Y.Map)) return
  doc.transact(() =>
    appendIndicatorValue(indicator, newId(), {
      value: input.value,
      date: input.date || todayIso(),
      comment: input.comment,
      by: userId,
      at: Date.now(),
      ...(input.corrects ? { corrects: input.corrects } : {}),
    }),
  )
}
