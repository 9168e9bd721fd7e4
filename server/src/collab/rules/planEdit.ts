import {
  ACTION_FIELD_VERBS,
  actionEntity,
  actionsOutsidePeriod,
  can,
  canCreateAction,
  PERIOD_INPUT,
  periodOf,
  readActionShape,
  readMetaShape,
  relationTo,
  ROOT,
  statusVerb,
  validateAction,
  validatePlanMeta,
  violationInputs,
  type ActionStatus,
  type Verb,
} from '@ensemble/shared'
import * as Y from 'yjs'
import type { KeyChange } from '../changes.ts'
import type { MESSAGES } from '../messages.ts'
import type { EditCheckInput, EditRefusal } from '../pipeline/checkEdit.ts'
import { forbidden, invalid, malformed } from './refusals.ts'

/** What one edit did to one action. */
interface ActionEdit {
  /** The action was added (or replaced: then deleted too). */
  created: boolean
  deleted: boolean
  /** Top-level fields changed, with the key change when the field itself was set or removed. */
  fields: Map<string, KeyChange | null>
}

/** Action fields that are sequences (Y.Text, Y.Array): the only places list content may change. */
const SEQUENCE_FIELDS: ReadonlySet<string> = new Set(['description', 'responsible', 'consulted', 'informed'])

/** Which permission rule (and message) refuses a field change, by verb. */
const VERB_REFUSALS: Partial<Record<Verb, [`PERM${number}`, keyof typeof MESSAGES]>> = {
  'actions.reorder': ['PERM3', 'reorderActions'],
  'actions.define': ['PERM5', 'steeringField'],
  'actions.schedule': ['PERM5', 'steeringField'],
  'actions.assign': ['PERM5', 'steeringField'],
  'actions.involve': ['PERM5', 'steeringField'],
  'actions.resources': ['PERM5', 'steeringField'],
  'actions.describe': ['PERM6', 'ownersField'],
  'actions.milestones': ['PERM6', 'ownersField'],
  'actions.progress': ['PERM6', 'ownersField'],
  'actions.triage': ['PERM7', 'triage'],
}

function peopleOf(map: Y.Map<unknown>): { status: ActionStatus; accountable: string | null; responsible: string[] } {
  const accountable = map.get('accountable')
  const responsible = map.get('responsible')
  return {
    status: map.get('status') as ActionStatus,
    accountable: typeof accountable === 'string' ? accountable : null,
    responsible: responsible instanceof Y.Array ? responsible.toArray().filter((id): id is string => typeof id === 'string') : [],
  }
}

function* actionDates(actions: Y.Map<unknown>): Generator<readonly [string, { start: unknown; deadline: unknown }]> {
  for (const [id, action] of actions) if (action instanceof Y.Map) yield [id, { start: action.get('start'), deadline: action.get('deadline') }]
}

/**
 * The rules of the `plan` document for one edit: PERM3–PERM8 per changed field, then VAL1–VAL14 on
 * each changed action (only violations the edit is to blame for: those whose inputs it changed, or
 * all of them for a new action) and VAL9/VAL21 on the plan's meta.
 */
