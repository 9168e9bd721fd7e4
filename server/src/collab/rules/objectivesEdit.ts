import {
  actionsOf,
  can,
  indicatorEntity,
  indicatorsOf,
  indicatorValueEntity,
  LIMITS,
  objectiveEntity,
  objectivesOf,
  questionEntity,
  questionsOf,
  readIndicatorShape,
  readPlainFields,
  ROOT,
  steeringContextOf,
  validateIndicator,
  validateIndicatorValue,
  validateObjective,
  validateQuestion,
  violationInputs,
  type PlanPeriod,
  type RuleViolation,
} from '@ensemble/shared'
import * as Y from 'yjs'
import type { TypeChange } from '../changes.ts'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { forbidden, invalid, malformed } from './refusals.ts'

/** What one edit did to one objective, indicator or question. */
interface EntityEdit {
  created: boolean
  deleted: boolean
  /** Fields set or removed, with the value they held before when the key change knows it. */
  fields: Map<string, unknown>
  /** The entity the edit removed or replaced, when the key change still reads it. */
  before?: unknown
}

type Edits = Map<string, EntityEdit>

function editOf(edits: Edits, id: string): EntityEdit {
  let edit = edits.get(id)
  if (!edit) edits.set(id, (edit = { created: false, deleted: false, fields: new Map() }))
  return edit
}

/** Indicator fields whose change can take the M of SMART from the objective it measures. */
const MEASURE_FIELDS = ['objectiveId', 'unit', 'baseline', 'target'] as const

const ENTITY_OF = { [ROOT.objectives]: objectiveEntity, [ROOT.indicators]: indicatorEntity, [ROOT.questions]: questionEntity } as Record<
  string,
  (id: string) => string
>

/** A refusal from a violation: a PERM rule refuses as forbidden, any other as invalid. */
function refusal(violation: RuleViolation): EditRefusal {
  if (!violation.rule.startsWith('PERM')) return invalid(violation)
  const { rule, entity, field, message } = violation
  return { code: 'edit_forbidden', rule, entity, ...(field === undefined ? {} : { field }), message }
}

/** The first violation an edit of `edit`'s fields is to blame for (every one, for a new entity). */
const blamed = (violations: RuleViolation[], edit: EntityEdit): RuleViolation | undefined =>
  edit.created ? violations[0] : violations.find((v) => violationInputs(v).some((input) => edit.fields.has(input)))

/**
 * The rules of the plan's steering part for one edit (`types`: the changes under `objectives`,
 * `indicators` and `questions`): admin and steering define objectives, indicators and questions
 * (PERM8); the members of an indicator's responsible partner append its values, in their own name
 * and at the server's time (PERM12), and nobody changes or removes one (PERM13); then each changed
 * entity is validated (OBJ1–OBJ6, IND1–IND4, EVQ1), blamed only for what the edit changed, and no
 * edit may leave a validated objective short of a SMART letter (OBJ5).
 */
