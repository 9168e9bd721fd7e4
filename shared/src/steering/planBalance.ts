import * as Y from 'yjs'
import { ACTION_STATUSES, type ActionStatus } from '../entities/action.ts'
import { actualEntrySchema, balanceSettingsSchema, balanceStampSchema, DEFAULT_BALANCE_SETTINGS, type BalanceSettings } from '../entities/balance.ts'
import type { Resource } from '../entities/resource.ts'
import { readActuals, readActualValidations, readBalanceSettings } from '../layouts/balanceLayout.ts'
import { ROOT } from '../layouts/documents.ts'
import { actionsOf, planMetaOf } from '../layouts/planLayout.ts'
import { periodOf } from '../rules/plan.ts'
import { computeBalance, type BalanceAction, type BalanceSheet } from './balance.ts'

/**
 * The balance sheet of a plan, read from its live document (dashboard, agenda suggestions) or from
 * its JSON (the reports, read on a document thread): the same computeBalance either way.
 */

type Res = Pick<Resource, 'amount' | 'unit' | 'partnerId'>
const isStatus = (v: unknown): v is ActionStatus => (ACTION_STATUSES as readonly unknown[]).includes(v)
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

/** Only what the balance reads of an action (no description, no milestones): a 5,000-action plan reads fast. */
function balanceAction(status: unknown, start: unknown, deadline: unknown, resources: Record<string, unknown>): BalanceAction {
  const out: Record<string, Res> = {}
  for (const [id, r] of Object.entries(resources)) {
    const res = record(r)
    if (typeof res.amount === 'number' && typeof res.unit === 'string' && typeof res.partnerId === 'string')
      out[id] = { amount: res.amount, unit: res.unit as Res['unit'], partnerId: res.partnerId }
  }
  return { status: isStatus(status) ? status : 'proposed', start: strOrNull(start), deadline: strOrNull(deadline), resources: out }
}

/** The sheet from the live plan document. */
export function balanceOfDoc(doc: Y.Doc, partnerIds: readonly string[], asOf: string): BalanceSheet {
  const actions: BalanceAction[] = []
  actionsOf(doc).forEach((map) => {
    if (!(map instanceof Y.Map)) return
    const resources = map.get('resources')
    actions.push(balanceAction(map.get('status'), map.get('start'), map.get('deadline'), resources instanceof Y.Map ? resources.toJSON() : record(resources)))
  })
  return computeBalance({
    plan: periodOf(planMetaOf(doc).toJSON()),
    settings: readBalanceSettings(doc),
    actions,
    actuals: readActuals(doc),
    validated: new Set(Object.keys(readActualValidations(doc))),
    partnerIds,
    asOf,
  })
}

/** The sheet from the plan's JSON (every root, as `Y.Doc#toJSON` gives them); malformed entries are left out, as the live reader does. */
export function balanceOfJson(plan: Readonly<Record<string, unknown>>, partnerIds: readonly string[], asOf: string): BalanceSheet {
  const stored = record(plan[ROOT.balance])
  const shape = balanceSettingsSchema.shape
  const field = <K extends keyof BalanceSettings>(key: K): BalanceSettings[K] => {
    const parsed = shape[key].safeParse(stored[key])
    return (parsed.success ? parsed.data : DEFAULT_BALANCE_SETTINGS[key]) as BalanceSettings[K]
  }
  const actuals: Record<string, ReturnType<typeof actualEntrySchema.parse>> = {}
  for (const [id, entry] of Object.entries(record(plan[ROOT.actuals]))) {
    const parsed = actualEntrySchema.safeParse(entry)
    if (parsed.success) actuals[id] = parsed.data
  }
  const validated = new Set(Object.entries(record(plan[ROOT.actualValidations])).flatMap(([id, s]) => (balanceStampSchema.safeParse(s).success ? [id] : [])))
  const actions = Object.values(record(plan[ROOT.actions])).map((a) => {
    const action = record(a)
    return balanceAction(action.status, action.start, action.deadline, record(action.resources))
  })
  return computeBalance({
    plan: periodOf(record(plan[ROOT.meta])),
    settings: { rates: field('rates'), periodLength: field('periodLength'), threshold: field('threshold') },
    actions,
    actuals,
    validated,
    partnerIds,
    asOf,
  })
}
