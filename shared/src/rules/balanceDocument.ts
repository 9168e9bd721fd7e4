import * as Y from 'yjs'
import {
  actualEntity,
  actualsOf,
  actualValidationEntity,
  actualValidationsOf,
  balanceSettingsOf,
  frozenPeriodEntity,
  frozenPeriodsOf,
  readBalanceSettings,
} from '../layouts/balanceLayout.ts'
import { actionsOf } from '../layouts/planLayout.ts'
import { balancePeriods } from '../steering/balancePeriods.ts'
import type { PlanPeriod } from './action.ts'
import { validateActual, validateBalanceSettings, validateBalanceStamp } from './balance.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { text } from './values.ts'
import { readPlainFields } from './yShape.ts'

const stampOf = (entry: unknown): { author: string; now: number } => {
  const record = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {}
  return { author: typeof record.by === 'string' ? record.by : '', now: typeof record.at === 'number' ? record.at : 0 }
}

/**
 * Every rule about the partners' balance for a whole plan document (BAL1, BAL3, BAL6), each entry
 * judged as if written by its own author at its own time (who may write it is the server's to judge
 * when it is written). Tests and tools call it; the server checks only what an edit changed.
 */
export function validateBalanceDocument(doc: Y.Doc, workspace: WorkspaceContext, period: PlanPeriod): RuleViolation[] {
  const out = validateBalanceSettings(readPlainFields(balanceSettingsOf(doc)))
  const periodKeys = new Set(balancePeriods(period, readBalanceSettings(doc).periodLength).map((p) => p.key))
  const actuals = actualsOf(doc)
  const frozen = frozenPeriodsOf(doc)
  actuals.forEach((entry, id) => {
    out.push(
      ...validateActual(
        entry,
        {
          ...stampOf(entry),
          partners: workspace.partners,
          periodKeys,
          actionBrings: (actionId, partnerId) => {
            const resources = actionsOf(doc).get(actionId)?.get('resources')
            return resources instanceof Y.Map && [...resources.values()].some((r) => r instanceof Y.Map && r.get('partnerId') === partnerId)
          },
          entryOf: (other) => (other === id ? undefined : actuals.get(other)),
          // Whether it was frozen when the entry was written is history: the entry stands.
          isFrozen: () => false,
        },
        actualEntity(id),
      ),
    )
  })
  actualValidationsOf(doc).forEach((stamp, id) => {
    const entity = actualValidationEntity(id)
    if (!actuals.has(id)) out.push({ rule: 'BAL6', entity, message: text('Cette réalisation n’existe pas.', 'This actual does not exist.') })
    out.push(...validateBalanceStamp(stamp, stampOf(stamp), entity))
  })
  frozen.forEach((stamp, key) => {
    const entity = frozenPeriodEntity(key)
    if (!periodKeys.has(key)) out.push({ rule: 'BAL6', entity, message: text('Ce n’est pas une période du plan.', 'This is not a period of the plan.') })
    out.push(...validateBalanceStamp(stamp, stampOf(stamp), entity))
  })
  return out
}