export function checkObjectivesEdit(input: EditCheckInput, types: readonly TypeChange[], period: PlanPeriod, now = Date.now()): EditRefusal | null {
  const { identity, doc, context } = input
  const objectiveEdits: Edits = new Map()
  const indicatorEdits: Edits = new Map()
  const questionEdits: Edits = new Map()
  const valueAdds: [indicatorId: string, valueId: string][] = []

  // ---- what changed, and who may change it ------------------------------------------------------
  for (const type of types) {
    const { root, path } = type
    const edits = root === ROOT.objectives ? objectiveEdits : root === ROOT.indicators ? indicatorEdits : questionEdits
    const id = path[0]
    const entity = id ? ENTITY_OF[root]!(id) : root
    if (type.content) return malformed(path.length === 0 ? 'VAL22' : 'VAL1', entity, path[1] ?? undefined)
    if (path.length === 0) {
      if (!can(identity, 'plan.objectives')) return forbidden('PERM8', 'steeringOnly', type.keys[0] ? ENTITY_OF[root]!(type.keys[0].key) : root)
      for (const { key, change, before } of type.keys) {
        const edit = editOf(edits, key)
        if (change !== 'delete') edit.created = true
        if (change !== 'add') {
          edit.deleted = true
          edit.before = before
        }
      }
      continue
    }
    if (typeof id !== 'string') return malformed('VAL22', root)
    if (path.length === 1) {
      const edit = editOf(edits, id)
      for (const key of type.keys) {
        // A value list is never replaced nor removed: its entries would go with it.
        if (root === ROOT.indicators && key.key === 'values') return forbidden('PERM13', 'valuesAppendOnly', entity, 'values')
        edit.fields.set(key.key, key.before)
      }
      if (!can(identity, 'plan.objectives')) return forbidden('PERM8', 'steeringOnly', entity, type.keys[0]?.key)
      continue
    }
    if (root === ROOT.indicators && path.length === 2 && path[1] === 'values') {
      for (const { key, change } of type.keys) {
        if (change !== 'add') return forbidden('PERM13', 'valuesAppendOnly', indicatorValueEntity(id, key))
        valueAdds.push([id, key])
      }
      continue
    }
    return malformed('VAL1', entity, path[1] ?? undefined)
  }

  const objectives = objectivesOf(doc)
  const indicators = indicatorsOf(doc)
  const questions = questionsOf(doc)
  for (const [indicatorId, valueId] of valueAdds) {
    const map = indicators.get(indicatorId)
    const partnerId = map instanceof Y.Map ? map.get('partnerId') : null
    const own = context.members.get(identity.userId)?.partnerId
    const responsiblePartner = typeof partnerId === 'string' && own === partnerId
    if (!can(identity, 'indicators.record', { responsiblePartner })) return forbidden('PERM12', 'indicatorValues', indicatorValueEntity(indicatorId, valueId))
  }

  // ---- bounds -------------------------------------------------------------------------------------
  const grew = (edits: Edits) => [...edits.values()].some((e) => e.created)
  if (grew(objectiveEdits) && objectives.size > LIMITS.maxObjectives)
    return tooMany('OBJ1', ROOT.objectives, `${LIMITS.maxObjectives} objectifs`, `${LIMITS.maxObjectives} objectives`)
  if (grew(indicatorEdits) && indicators.size > LIMITS.maxIndicators)
    return tooMany('IND1', ROOT.indicators, `${LIMITS.maxIndicators} indicateurs`, `${LIMITS.maxIndicators} indicators`)
  if (grew(questionEdits) && questions.size > LIMITS.maxEvaluationQuestions) {
    return tooMany('EVQ1', ROOT.questions, `${LIMITS.maxEvaluationQuestions} questions`, `${LIMITS.maxEvaluationQuestions} questions`)
  }

  // ---- validation of what changed -----------------------------------------------------------------
  const ctx = steeringContextOf(doc, context, period)
  /** Objectives whose SMART letters the edit may have changed through their indicators. */
  const measured = new Set<string>()
  let everyValidated = false

  for (const [id, edit] of objectiveEdits) {
    const entity = objectiveEntity(id)
    const map = objectives.get(id)
    if (edit.deleted || edit.fields.has('kind')) {
      const kind = ctx.objectiveKind(id)
      const dependant =
        (kind !== 'strategic' ? childOf(objectives, id) : null) ?? (kind !== 'operational' ? (measureOf(indicators, id) ?? servedBy(actionsOf(doc), id)) : null)
      if (dependant) return invalid({ rule: 'OBJ6', entity, message: dependant })
    }
    if (map === undefined && edit.deleted) continue
    if (!(map instanceof Y.Map)) return invalid({ rule: 'OBJ1', entity, message: { fr: 'Un objectif est une table Yjs.', en: 'An objective is a Yjs map.' } })
    const violation = blamed(validateObjective(readPlainFields(map), ctx, entity), edit)
    if (violation) return refusal(violation)
  }

  for (const [id, edit] of indicatorEdits) {
    const entity = indicatorEntity(id)
    const map = indicators.get(id)
    // Removing or replacing an indicator would take its values with it (PERM13).
    if (edit.deleted && input.deletedByEdit && heldValues(edit.before, input.deletedByEdit)) return forbidden('PERM13', 'valuesAppendOnly', entity, 'values')
    if (edit.deleted && !edit.created) {
      // Which objective it measured is gone with it: every validated objective is checked again.
      everyValidated = true
      continue
    }
    if (!(map instanceof Y.Map)) return invalid({ rule: 'IND1', entity, message: { fr: 'Un indicateur est une table Yjs.', en: 'An indicator is a Yjs map.' } })
    const { indicator, values } = readIndicatorShape(map)
    if (values === null)
      return invalid({
        rule: 'IND1',
        entity,
        field: 'values',
        message: { fr: 'Les valeurs d’un indicateur sont une table Yjs.', en: 'An indicator’s values are a Yjs map.' },
      })
    if (edit.created && values.size > 0) {
      return invalid({
        rule: 'IND4',
        entity,
        field: 'values',
        message: {
          fr: 'Un nouvel indicateur n’a pas encore de valeur : elles se saisissent une à une.',
          en: 'A new indicator has no value yet: values are entered one by one.',
        },
      })
    }
    const violation = blamed(validateIndicator(indicator, ctx, entity), edit)
    if (violation) return refusal(violation)
    if (edit.deleted) everyValidated = true
    if (edit.created || MEASURE_FIELDS.some((field) => edit.fields.has(field))) {
      if (typeof indicator.objectiveId === 'string') measured.add(indicator.objectiveId)
      const before = edit.fields.get('objectiveId')
      if (typeof before === 'string') measured.add(before)
    }
  }

  for (const [indicatorId, valueId] of valueAdds) {
    const map = indicators.get(indicatorId)
    const values = map instanceof Y.Map ? map.get('values') : null
    if (!(values instanceof Y.Map)) continue // the value went with its indicator in the same edit
    if (values.size > LIMITS.maxIndicatorValues) {
      return tooMany(
        'IND4',
        indicatorEntity(indicatorId),
        `${LIMITS.maxIndicatorValues} valeurs par indicateur`,
        `${LIMITS.maxIndicatorValues} values per indicator`,
      )
    }
    const entity = indicatorValueEntity(indicatorId, valueId)
    const [violation] = validateIndicatorValue(
      values.get(valueId),
      { author: identity.userId, now, hasValue: (other) => other !== valueId && values.has(other) },
      entity,
    )
    if (violation) return refusal(violation)
  }

  // OBJ5 across entities: an indicator changed or removed may take the M from a validated objective.
  if (measured.size > 0 || everyValidated) {
    for (const id of everyValidated ? objectives.keys() : measured) {
      if (objectiveEdits.has(id)) continue // judged above with its own edit
      const map = objectives.get(id)
      if (!(map instanceof Y.Map) || map.get('status') !== 'validated') continue
      const smart = validateObjective(readPlainFields(map), ctx, objectiveEntity(id)).find((v) => v.rule === 'OBJ5')
      if (smart) return invalid(smart)
    }
  }

  for (const [id, edit] of questionEdits) {
    if (edit.deleted && !edit.created) continue
    const entity = questionEntity(id)
    const map = questions.get(id)
    if (!(map instanceof Y.Map)) return invalid({ rule: 'EVQ1', entity, message: { fr: 'Une question est une table Yjs.', en: 'A question is a Yjs map.' } })
    const violation = blamed(validateQuestion(readPlainFields(map), ctx, entity), edit)
    if (violation) return refusal(violation)
  }
  return null
}