export function checkPlanEdit({ identity, doc, changes, context }: EditCheckInput): EditRefusal | null {
  const edits = new Map<string, ActionEdit>()
  const editOf = (id: string): ActionEdit => {
    let edit = edits.get(id)
    if (!edit) edits.set(id, (edit = { created: false, deleted: false, fields: new Map() }))
    return edit
  }
  const metaKeys: KeyChange[] = []

  // ---- what changed -----------------------------------------------------------------------------
  for (const type of changes.types) {
    const { root, path } = type
    if (root === ROOT.actions) {
      if (path.length === 0) {
        if (type.content) return malformed('VAL22', root)
        for (const { key, change } of type.keys) {
          const edit = editOf(key)
          if (change !== 'delete') edit.created = true
          if (change !== 'add') edit.deleted = true
        }
        continue
      }
      const id = path[0]
      const field = path[1]
      if (typeof id !== 'string') return malformed('VAL22', root)
      const entity = actionEntity(id)
      if (field === null) return malformed('VAL1', entity)
      if (type.content && !(path.length === 2 && SEQUENCE_FIELDS.has(field!))) return malformed('VAL1', entity, field)
      const edit = editOf(id)
      if (field === undefined) for (const key of type.keys) edit.fields.set(key.key, key)
      else if (!edit.fields.has(field)) edit.fields.set(field, null)
    } else if (root === ROOT.meta) {
      if (path.length > 0 || type.content) return malformed('VAL21', root)
      metaKeys.push(...type.keys)
    } else if (root === ROOT.objectives || root === ROOT.indicators) {
      if (!can(identity, 'plan.objectives')) return forbidden('PERM8', 'steeringOnly', root)
    } else {
      return malformed('VAL22', root)
    }
  }

  // ---- permissions, per changed field ----------------------------------------------------------------
  if (metaKeys.length > 0 && !can(identity, 'plan.meta')) return forbidden('PERM8', 'steeringOnly', ROOT.meta, metaKeys[0]!.key)
  const actions = doc.getMap<unknown>(ROOT.actions)
  for (const [id, edit] of edits) {
    const entity = actionEntity(id)
    if (edit.deleted && !can(identity, 'actions.delete')) return forbidden('PERM3', 'deleteAction', entity)
    const map = actions.get(id)
    if (edit.deleted && !edit.created) continue
    if (!(map instanceof Y.Map)) return malformed('VAL1', entity)
    const people = peopleOf(map)
    if (edit.created) {
      if (!canCreateAction(identity, people)) return forbidden('PERM3', 'createAction', entity)
      continue
    }
    const statusChange = edit.fields.get('status')
    const statusBefore = (statusChange && 'before' in statusChange ? statusChange.before : people.status) as ActionStatus
    const target = { relation: relationTo(people, identity.userId), actionStatus: statusBefore }
    for (const field of edit.fields.keys()) {
      // An unknown field has no verb: validation refuses it (VAL1).
      if (!Object.hasOwn(ACTION_FIELD_VERBS, field)) continue
      const verb = field === 'status' ? statusVerb(statusBefore, people.status) : ACTION_FIELD_VERBS[field as keyof typeof ACTION_FIELD_VERBS]
      if (!can(identity, verb, target)) {
        const [rule, message] = VERB_REFUSALS[verb] ?? ['PERM5', 'steeringField']
        return forbidden(rule, message, entity, field)
      }
    }
  }

  // ---- validation of what changed ---------------------------------------------------------------
  const meta = doc.getMap<unknown>(ROOT.meta)
  let periodChanged = false
  if (metaKeys.length > 0) {
    const changed = new Set(metaKeys.map((k) => k.key))
    periodChanged = changed.has('start') || changed.has('end')
    const shape = readMetaShape(meta)
    const blamed = [...shape.violations, ...validatePlanMeta(shape.meta)].find((v) => violationInputs(v).some((input) => changed.has(input)))
    if (blamed) return invalid(blamed)
    if (periodChanged) {
      const outside = actionsOutsidePeriod(periodOf(shape.meta), actionDates(actions))
      if (outside[0]) return invalid(outside[0])
    }
  }
  const period = periodOf({ start: meta.get('start'), end: meta.get('end') })
  for (const [id, edit] of edits) {
    if (edit.deleted && !edit.created) continue
    const entity = actionEntity(id)
    const shape = readActionShape(actions.get(id) as Y.Map<unknown>, entity)
    const violations = [...shape.violations, ...validateAction(shape.action, { workspace: context, period }, entity)]
    const blamed = edit.created
      ? violations[0]
      : violations.find((v) => violationInputs(v).some((input) => edit.fields.has(input) || (input === PERIOD_INPUT && periodChanged)))
    if (blamed) return invalid(blamed)
  }
  return null
}
