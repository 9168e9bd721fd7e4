import {
  actorCriteriaOf,
  actorCriterionEntity,
  actorEntity,
  actorsOf,
  can,
  contactEntryEntity,
  contactLogOf,
  LIMITS,
  readPlainFields,
  ROOT,
  validateActor,
  validateContactEntry,
  validateCriterion,
  violationInputs,
  type LocalizedText,
  type RuleViolation,
} from '@ensemble/shared'
import * as Y from 'yjs'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { invalid, malformed } from './refusals.ts'

const MESSAGES = {
  steering: {
    fr: 'Seuls l’administration et le comité de pilotage modifient la carte des acteurs et les critères de sélection.',
    en: 'Only admin and steering edit the map of actors and the selection criteria.',
  },
  contact: {
    fr: 'Seuls l’administration, le pilotage et les éditeurs écrivent dans le journal des contacts.',
    en: 'Only admin, steering and editors write in the contact log.',
  },
  appendOnly: {
    fr: 'Une entrée du journal des contacts ne se modifie ni ne se supprime : ajoutez-en une.',
    en: 'A contact log entry is never changed nor removed: add another one.',
  },
  converted: {
    fr: 'Seule la conversion en partenaire marque un acteur converti ; un acteur converti garde ce statut, son partenaire et son historique.',
    en: 'Only the conversion into a partner marks an actor converted; a converted actor keeps that status, its partner and its history.',
  },
} satisfies Record<string, LocalizedText>

function forbid(rule: 'MAP2' | 'MAP4' | 'MAP6', message: LocalizedText, entity: string, field?: string): EditRefusal {
  return field === undefined ? { code: 'edit_forbidden', rule, entity, message } : { code: 'edit_forbidden', rule, entity, field, message }
}

const tooMany = (rule: 'MAP1' | 'MAP3' | 'MAP4', entity: string, fr: string, en: string): EditRefusal =>
  invalid({ rule, entity, message: { fr: `Limite atteinte : au plus ${fr}.`, en: `Limit reached: at most ${en}.` } })

/** What one edit did to one actor or criterion. */
interface EntityEdit {
  created: boolean
  deleted: boolean
  /** Fields set or removed, with the value they held before when the key change knows it. */
  fields: Map<string, unknown>
  before?: unknown
}

function editOf(edits: Map<string, EntityEdit>, id: string): EntityEdit {
  let edit = edits.get(id)
  if (!edit) edits.set(id, (edit = { created: false, deleted: false, fields: new Map() }))
  return edit
}

/** The first violation an edit of `edit`'s fields is to blame for (every one, for a new entity). */
const blamed = (violations: RuleViolation[], edit: EntityEdit): RuleViolation | undefined =>
  edit.created ? violations[0] : violations.find((v) => violationInputs(v).some((input) => edit.fields.has(input)))

/**
 * A field of a Y.Map as it was, even once the map was deleted by the edit (the room keeps an edit's
 * deleted content until the edit is judged; `get` no longer reads deleted entries).
 */
function fieldAsItWas(map: unknown, key: string): unknown {
  if (!(map instanceof Y.Map)) return undefined
  const item = map._map.get(key)
  if (!item || item.content instanceof Y.ContentDeleted) return undefined
  const content = item.content.getContent()
  return content[content.length - 1]
}

/**
 * The rules of the map of actors for one edit of the `actors` document: admin and steering edit
 * actors and criteria (MAP2), which must then hold (MAP1, MAP3); the contact log only grows, written
 * by admin, steering and editors in their own name (MAP4); no live edit converts an actor, changes a
 * converted actor's status or partner, or removes it (MAP6).
 */
