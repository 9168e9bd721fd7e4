import * as Y from 'yjs'
import { objectivesOf } from '../layouts/objectivesLayout.ts'
import { actionsOf } from '../layouts/planLayout.ts'
import { matchActionObjectives } from './actionObjectives.ts'

/**
 * The actions of a plan whose free-text objective names an operational objective by its title
 * (matchActionObjectives) and that point to no objective yet: what the one-off migration attaches
 * (issue 18, item 2; OBJ9). Unmatched text is left as it is, shown as « objectif à rattacher ».
 */
export function objectiveLinksToMigrate(doc: Y.Doc): Map<string, string> {
  const operational: { id: string; title: string }[] = []
  objectivesOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map && map.get('kind') === 'operational' && typeof map.get('title') === 'string')
      operational.push({ id, title: map.get('title') as string })
  })
  const links = new Map<string, string>()
  if (operational.length === 0) return links
  const candidates: { id: string; objective: string }[] = []
  actionsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const text = map.get('objective')
    const linked = map.get('objectiveId')
    if (typeof text === 'string' && text.trim() !== '' && (linked === undefined || linked === null)) candidates.push({ id, objective: text })
  })
  for (const [objectiveId, actionIds] of matchActionObjectives(candidates, operational).byObjective) {
    for (const actionId of actionIds) links.set(actionId, objectiveId)
  }
  return links
}

/**
 * Attaches the matched actions (`links`, from objectiveLinksToMigrate) to their objective and clears
 * their text, which only repeated the objective's title: run again, it finds nothing left to do.
 */
export function migrateObjectiveLinks(doc: Y.Doc, links: ReadonlyMap<string, string>): void {
  const actions = actionsOf(doc)
  for (const [actionId, objectiveId] of links) {
    const map = actions.get(actionId)
    if (!(map instanceof Y.Map) || (map.get('objectiveId') ?? null) !== null) continue
    map.set('objectiveId', objectiveId)
    map.set('objective', '')
  }
}
