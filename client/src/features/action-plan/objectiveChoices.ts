import type { OperationalObjective, StrategicObjective } from '@ensemble/shared'
import type { Row } from '../objectives/steeringStore.ts'

/** The operational objectives an action may serve, grouped under their strategic objective (OBJ8). */
export interface ObjectiveChoices {
  groups: { id: string | null; title: string; options: { id: string; title: string }[] }[]
  /** Operational objective id → its title, in the order the groups show them. */
  titles: ReadonlyMap<string, string>
}

/** Groups in the strategic objectives' order; operational ones without a (known) parent last, under `orphanTitle`. */
export function objectiveChoices(
  strategic: readonly Row<StrategicObjective>[],
  operational: readonly Row<OperationalObjective>[],
  orphanTitle: string,
): ObjectiveChoices {
  const option = (o: Row<OperationalObjective>) => ({ id: o.id, title: o.title || o.id })
  const parents = new Set(strategic.map((s) => s.id))
  const groups: ObjectiveChoices['groups'] = strategic.map((s) => ({
    id: s.id,
    title: s.title,
    options: operational.filter((o) => o.parentId === s.id).map(option),
  }))
  const orphans = operational.filter((o) => o.parentId === null || !parents.has(o.parentId)).map(option)
  if (orphans.length > 0) groups.push({ id: null, title: orphanTitle, options: orphans })
  const shown = groups.filter((g) => g.options.length > 0)
  return { groups: shown, titles: new Map(shown.flatMap((g) => g.options.map((o): [string, string] => [o.id, o.title]))) }
}
