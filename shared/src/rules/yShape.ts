import * as Y from 'yjs'
import { ACTION_FIELDS } from './actionPermissions.ts'
import { MILESTONE_KEYS, RESOURCE_KEYS, type ActionLike } from './action.ts'
import { BODY_FIELDS, type BodyLike } from './body.ts'
import type { RuleViolation } from './types.ts'
import { text, Violations } from './values.ts'

/**
 * VAL1 at the Yjs level: an entity of a document has the Yjs types the layout gives it
 * (docs/planLayout.ts, docs/governanceLayout.ts), so every client can keep editing it field by field.
 * Each reader returns the plain entity (for the value rules) and the structural violations.
 */

const ACTION_FIELD_SET: ReadonlySet<string> = new Set(ACTION_FIELDS)
const BODY_FIELD_SET: ReadonlySet<string> = new Set(BODY_FIELDS)

const wrongType = (v: Violations, field: string, fr: string, en: string, inputs?: readonly string[], entity?: string) =>
  v.add('VAL1', field, text(fr, en), inputs, entity)

/** A primitive JSON value, not a shared type (Y.Map, Y.Text…) nor binary. */
const isPlain = (value: unknown): boolean => !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array) && !(value instanceof Y.Doc)

/** Reads a Y.Map of Y.Maps keyed by id (milestones, resources) into plain records, checking their shape. */
function readEntries(
  value: unknown,
  field: 'milestones' | 'resources',
  keys: ReadonlySet<string>,
  v: Violations,
): Record<string, Record<string, unknown>> | null {
  if (!(value instanceof Y.Map)) {
    wrongType(v, field, 'Liste invalide (table Yjs attendue).', 'Invalid list (a Yjs map is expected).')
    return null
  }
  const out: Record<string, Record<string, unknown>> = {}
  value.forEach((entry: unknown, id: string) => {
    const where = `${v.entity}/${field}/${id}`
    if (!(entry instanceof Y.Map)) {
      wrongType(v, field, 'Élément invalide (table Yjs attendue).', 'Invalid entry (a Yjs map is expected).', [field], where)
      return
    }
    const plain: Record<string, unknown> = {}
    entry.forEach((item: unknown, key: string) => {
      if (!keys.has(key)) wrongType(v, key, 'Champ inconnu.', 'Unknown field.', [field], where)
      else if (!isPlain(item)) wrongType(v, key, 'Valeur invalide.', 'Invalid value.', [field], where)
      else plain[key] = item
    })
    out[id] = plain
  })
  return out
}

function readList(value: unknown, field: string, v: Violations): unknown[] | null {
  if (!(value instanceof Y.Array)) {
    wrongType(v, field, 'Liste de membres invalide (tableau Yjs attendu).', 'Invalid list of members (a Yjs array is expected).')
    return null
  }
  return value.toArray()
}

/**
 * An action's Y.Map: only the fields of the layout; `description` a Y.Text; `responsible`,
 * `consulted`, `informed` Y.Arrays; `milestones`, `resources` Y.Maps of Y.Maps; the rest plain values.
 */
export function readActionShape(map: Y.Map<unknown>, entity: string): { action: ActionLike; violations: RuleViolation[] } {
  const v = new Violations(entity)
  const action: Record<string, unknown> = {}
  map.forEach((value, key) => {
    if (!ACTION_FIELD_SET.has(key)) wrongType(v, key, 'Champ inconnu dans une action.', 'Unknown field in an action.')
  })
  for (const field of ACTION_FIELDS) {
    const value = map.get(field)
    switch (field) {
      case 'description':
        if (value instanceof Y.Text) action.description = value.toString()
        else wrongType(v, field, 'La description doit être un texte partagé.', 'The description must be a shared text.')
        break
      case 'responsible':
      case 'consulted':
      case 'informed': {
        const list = readList(value, field, v)
        if (list !== null) action[field] = list
        break
      }
      case 'milestones':
        action.milestones = readEntries(value, field, MILESTONE_KEYS, v) ?? {}
        break
      case 'resources':
        action.resources = readEntries(value, field, RESOURCE_KEYS, v) ?? {}
        break
      default:
        if (!map.has(field)) wrongType(v, field, 'Champ manquant.', 'Missing field.')
        else if (!isPlain(value)) wrongType(v, field, 'Valeur invalide.', 'Invalid value.')
        else action[field] = value
    }
  }
  return { action: action as ActionLike, violations: v.list }
}

/** A body's Y.Map: only the fields of the layout; `seats` a Y.Map of numbers; `mandate` a Y.Text or a string. */
export function readBodyShape(map: Y.Map<unknown>, entity: string): { body: BodyLike; violations: RuleViolation[] } {
  const v = new Violations(entity)
  const body: Record<string, unknown> = {}
  map.forEach((_value, key) => {
    if (!BODY_FIELD_SET.has(key)) wrongType(v, key, 'Champ inconnu dans une instance.', 'Unknown field in a body.')
  })
  for (const field of BODY_FIELDS) {
    const value = map.get(field)
    if (field === 'mandate') {
      if (value instanceof Y.Text) body.mandate = value.toString()
      else if (typeof value === 'string') body.mandate = value
      else wrongType(v, field, 'Le mandat doit être un texte.', 'The mandate must be a text.')
    } else if (field === 'seats') {
      if (!(value instanceof Y.Map)) wrongType(v, field, 'Sièges invalides (table Yjs attendue).', 'Invalid seats (a Yjs map is expected).')
      else body.seats = value.toJSON()
    } else if (field === 'chair' && !map.has(field)) {
      body.chair = null
    } else if (!map.has(field)) wrongType(v, field, 'Champ manquant.', 'Missing field.')
    else if (!isPlain(value)) wrongType(v, field, 'Valeur invalide.', 'Invalid value.')
    else body[field] = value
  }
  return { body: body as BodyLike, violations: v.list }
}

/** A `meta` map: plain values only (the value rules check them). */
export function readMetaShape(map: Y.Map<unknown>, entity = 'meta'): { meta: Record<string, unknown>; violations: RuleViolation[] } {
  const v = new Violations(entity)
  const meta: Record<string, unknown> = {}
  map.forEach((value, key) => {
    if (isPlain(value)) meta[key] = value
    else v.add('VAL21', key, text('Valeur invalide dans les informations du document.', 'Invalid value in the document’s details.'))
  })
  return { meta, violations: v.list }
}
