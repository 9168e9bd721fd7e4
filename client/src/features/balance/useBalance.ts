import {
  actionsOf,
  actualsOf,
  actualValidationsOf,
  balancePeriods,
  balanceSettingsOf,
  computeBalance,
  frozenPeriodsOf,
  periodOf,
  planMetaOf,
  readAction,
  readActuals,
  readActualValidations,
  readBalanceSettings,
  readFrozenPeriods,
  todayIso,
  type ActualEntry,
  type BalancePeriod,
  type BalanceSettings,
  type BalanceSheet,
  type BalanceStamp,
  type PlanPeriod,
} from '@ensemble/shared'
import { useMemo, useSyncExternalStore } from 'react'
import * as Y from 'yjs'

/** The partners' balance as the page shows it: what the plan holds and the sheet computed from it. */
export interface BalanceSnapshot {
  settings: BalanceSettings
  period: PlanPeriod
  periods: BalancePeriod[]
  actuals: Record<string, ActualEntry>
  validations: Record<string, BalanceStamp>
  frozen: Record<string, BalanceStamp>
  sheet: BalanceSheet
  /** Actions to which each partner brings resources: partner id → [action id, title]. */
  actionsByPartner: ReadonlyMap<string, [string, string][]>
  /** Who carries which action (status, A, R), as one string: participation is read again when it changes. */
  carriers: string
}

function read(doc: Y.Doc, partnerIds: readonly string[]): BalanceSnapshot {
  const settings = readBalanceSettings(doc)
  const period = periodOf(planMetaOf(doc).toJSON())
  const actuals = readActuals(doc)
  const validations = readActualValidations(doc)
  const actions = [...actionsOf(doc).entries()]
    .filter((entry): entry is [string, Y.Map<unknown>] => entry[1] instanceof Y.Map)
    .map(([id, map]) => [id, readAction(map)] as const)
  const actionsByPartner = new Map<string, [string, string][]>()
  for (const [id, action] of actions) {
    for (const partnerId of new Set(Object.values(action.resources).map((r) => r.partnerId))) {
      const list = actionsByPartner.get(partnerId) ?? []
      list.push([id, action.title])
      actionsByPartner.set(partnerId, list)
    }
  }
  return {
    settings,
    period,
    periods: balancePeriods(period, settings.periodLength),
    actuals,
    validations,
    frozen: readFrozenPeriods(doc),
    sheet: computeBalance({
      plan: period,
      settings,
      actions: actions.map(([, a]) => a),
      actuals,
      validated: new Set(Object.keys(validations)),
      partnerIds,
      asOf: todayIso(),
    }),
    actionsByPartner,
    carriers: actions.map(([id, a]) => `${id}:${a.status}:${a.accountable ?? ''}:${a.responsible.join(',')}`).join(';'),
  }
}

/**
 * The balance, live: any change to its roots, the actions or the plan's period (from this page,
 * another member, a compensation) makes a new snapshot, read once per change.
 */
export function useBalance(doc: Y.Doc, partnerIds: readonly string[]): BalanceSnapshot {
  const key = partnerIds.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: the partners' list is keyed by its ids.
  const store = useMemo(() => {
    const roots = [
      balanceSettingsOf(doc),
      actualsOf(doc),
      actualValidationsOf(doc),
      frozenPeriodsOf(doc),
      actionsOf(doc),
      planMetaOf(doc),
    ] as Y.AbstractType<any>[]
    let snapshot: BalanceSnapshot | null = null
    return {
      subscribe(onChange: () => void): () => void {
        const handler = () => {
          snapshot = null
          onChange()
        }
        for (const root of roots) root.observeDeep(handler)
        return () => {
          for (const root of roots) root.unobserveDeep(handler)
        }
      },
      getSnapshot: (): BalanceSnapshot => (snapshot ??= read(doc, partnerIds)),
    }
  }, [doc, key])
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
