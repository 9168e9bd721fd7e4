import * as Y from 'yjs'
import { ACTION_FIELDS } from './actionPermissions.ts'
import { NOT_AN_ENTRY, validateActionView, type ActionRuleContext, type ActionView, type ChangedEntries } from './action.ts'
import { BODY_FIELDS, type BodyLike } from './body.ts'
import type { RuleViolation } from './types.ts'
import { text, Violations } from './values.ts'

/**
 * VAL1 at the Yjs level: an entity of a document has the Yjs types the layout gives it
 * (layouts/planLayout.ts, layouts/governanceLayout.ts), so every client can keep editing it field by field.
 * Each reader returns the plain entity (for the value rules) and the structural violations.
 */

const ACTION_FIELD_SET: ReadonlySet<string> = new Set(ACTION_FIELDS)
const BODY_FIELD_SET: ReadonlySet<string> = new Set(BODY_FIELDS)

const wrongType = (v: Violations, field: string, fr: string, en: string, inputs?: readonly string[], entity?: string) =>
  v.add('VAL1', field, text(fr, en), inputs, entity)

/** A primitive JSON value, not a shared type (Y.Map, Y.Text…) nor binary. */
const isPlain = (value: unknown): boolean => !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array) && !(value instanceof Y.Doc)

/** What a reader gets for a field whose Yjs type is not the layout's: fails every value rule (VAL1). */
const WRONG_TYPE = Symbol('wrong Yjs type')

/**
 * The current value of a map entry, read from its item (what Y.Map#get returns, without the
 * array Y.Map#forEach allocates per entry: this runs on every edit of milestones or dates).
 */
function entryValue(item: Y.Item): unknown {
  const content = item.content
  if (content instanceof Y.ContentType) return content.type
  const values = content.getContent()
  return values[values.length - 1]
}

/** A Y.Map of Y.Maps keyed by id (milestones, resources) as plain records; an entry that is not a Y.Map reads as null. */
function plainEntries(value: unknown): Record<string, unknown> | typeof WRONG_TYPE {
  if (!(value instanceof Y.Map)) return WRONG_TYPE
  const out: Record<string, unknown> = {}
  for (const [id, item] of value._map) {
    if (item.deleted) continue
    const entry = entryValue(item)
    if (!(entry instanceof Y.Map)) {
      out[id] = null
      continue
    }
    const plain: Record<string, unknown> = {}
    // A shared type as a value stays one, and fails the value rules.
    for (const [key, field] of entry._map) if (!field.deleted) plain[key] = entryValue(field)
    out[id] = plain
  }
  return out
}

/**
 * An action's Y.Map read field by field for the rules, each value checked against the layout's
 * Yjs type (VAL1): `description` a Y.Text; `responsible`, `consulted`, `informed` Y.Arrays;
 * `milestones`, `resources` Y.Maps of Y.Maps; every other field a plain value.
 */
export function actionViewOf(map: Y.Map<unknown>): ActionView {
  return {
    get(field) {
      const value = map.get(field)
      switch (field) {
        case 'description':
          return value instanceof Y.Text ? value : WRONG_TYPE
        case 'responsible':
        case 'consulted':
        case 'informed':
          return value instanceof Y.Array ? value.toArray() : WRONG_TYPE
        case 'milestones':
        case 'resources':
          return plainEntries(value)
        default:
          return isPlain(value) ? value : WRONG_TYPE
      }
    },
    entry(field, id) {
      const value = map.get(field)
      if (!(value instanceof Y.Map)) return undefined
      const item = value._map.get(id)
      if (item === undefined || item.deleted) return undefined
      const entry = entryValue(item)
      if (!(entry instanceof Y.Map)) return null
      const plain: Record<string, unknown> = {}
      for (const [key, field] of entry._map) if (!field.deleted) plain[key] = entryValue(field)
      return plain
    },
    entryField(field, key) {
      const value = map.get(field)
      if (!(value instanceof Y.Map)) return null
      const out: [string, unknown][] = []
      for (const [id, item] of value._map) {
        if (item.deleted) continue
        const entry = entryValue(item)
        if (!(entry instanceof Y.Map)) {
          out.push([id, NOT_AN_ENTRY])
          continue
        }
        const field = entry._map.get(key)
        out.push([id, field === undefined || field.deleted ? undefined : entryValue(field)])
      }
      return out
    },
  }
}

/** VAL1: fields an action's Y.Map holds outside the layout (all of them, or among `keys`). */
export function unknownActionFields(map: Y.Map<unknown>, entity: string, keys?: Iterable<string>): RuleViolation[] {
  let v: Violations | null = null
  for (const key of keys ?? map.keys()) {
    // A junk key being removed is fine; pseudo-inputs such as PERIOD_INPUT are not keys.
    if (!ACTION_FIELD_SET.has(key) && map.has(key))
      wrongType((v ??= new Violations(entity)), key, 'Champ inconnu dans une action.', 'Unknown field in an action.')
  }
  return v?.list ?? []
}

/**
 * Every rule about the action held by `map` (VAL1–VAL14, Yjs types included), or only those that
 * depend on the `changed` inputs (see validateActionView): what the server runs on each changed
 * action.
 */
export function checkActionMap(
  map: Y.Map<unknown>,
  ctx: ActionRuleContext,
  entity: string,
  changed?: Iterable<string>,
  changedEntries?: ChangedEntries,
): RuleViolation[] {
  const unknown = unknownActionFields(map, entity, changed)
  const violations = validateActionView(actionViewOf(map), ctx, entity, changed, changedEntries)
  return unknown.length === 0 ? violations : [...unknown, ...violations]
}

/** A body's Y.Map: only the fields of the layout; `seats` a Y.Map of numbers; `mandate` a Y.Text or a string; `voting` optional, one plain JSON value. */
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
    } else if (field === 'voting' && !map.has(field)) {
      // Optional: bodies written before GOV have none.
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

/** Stands in for a shared type found where a plain value belongs: fails every value rule. */
export const SHARED_TYPE = Symbol('shared type')

/**
 * A Y.Map of plain values (an objective, a question, an indicator's definition) as a record for
 * the value rules; a shared type as a field value reads as SHARED_TYPE and fails its rule.
 */
export function readPlainFields(map: Y.Map<unknown>, skip?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  map.forEach((value, key) => {
    if (key !== skip) out[key] = value instanceof Y.AbstractType ? SHARED_TYPE : value
  })
  return out
}
