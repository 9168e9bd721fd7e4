import * as Y from 'yjs'
import type { Action, ActionListField, PlanMeta } from '../entities/action.ts'
import type { Milestone } from '../entities/milestone.ts'
import type { Resource } from '../entities/resource.ts'
import { ROOT } from './documents.ts'

/**
 * Typed access to the `plan` document. An action is a Y.Map so that two people editing different
 * fields of the same row both keep their edits; lists of people are Y.Arrays of user ids; milestones
 * and resources are Y.Maps keyed by id (never arrays of objects, which duplicate under concurrent moves).
 */
export type ActionMap = Y.Map<unknown>

export const LIST_FIELDS: readonly ActionListField[] = ['responsible', 'consulted', 'informed']

export const actionsOf = (doc: Y.Doc): Y.Map<ActionMap> => doc.getMap<ActionMap>(ROOT.actions)
export const planMetaOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.meta)

export function readPlanMeta(doc: Y.Doc): Partial<PlanMeta> {
  return planMetaOf(doc).toJSON() as Partial<PlanMeta>
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback)
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null)

function readNestedMap<T>(v: unknown): Record<string, T> {
  if (!(v instanceof Y.Map)) return {}
  const out: Record<string, T> = {}
  v.forEach((entry, key) => {
    out[key] = (entry instanceof Y.Map ? entry.toJSON() : entry) as T
  })
  return out
}

/** A plain snapshot of one action (unknown field values are passed through for validation to judge). */
export function readAction(action: ActionMap): Action {
  const list = (name: ActionListField): string[] => {
    const v = action.get(name)
    return v instanceof Y.Array ? (v.toArray() as string[]) : []
  }
  const description = action.get('description')
  return {
    title: str(action.get('title')),
    objective: str(action.get('objective')),
    objectiveId: strOrNull(action.get('objectiveId')),
    description: description instanceof Y.Text ? description.toString() : '',
    start: strOrNull(action.get('start')),
    deadline: strOrNull(action.get('deadline')),
    status: action.get('status') as Action['status'],
    progress: action.get('progress') as number,
    blockedReason: str(action.get('blockedReason')),
    accountable: strOrNull(action.get('accountable')),
    responsible: list('responsible'),
    consulted: list('consulted'),
    informed: list('informed'),
    milestones: readNestedMap<Milestone>(action.get('milestones')),
    resources: readNestedMap<Resource>(action.get('resources')),
    order: str(action.get('order')),
    decisionIds: decisionIdsOf(action),
  }
}

/** The decisions an action links to (GOV19): a plain array of ids, absent in older actions. */
export function decisionIdsOf(action: ActionMap): string[] {
  const v = action.get('decisionIds')
  return Array.isArray(v) ? v.filter((id): id is string => typeof id === 'string') : []
}

export type NewAction = Partial<Omit<Action, 'title' | 'order'>> & Pick<Action, 'title' | 'order'>

function mapOf(record: Record<string, object>): Y.Map<Y.Map<unknown>> {
  const m = new Y.Map<Y.Map<unknown>>()
  for (const [id, value] of Object.entries(record)) m.set(id, new Y.Map(Object.entries(value)))
  return m
}

/** Builds the Y.Map for a new action with every field present, so later edits are per-field. */
export function buildAction(input: NewAction): ActionMap {
  const action = new Y.Map<unknown>()
  action.set('title', input.title)
  action.set('objective', input.objective ?? '')
  action.set('objectiveId', input.objectiveId ?? null)
  action.set('description', new Y.Text(input.description ?? ''))
  action.set('start', input.start ?? null)
  action.set('deadline', input.deadline ?? null)
  action.set('status', input.status ?? 'proposed')
  action.set('progress', input.progress ?? 0)
  action.set('blockedReason', input.blockedReason ?? '')
  action.set('accountable', input.accountable ?? null)
  for (const field of LIST_FIELDS) action.set(field, Y.Array.from(input[field] ?? []))
  action.set('milestones', mapOf(input.milestones ?? {}))
  action.set('resources', mapOf(input.resources ?? {}))
  action.set('order', input.order)
  // Only when linked: actions created in the plan keep the layout they always had.
  if (input.decisionIds?.length) action.set('decisionIds', [...input.decisionIds])
  return action
}

/** Actions sorted by their fractional order key (ties broken by id so every replica agrees). */
export function sortedActionIds(doc: Y.Doc): string[] {
  const entries: [string, string][] = []
  actionsOf(doc).forEach((a, id) => entries.push([id, str(a.get('order'))]))
  entries.sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0] < y[0] ? -1 : 1))
  return entries.map(([id]) => id)
}

/** Replaces the content of a list field with `ids`, touching only what changed. */
export function setListField(action: ActionMap, field: ActionListField, ids: readonly string[]): void {
  let arr = action.get(field)
  if (!(arr instanceof Y.Array)) {
    arr = new Y.Array<string>()
    action.set(field, arr)
  }
  const yarr = arr as Y.Array<string>
  const current = yarr.toArray()
  for (let i = current.length - 1; i >= 0; i--) if (!ids.includes(current[i]!)) yarr.delete(i, 1)
  const kept = yarr.toArray()
  const added = ids.filter((id) => !kept.includes(id))
  if (added.length) yarr.push(added)
}
