/**
 * Which operational objective each action serves, while actions still name their objective in free
 * text (issue 18, item 2, first step): an action whose text matches an objective's title (ignoring
 * case, accents' composition, spaces) is shown under it; any other non-empty text is kept visible
 * as « objectif à rattacher », so nothing a partner wrote is lost.
 */
export const normaliseTitle = (title: string): string => title.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr')

export interface ActionObjectives {
  /** Objective id → ids of the actions whose text names it, in the order given. */
  byObjective: Map<string, string[]>
  /** Actions whose non-empty text names no objective. */
  unattached: string[]
}

export function matchActionObjectives(
  actions: Iterable<{ id: string; objective: string }>,
  objectives: Iterable<{ id: string; title: string }>,
): ActionObjectives {
  const byTitle = new Map<string, string>()
  for (const o of objectives) {
    const key = normaliseTitle(o.title)
    if (!byTitle.has(key)) byTitle.set(key, o.id)
  }
  const byObjective = new Map<string, string[]>()
  const unattached: string[] = []
  for (const action of actions) {
    const text = normaliseTitle(action.objective)
    if (text === '') continue
    const id = byTitle.get(text)
    if (id === undefined) unattached.push(action.id)
    else byObjective.set(id, [...(byObjective.get(id) ?? []), action.id])
  }
  return { byObjective, unattached }
}

/**
 * Which operational objective each action serves, by the id it points to (OBJ8, OBJ10): under each
 * objective its actions in the order given; « à rattacher », the actions that point to no objective
 * of the plan (none, or one deleted since) and still carry free text, so nothing written is lost.
 */
export function linkActionObjectives(
  actions: Iterable<{ id: string; objective: string; objectiveId?: string | null }>,
  operationalIds: Iterable<string>,
): ActionObjectives {
  const known = new Set(operationalIds)
  const byObjective = new Map<string, string[]>()
  const unattached: string[] = []
  for (const action of actions) {
    const id = action.objectiveId
    if (id && known.has(id)) {
      const list = byObjective.get(id)
      if (list) list.push(action.id)
      else byObjective.set(id, [action.id])
    } else if (action.objective.trim() !== '') unattached.push(action.id)
  }
  return { byObjective, unattached }
}

/**
 * Action id → the operational objective it serves: its `objectiveId` (OBJ8) when that names one of
 * `operational`, else — a plan not yet upgraded (OBJ9) — the objective its text names.
 */
export function objectiveOfActions(
  actions: readonly { id: string; objective: string; objectiveId: string | null }[],
  operational: readonly { id: string; title: string }[],
): Map<string, string> {
  const ids = new Set(operational.map((o) => o.id))
  const served = new Map<string, string>()
  for (const a of actions) if (a.objectiveId !== null && ids.has(a.objectiveId)) served.set(a.id, a.objectiveId)
  const { byObjective } = matchActionObjectives(
    actions.filter((a) => !served.has(a.id)),
    operational,
  )
  for (const [objectiveId, actionIds] of byObjective) for (const id of actionIds) served.set(id, objectiveId)
  return served
}
