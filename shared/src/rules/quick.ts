import * as Y from 'yjs'
import { LIMITS } from '../limits.ts'
import { WRITING_ROLES } from '../roles.ts'
import { MILESTONE_KEYS } from './action.ts'
import type { WorkspaceContext } from './types.ts'
import { isIsoDate, isOrder, isRef, isTitle } from './values.ts'

/**
 * Quick acceptance of the commonest single edits of an action, read straight from its Y.Map.
 *
 * Each function is a *sufficient* condition for every rule that reads what the edit changed to
 * hold (it mirrors the rule groups of action.ts named in its comment): true means "valid", false
 * means "ask the rules" — never "invalid". The rules themselves (validateActionView) judge every
 * other edit, and word every refusal. These exist because the server runs on every update, and a
 * few direct reads touch far less memory than the general rules (which matters on a busy machine,
 * where the check's code and data are rarely still in cache). The seeded fuzz test checks that no
 * state they accept breaks a rule.
 */

/** Title (VAL2), objective and description (VAL1), progress (VAL11, VAL12). */
export function quickFieldValid(map: Y.Map<unknown>, field: string): boolean {
  switch (field) {
    case 'title':
      return isTitle(map.get('title'), LIMITS.actionTitleLength)
    case 'objective': {
      const objective = map.get('objective')
      return typeof objective === 'string' && objective.length <= LIMITS.textFieldLength
    }
    case 'description': {
      const description = map.get('description')
      return description instanceof Y.Text && description.length <= LIMITS.textFieldLength
    }
    case 'progress': {
      const progress = map.get('progress')
      if (typeof progress !== 'number' || !Number.isInteger(progress) || progress < 0 || progress > 100) return false
      return progress === 100 || map.get('status') !== 'done'
    }
    default:
      return false
  }
}

/** The current value of a map entry, read from its item (no array allocated, unlike Y.Map#forEach). */
function itemValue(item: Y.Item | undefined): unknown {
  if (item === undefined || item.deleted) return undefined
  const content = item.content
  if (content instanceof Y.ContentType) return content.type
  const values = content.getContent()
  return values[values.length - 1]
}

/**
 * A moved start or deadline, both dates present: real dates (VAL8), in order (VAL8), within the
 * plan's period (VAL9) and around every milestone date (VAL10). `period` holds the meta's raw values.
 */
export function quickDatesValid(map: Y.Map<unknown>, period: { start: unknown; end: unknown }): boolean {
  const start = map.get('start')
  const deadline = map.get('deadline')
  if (!isIsoDate(start) || !isIsoDate(deadline) || start > deadline) return false
  if (isIsoDate(period.start) && start < period.start) return false
  if (isIsoDate(period.end) && deadline > period.end) return false
  const milestones = map.get('milestones')
  if (!(milestones instanceof Y.Map)) return false
  for (const item of milestones._map.values()) {
    const entry = itemValue(item)
    if (entry === undefined) continue
    if (!(entry instanceof Y.Map)) return false
    const date = itemValue(entry._map.get('date'))
    if (isIsoDate(date) && (date < start || date > deadline)) return false
  }
  return true
}

/**
 * Keys `keys` changed inside one milestone `entry` of the action `map`: the milestone keeps its
 * shape (VAL1, VAL2), its date stays within the action's dates (VAL10), and it is not un-ticked on
 * a done action (VAL12).
 */
export function quickMilestoneValid(map: Y.Map<unknown>, entry: Y.Map<unknown>, keys: readonly string[]): boolean {
  let title: unknown
  let date: unknown
  let done: unknown
  let order: unknown
  for (const [key, item] of entry._map) {
    if (item.deleted) continue
    if (!MILESTONE_KEYS.has(key)) return false
    const value = itemValue(item)
    if (key === 'title') title = value
    else if (key === 'date') date = value
    else if (key === 'done') done = value
    else order = value
  }
  if (!isTitle(title, LIMITS.actionTitleLength) || typeof done !== 'boolean' || !isOrder(order) || !isIsoDate(date)) return false
  if (keys.includes('date')) {
    const start = map.get('start')
    const deadline = map.get('deadline')
    if ((isIsoDate(start) && date < start) || (isIsoDate(deadline) && date > deadline)) return false
  }
  if (keys.includes('done') && done !== true && map.get('status') === 'done') return false
  return true
}

const LIST_LIMITS: Readonly<Record<string, number>> = { responsible: 50, consulted: 100, informed: 100 }

/** A list of member ids of at most `max`, without duplicates, or null. */
function memberList(value: unknown, max: number): string[] | null {
  if (!(value instanceof Y.Array) || value.length > max) return null
  const list = value.toArray()
  for (const id of list) if (!isRef(id)) return null
  return new Set(list).size === list.length ? (list as string[]) : null
}

/**
 * People added to or removed from `field` (responsible, consulted or informed): lists of members
 * without duplicates (VAL1, VAL7), the responsible able to edit (VAL5) and never empty here (VAL4),
 * the consulted and informed members (VAL6) and nobody both doer and consulted/informed, nor both
 * consulted and informed (VAL7).
 */
export function quickPeopleValid(map: Y.Map<unknown>, workspace: WorkspaceContext): boolean {
  const responsible = memberList(map.get('responsible'), LIST_LIMITS.responsible!)
  const consulted = memberList(map.get('consulted'), LIST_LIMITS.consulted!)
  const informed = memberList(map.get('informed'), LIST_LIMITS.informed!)
  if (responsible === null || consulted === null || informed === null || responsible.length === 0) return false
  const accountable = map.get('accountable')
  const doers = new Set(responsible)
  if (typeof accountable === 'string') doers.add(accountable)
  for (const id of responsible) {
    const member = workspace.members.get(id)
    if (member === undefined || !WRITING_ROLES.includes(member.role)) return false
  }
  const others = new Set<string>()
  for (const id of [...consulted, ...informed]) {
    if (!workspace.members.has(id) || doers.has(id) || others.has(id)) return false
    others.add(id)
  }
  return true
}