function tooMany(rule: 'OBJ1' | 'IND1' | 'IND4' | 'EVQ1', entity: string, fr: string, en: string): EditRefusal {
  return invalid({ rule, entity, message: { fr: `Limite atteinte : au plus ${fr}.`, en: `Limit reached: at most ${en}.` } })
}

/**
 * Whether a removed indicator (its Y.Map as it was) held a value before the edit: an entry of its
 * `values` still alive, or deleted by this very edit. Entries of values refused earlier (deleted by
 * their compensation) do not count. The room keeps an edit's deleted content until the edit is
 * judged (its undo manager), so the removed map is still readable here.
 */
function heldValues(before: unknown, deletedByEdit: (item: Y.Item) => boolean): boolean {
  if (!(before instanceof Y.Map)) return false
  const item = before._map.get('values')
  const values = item && item.content instanceof Y.ContentType ? item.content.type : null
  if (!(values instanceof Y.Map)) return false
  for (const entry of values._map.values()) {
    if (entry.content instanceof Y.ContentDeleted) continue
    if (!entry.deleted || deletedByEdit(entry)) return true
  }
  return false
}

/** OBJ6: the message when an operational objective still has `id` as its parent. */
function childOf(objectives: Y.Map<Y.Map<unknown>>, id: string): { fr: string; en: string } | null {
  for (const map of objectives.values()) {
    if (map instanceof Y.Map && map.get('parentId') === id) {
      return {
        fr: 'Cet objectif stratégique a des objectifs opérationnels : rattachez-les ailleurs d’abord.',
        en: 'This strategic objective has operational objectives: move them elsewhere first.',
      }
    }
  }
  return null
}

/** OBJ6: the message when an action still serves `id` (OBJ8); read only when an objective goes or changes kind. */
function servedBy(actions: Y.Map<Y.Map<unknown>>, id: string): { fr: string; en: string } | null {
  for (const map of actions.values()) {
    if (map instanceof Y.Map && map.get('objectiveId') === id) {
      return {
        fr: 'Des actions servent cet objectif : rattachez-les à un autre objectif d’abord.',
        en: 'Actions serve this objective: attach them to another objective first.',
      }
    }
  }
  return null
}

/** OBJ6: the message when an indicator still measures `id`. */
function measureOf(indicators: Y.Map<Y.Map<unknown>>, id: string): { fr: string; en: string } | null {
  for (const map of indicators.values()) {
    if (map instanceof Y.Map && map.get('objectiveId') === id) {
      return {
        fr: 'Cet objectif a des indicateurs : supprimez-les ou rattachez-les ailleurs d’abord.',
        en: 'This objective has indicators: delete them or move them elsewhere first.',
      }
    }
  }
  return null
}
