import {
  ACTION_FIELD_VERBS,
  actionEntity,
  actionsOutsidePeriod,
  can,
  canCreateAction,
  checkActionMap,
  entryInput,
  PERIOD_INPUT,
  quickDatesValid,
  quickFieldValid,
  quickMilestoneValid,
  quickPeopleValid,
  periodOf,
  readMetaShape,
  relationTo,
  ROOT,
  statusVerb,
  targetsOutsidePeriod,
  validatePlanMeta,
  violationInputs,
  type ActionStatus,
  type ObjectiveKind,
  type PermissionTarget,
  type Verb,
} from '@ensemble/shared'
import * as Y from 'yjs'
import type { KeyChange, TypeChange } from '../changes.ts'
import type { MESSAGES } from '../messages.ts'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { BALANCE_ROOTS, checkBalanceEdit } from './balanceEdit.ts'
import { checkObjectivesEdit } from './objectivesEdit.ts'
import { forbidden, invalid, malformed } from './refusals.ts'

/** What one edit did to one action. */
interface ActionEdit {
  /** The action was added (or replaced: then deleted too). */
  created: boolean
  deleted: boolean
  /** Its Y.Map after the edit, once looked up. */
  map?: Y.Map<unknown>
  /** Top-level fields changed, with the key change when the field itself was set or removed. */
  fields: Map<string, KeyChange | null>
  /** What the validation reads as changed: the fields, with `milestones.<key>`… for changes inside entries. */
  inputs: Set<string>
  /** The entries of milestones / resources changed inside. */
  entries: { milestones?: Set<string>; resources?: Set<string> }
}

const ENTRY_FIELDS: ReadonlySet<string> = new Set(['milestones', 'resources'])

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

/** Status and people of an action, the responsible list read only if asked for. */
function peopleOf(map: Y.Map<unknown>): { status: ActionStatus; accountable: string | null; readonly responsible: string[] } {
  const accountable = map.get('accountable')
  return {
    status: map.get('status') as ActionStatus,
    accountable: typeof accountable === 'string' ? accountable : null,
    get responsible() {
      const responsible = map.get('responsible')
      return responsible instanceof Y.Array ? responsible.toArray().filter((id): id is string => typeof id === 'string') : []
    },
  }
}

function* actionDates(actions: Y.Map<unknown>): Generator<readonly [string, { start: unknown; deadline: unknown }]> {
  for (const [id, action] of actions) if (action instanceof Y.Map) yield [id, { start: action.get('start'), deadline: action.get('deadline') }]
}

/**
 * The rules of the `plan` document for one edit: PERM3–PERM8 per changed field, then VAL1–VAL14 on
 * each changed action (only the rules that read a field the edit changed, or all of them for a new
 * action) and VAL9/VAL21 on the plan's meta.
 */
/**
 * A target under which only unconditional grants hold: no relation, statuses no condition accepts
 * (`ifProposal` needs `proposed`, `ifDraft` a draft, `ifNotAdopted` anything but adopted). Lets
 * admin and steering skip reading the action.
 */
const ALWAYS_TARGET: PermissionTarget = Object.freeze({ relation: 'none', actionStatus: 'done', docStatus: 'adopted' })

/**
 * The plan's period as last read from its meta, per meta map, dropped by an observer whenever the
 * meta changes (whoever changes it: edits, compensations, the server, other instances). Read only
 * if a rule asks (VAL9 runs when a date or the period changed).
 */
const periods = new WeakMap<Y.Map<unknown>, { start: string | null; end: string | null }>()

function periodIn(meta: Y.Map<unknown>): { start: string | null; end: string | null } {
  let period = periods.get(meta)
  if (period === undefined) {
    if (!observedMetas.has(meta)) {
      observedMetas.add(meta)
      meta.observe(() => periods.delete(meta))
    }
    period = { start: meta.get('start') as string | null, end: meta.get('end') as string | null }
    periods.set(meta, period)
  }
  return period
}
const observedMetas = new WeakSet<Y.Map<unknown>>()

class LazyPeriod {
  constructor(private readonly meta: Y.Map<unknown>) {}
  get start(): string | null {
    return periodIn(this.meta).start
  }
  get end(): string | null {
    return periodIn(this.meta).end
  }
}

/** A root map of the plan (typed when the room loaded: a lookup, not `doc.getMap`'s checks). */
function rootMap(doc: Y.Doc, name: string): Y.Map<unknown> {
  const type = doc.share.get(name)
  return type instanceof Y.Map ? type : doc.getMap(name)
}

