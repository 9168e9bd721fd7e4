/**
 * Filtering and grouping the action plan by the objective an action serves and by partner (issue 18,
 * item 2; OBJ11): pure, so the page and its tests agree. An action's partners are those of its
 * accountable and responsible members; grouped by partner, an action appears under each of them.
 */

/** A filter or group value standing for "no objective" / "no partner". */
export const PLAN_VIEW_NONE = '-'

export type PlanGrouping = 'objective' | 'partner'

export interface PlanViewQuery {
  /** Only the actions serving this objective (PLAN_VIEW_NONE: serving none). */
  objective?: string | null
  /** Only the actions this partner takes part in as A or R (PLAN_VIEW_NONE: nobody's partner). */
  partner?: string | null
  group?: PlanGrouping | null
}

/** What the view reads of an action. */
export interface PlanViewAction {
  objectiveId?: string | null
  accountable: string | null
  responsible: readonly string[]
}

export interface PlanGroup {
  /** The objective's or partner's id, or PLAN_VIEW_NONE. */
  key: string
  ids: string[]
}

/** The partners of an action's accountable and responsible members, each once, in that order. */
export function actionPartners(action: PlanViewAction, partnerOf: (userId: string) => string | null | undefined): string[] {
  const out: string[] = []
  for (const userId of [action.accountable, ...action.responsible]) {
    const partner = userId === null ? null : partnerOf(userId)
    if (partner && !out.includes(partner)) out.push(partner)
  }
  return out
}

const objectiveKey = (action: PlanViewAction, known: (id: string) => boolean): string =>
  action.objectiveId && known(action.objectiveId) ? action.objectiveId : PLAN_VIEW_NONE

export interface PlanViewInput<A extends PlanViewAction> {
  /** Action ids in plan order. */
  ids: readonly string[]
  byId: ReadonlyMap<string, A>
  partnerOf: (userId: string) => string | null | undefined
  /** Operational objectives in the order their groups come; an id not listed counts as none. */
  objectives: readonly string[]
  /** Partners in the order their groups come. */
  partners: readonly string[]
}

/**
 * The plan as the query asks: the ids that pass the filters, in plan order, as one group (key '')
 * or grouped by objective or partner — groups in the order given, "none" last, empty ones left out.
 */
export function planView<A extends PlanViewAction>(input: PlanViewInput<A>, query: PlanViewQuery): PlanGroup[] {
  const { ids, byId, partnerOf } = input
  const objectiveSet = new Set(input.objectives)
  const known = (id: string) => objectiveSet.has(id)
  const wantObjective = query.objective || null
  const wantPartner = query.partner || null
  const kept: string[] = []
  const partnersOf = new Map<string, string[]>()
  for (const id of ids) {
    const action = byId.get(id)
    if (!action) continue
    if (wantObjective !== null && objectiveKey(action, known) !== wantObjective) continue
    if (wantPartner !== null || query.group === 'partner') {
      const partners = actionPartners(action, partnerOf)
      if (wantPartner !== null && (wantPartner === PLAN_VIEW_NONE ? partners.length > 0 : !partners.includes(wantPartner))) continue
      partnersOf.set(id, partners)
    }
    kept.push(id)
  }
  if (!query.group) return [{ key: '', ids: kept }]
  const groups = new Map<string, string[]>()
  const add = (key: string, id: string) => {
    const list = groups.get(key)
    if (list) list.push(id)
    else groups.set(key, [id])
  }
  for (const id of kept) {
    if (query.group === 'objective') add(objectiveKey(byId.get(id)!, known), id)
    else {
      const partners = partnersOf.get(id)!
      if (partners.length === 0) add(PLAN_VIEW_NONE, id)
      // Filtered to one partner: its group only, not those of the partners it shares the action with.
      for (const partner of partners) if (wantPartner === null || partner === wantPartner) add(partner, id)
    }
  }
  // Listed groups in their order, then any other (a partner gone from the alliance), "none" last.
  const none = groups.get(PLAN_VIEW_NONE)
  groups.delete(PLAN_VIEW_NONE)
  const out: PlanGroup[] = []
  for (const key of query.group === 'objective' ? input.objectives : input.partners) {
    const list = groups.get(key)
    if (list) out.push({ key, ids: list })
    groups.delete(key)
  }
  for (const [key, list] of groups) out.push({ key, ids: list })
  if (none) out.push({ key: PLAN_VIEW_NONE, ids: none })
  return out
}

/** The query as the page's address keeps it (`?objectif=…&partenaire=…&grouper=objectif|partenaire`). */
export const PLAN_VIEW_PARAMS = { objective: 'objectif', partner: 'partenaire', group: 'grouper' } as const
const GROUP_WORDS: Record<PlanGrouping, string> = { objective: 'objectif', partner: 'partenaire' }

/** The query read from the address's parameters (anything unknown ignored). */
export function planViewFromParams(params: { get(name: string): string | null }): PlanViewQuery {
  const group = params.get(PLAN_VIEW_PARAMS.group)
  return {
    objective: params.get(PLAN_VIEW_PARAMS.objective) || null,
    partner: params.get(PLAN_VIEW_PARAMS.partner) || null,
    group: group === GROUP_WORDS.objective ? 'objective' : group === GROUP_WORDS.partner ? 'partner' : null,
  }
}

/** The address's parameters for a query: name → value, null for a parameter to remove. */
export function planViewParams(query: PlanViewQuery): Record<string, string | null> {
  return {
    [PLAN_VIEW_PARAMS.objective]: query.objective || null,
    [PLAN_VIEW_PARAMS.partner]: query.partner || null,
    [PLAN_VIEW_PARAMS.group]: query.group ? GROUP_WORDS[query.group] : null,
  }
}