export function checkActorsEdit(input: EditCheckInput, now = Date.now()): EditRefusal | null {
  const { identity, doc, changes } = input
  const actorEdits = new Map<string, EntityEdit>()
  const criterionEdits = new Map<string, EntityEdit>()
  const contactAdds: string[] = []

  // ---- what changed, and who may change it ------------------------------------------------------
  for (const type of changes.types) {
    const { root, path } = type
    if (root === ROOT.contactLog) {
      if (type.content || path.length > 0)
        return malformed(path.length === 0 ? 'VAL22' : 'VAL1', typeof path[0] === 'string' ? contactEntryEntity(path[0]) : root)
      if (!can(identity, 'actors.contact')) return forbid('MAP2', MESSAGES.contact, type.keys[0] ? contactEntryEntity(type.keys[0].key) : root)
      for (const { key, change } of type.keys) {
        if (change !== 'add') return forbid('MAP4', MESSAGES.appendOnly, contactEntryEntity(key))
        contactAdds.push(key)
      }
      continue
    }
    if (root !== ROOT.actors && root !== ROOT.actorCriteria) return malformed('VAL22', root)
    const isActor = root === ROOT.actors
    const entityOf = isActor ? actorEntity : actorCriterionEntity
    const edits = isActor ? actorEdits : criterionEdits
    const verb = isActor ? 'actors.map' : 'actors.criteria'
    const id = path[0]
    if (type.content) return malformed(path.length === 0 ? 'VAL22' : 'VAL1', typeof id === 'string' ? entityOf(id) : root)
    if (!can(identity, verb)) return forbid('MAP2', MESSAGES.steering, typeof id === 'string' ? entityOf(id) : type.keys[0] ? entityOf(type.keys[0].key) : root)
    if (path.length === 0) {
      for (const { key, change, before } of type.keys) {
        const edit = editOf(edits, key)
        if (change !== 'delete') edit.created = true
        if (change !== 'add') {
          edit.deleted = true
          edit.before = before
        }
      }
      continue
    }
    if (typeof id !== 'string' || path.length > 1) return malformed('VAL1', typeof id === 'string' ? entityOf(id) : root)
    const edit = editOf(edits, id)
    for (const key of type.keys) edit.fields.set(key.key, key.before)
  }

  const actors = actorsOf(doc)
  const criteria = actorCriteriaOf(doc)
  const log = contactLogOf(doc)
  const grew = (edits: Map<string, EntityEdit>) => [...edits.values()].some((e) => e.created)
  if (grew(actorEdits) && actors.size > LIMITS.maxActors) return tooMany('MAP1', ROOT.actors, `${LIMITS.maxActors} acteurs`, `${LIMITS.maxActors} actors`)
  if (grew(criterionEdits) && criteria.size > LIMITS.maxActorCriteria)
    return tooMany('MAP3', ROOT.actorCriteria, `${LIMITS.maxActorCriteria} critères`, `${LIMITS.maxActorCriteria} criteria`)
  if (contactAdds.length > 0 && log.size > LIMITS.maxContactEntries)
    return tooMany('MAP4', ROOT.contactLog, `${LIMITS.maxContactEntries} entrées`, `${LIMITS.maxContactEntries} entries`)

  // ---- validation of what changed -----------------------------------------------------------------
  for (const [id, edit] of criterionEdits) {
    const entity = actorCriterionEntity(id)
    const map = criteria.get(id)
    if (map === undefined && edit.deleted) continue
    if (!(map instanceof Y.Map)) return malformed('VAL1', entity)
    const violation = blamed(validateCriterion(readPlainFields(map), entity), edit)
    if (violation) return invalid(violation)
  }

  for (const [id, edit] of actorEdits) {
    const entity = actorEntity(id)
    if (edit.deleted && fieldAsItWas(edit.before, 'status') === 'converted') return forbid('MAP6', MESSAGES.converted, entity)
    const map = actors.get(id)
    if (map === undefined && edit.deleted) continue
    if (!(map instanceof Y.Map)) return malformed('VAL1', entity)
    if (edit.created) {
      if (map.get('status') === 'converted') return forbid('MAP6', MESSAGES.converted, entity, 'status')
      if (map.get('partnerId') !== null) return forbid('MAP6', MESSAGES.converted, entity, 'partnerId')
    } else {
      if (edit.fields.has('partnerId')) return forbid('MAP6', MESSAGES.converted, entity, 'partnerId')
      if (edit.fields.has('status') && (edit.fields.get('status') === 'converted' || map.get('status') === 'converted'))
        return forbid('MAP6', MESSAGES.converted, entity, 'status')
    }
    const violation = blamed(
      validateActor(readPlainFields(map), (c) => criteria.has(c), entity),
      edit,
    )
    if (violation) return invalid(violation)
  }

  for (const key of contactAdds) {
    const [violation] = validateContactEntry(log.get(key), { author: identity.userId, now, hasActor: (a) => actors.has(a) }, contactEntryEntity(key))
    if (violation) return invalid(violation)
  }
  return null
}