function editOf(edits: Map<string, ActionEdit>, id: string): ActionEdit {
  let edit = edits.get(id)
  if (!edit) edits.set(id, (edit = { created: false, deleted: false, fields: new Map(), inputs: new Set(), entries: {} }))
  return edit
}

export function checkPlanEdit(input: EditCheckInput): EditRefusal | null {
  return quickAccept(input) ? null : checkPlanEditInFull(input)
}

const QUICK_FIELDS: ReadonlySet<string> = new Set(['title', 'objective', 'progress'])
const PEOPLE_FIELDS: ReadonlySet<string> = new Set(['responsible', 'consulted', 'informed'])

/**
 * The shortcut for the commonest updates — one change to one existing action (a keystroke in a
 * description, a progress, a title, a date, a milestone ticked, someone added to a list) that the
 * actor may make and that passes the rules on sight (shared/src/rules/quick.ts). True means
 * accepted; false means "judge it in full", which also words any refusal.
 */
function quickAccept({ identity, doc, changes, context }: EditCheckInput): boolean {
  if (changes.types.length !== 1) return false
  const type = changes.types[0]!
  const { path } = type
  if (type.root !== ROOT.actions || path.length === 0 || typeof path[0] !== 'string') return false
  let action: Y.AbstractType<any> | undefined
  let field: string
  let valid: (map: Y.Map<unknown>) => boolean
  if (path.length === 1) {
    if (type.content || type.keys.length !== 1 || type.keys[0]!.change !== 'update') return false
    action = type.target
    field = type.keys[0]!.key
    if (field === 'start' || field === 'deadline') valid = (map) => quickDatesValid(map, periodIn(rootMap(doc, ROOT.meta)))
    else if (QUICK_FIELDS.has(field)) valid = (map) => quickFieldValid(map, field)
    else return false
  } else if (path.length === 2) {
    if (!type.content || type.keys.length > 0 || typeof path[1] !== 'string') return false
    action = type.target._item?.parent as Y.AbstractType<any> | undefined
    field = path[1]
    if (field === 'description') valid = (map) => quickFieldValid(map, 'description')
    else if (PEOPLE_FIELDS.has(field)) valid = (map) => quickPeopleValid(map, context)
    else return false
  } else if (path.length === 3 && path[1] === 'milestones' && typeof path[2] === 'string') {
    const entry = type.target
    if (type.content || type.keys.length === 0 || !(entry instanceof Y.Map)) return false
    action = (entry._item?.parent as Y.AbstractType<any> | undefined)?._item?.parent as Y.AbstractType<any> | undefined
    field = 'milestones'
    const keys = type.keys.map((k) => k.key)
    valid = (map) => quickMilestoneValid(map, entry, keys)
  } else return false
  if (!(action instanceof Y.Map)) return false
  const verb = ACTION_FIELD_VERBS[field as keyof typeof ACTION_FIELD_VERBS]
  if (!can(identity, verb, ALWAYS_TARGET)) {
    const people = peopleOf(action)
    const target: PermissionTarget = { actionStatus: people.status }
    if (!can(identity, verb, target) && !can(identity, verb, { ...target, relation: relationTo(people, identity.userId) })) return false
  }
  return valid(action)
}

function checkPlanEditInFull(input: EditCheckInput): EditRefusal | null {
  const { identity, doc, changes, context } = input
  const edits = new Map<string, ActionEdit>()
  const metaKeys: KeyChange[] = []
  /** Changes to objectives, indicators and questions, judged by objectivesEdit.ts. */
  const steering: TypeChange[] = []
  /** Changes to the partners' balance, judged by balanceEdit.ts. */
  const balance: TypeChange[] = []

  // ---- what changed -----------------------------------------------------------------------------
  for (const type of changes.types) {
    const { root, path } = type
    if (root === ROOT.actions) {
      if (path.length === 0) {
        if (type.content) return malformed('VAL22', root)
        for (const { key, change } of type.keys) {
          const edit = editOf(edits, key)
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
      const edit = editOf(edits, id)
      // The action's Y.Map is the changed type's ancestor at depth 1 (no lookup among the actions).
      if (edit.map === undefined) {
        let action: Y.AbstractType<any> = type.target
        for (let depth = path.length; depth > 1 && action._item !== null; depth--) action = action._item.parent as Y.AbstractType<any>
        if (action instanceof Y.Map) edit.map = action
      }
      if (field === undefined) {
        for (const key of type.keys) {
          edit.fields.set(key.key, key)
          edit.inputs.add(key.key)
        }
      } else {
        if (!edit.fields.has(field)) edit.fields.set(field, null)
        const entryId = path[2]
        if (ENTRY_FIELDS.has(field) && path.length === 3 && typeof entryId === 'string') {
          // Keys changed inside one milestone or resource: only that entry, and only the rules on those keys.
          const entryField = field as 'milestones' | 'resources'
          ;(edit.entries[entryField] ??= new Set()).add(entryId)
          for (const key of type.keys) edit.inputs.add(entryInput(entryField, key.key))
        } else edit.inputs.add(field)
      }
    } else if (root === ROOT.meta) {
      if (path.length > 0 || type.content) return malformed('VAL21', root)
      metaKeys.push(...type.keys)
    } else if (root === ROOT.objectives || root === ROOT.indicators || root === ROOT.questions) {
      steering.push(type)
    } else if (BALANCE_ROOTS.has(root)) {
      balance.push(type)
    } else {
      return malformed('VAL22', root)
    }
  }

  // ---- permissions, per changed field ----------------------------------------------------------------
  if (metaKeys.length > 0 && !can(identity, 'plan.meta')) return forbidden('PERM8', 'steeringOnly', ROOT.meta, metaKeys[0]!.key)
  const actions = rootMap(doc, ROOT.actions)
  for (const [id, edit] of edits) {
    const entity = actionEntity(id)
    if (edit.deleted && !can(identity, 'actions.delete')) return forbidden('PERM3', 'deleteAction', entity)
    if (edit.deleted && !edit.created) continue
    const map = edit.created ? actions.get(id) : (edit.map ?? actions.get(id))
    if (!(map instanceof Y.Map)) return malformed('VAL1', entity)
    edit.map = map
    if (edit.created) {
      if (!canCreateAction(identity, peopleOf(map))) return forbidden('PERM3', 'createAction', entity)
      continue
    }
    let people: ReturnType<typeof peopleOf> | null = null
    let target: PermissionTarget | null = null
    for (const field of edit.fields.keys()) {
      // An unknown field has no verb: validation refuses it (VAL1).
      if (!Object.hasOwn(ACTION_FIELD_VERBS, field)) continue
      // A role that holds the verb whatever the action (admin, steering) needs nothing read.
      if (field !== 'status' && can(identity, ACTION_FIELD_VERBS[field as keyof typeof ACTION_FIELD_VERBS], ALWAYS_TARGET)) continue
      people ??= peopleOf(map)
      if (target === null) {
        const statusChange = edit.fields.get('status')
        target = { actionStatus: (statusChange && 'before' in statusChange ? statusChange.before : people.status) as ActionStatus }
      }
      const verb = field === 'status' ? statusVerb(target.actionStatus, people.status) : ACTION_FIELD_VERBS[field as keyof typeof ACTION_FIELD_VERBS]
      if (can(identity, verb, target)) continue
      // Only then does the actor's relation to the action matter (it can only widen what they may do).
      target.relation ??= relationTo(people, identity.userId)
      if (!can(identity, verb, target)) {
        const [rule, message] = VERB_REFUSALS[verb] ?? ['PERM5', 'steeringField']
        return forbidden(rule, message, entity, field)
      }
    }
  }

  // ---- validation of what changed ---------------------------------------------------------------
  const meta = rootMap(doc, ROOT.meta)
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
      const targets = targetsOutsidePeriod(doc, periodOf(shape.meta))
      if (targets[0]) return invalid(targets[0])
    }
  }
  const period = new LazyPeriod(meta)
  const objectives = rootMap(doc, ROOT.objectives)
  // OBJ8: an action points to an operational objective of this very plan (one lookup, when asked).
  const objectiveKind = (id: string): ObjectiveKind | null => {
    const map = objectives.get(id)
    const kind = map instanceof Y.Map ? map.get('kind') : null
    return kind === 'strategic' || kind === 'operational' ? kind : null
  }
  for (const [id, edit] of edits) {
    if (edit.deleted && !edit.created) continue
    // Only the rules that read what the edit changed (all of them for a new action): an action left
    // invalid by a change in SQL (a member gone) does not block edits of its other fields.
    if (periodChanged) edit.inputs.add(PERIOD_INPUT)
    const [violation] = checkActionMap(
      edit.map!,
      { workspace: context, period, objectiveKind },
      actionEntity(id),
      edit.created ? undefined : edit.inputs,
      edit.entries,
    )
    if (violation) return invalid(violation)
  }
  const refused = steering.length > 0 ? checkObjectivesEdit(input, steering, period) : null
  return refused ?? (balance.length > 0 ? checkBalanceEdit(input, balance, period) : null)
}
