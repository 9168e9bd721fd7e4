import * as Y from 'yjs'
import type { z } from 'zod'
import { ACTOR_FIELDS, actorSchema } from '../entities/actor.ts'
import { contactLogEntrySchema } from '../entities/contactLogEntry.ts'
import { selectionCriterionSchema } from '../entities/selectionCriterion.ts'
import { actorCriteriaOf, actorCriterionEntity, actorEntity, actorsOf, contactEntryEntity, contactLogOf } from '../layouts/actorsLayout.ts'
import { LIMITS } from '../limits.ts'
import type { RuleId, RuleViolation } from './types.ts'
import { text, Violations } from './values.ts'
import { readPlainFields } from './yShape.ts'

/**
 * The rules on the map of actors (docs/SPEC.md MAP1–MAP6), the same code on the client (before
 * writing) and on the server (after applying an edit). Who may write what is `can()`'s answer
 * (actors.map, actors.criteria, actors.contact); these say what an actor, a criterion and a contact
 * log entry are.
 */
const ACTOR_KEYS: ReadonlySet<string> = new Set(ACTOR_FIELDS)

const MESSAGES: Readonly<Record<string, { fr: string; en: string }>> = {
  name: { fr: 'Un nom non vide, de 160 caractères au plus.', en: 'A non-empty name of at most 160 characters.' },
  type: { fr: 'Un des neuf types de partenaires.', en: 'One of the nine partner types.' },
  influence: { fr: 'Un niveau entier de 1 à 5.', en: 'A whole level from 1 to 5.' },
  interest: { fr: 'Un niveau entier de 1 à 5.', en: 'A whole level from 1 to 5.' },
  nuisance: { fr: 'Un niveau entier de 1 à 5.', en: 'A whole level from 1 to 5.' },
  status: { fr: 'Statut inconnu.', en: 'Unknown status.' },
  scores: { fr: 'Une note entière de 0 à 5 par critère.', en: 'A whole score from 0 to 5 per criterion.' },
  weight: { fr: 'Un poids entier de 1 à 10.', en: 'A whole weight from 1 to 10.' },
  date: { fr: 'Une date du calendrier (AAAA-MM-JJ).', en: 'A calendar date (YYYY-MM-DD).' },
  how: { fr: 'Rencontre, appel, courriel, événement ou autre.', en: 'Meeting, call, email, event or other.' },
}
const TOO_LONG = text('Texte vide ou trop long.', 'Text empty or too long.')

/** Violations of a zod schema on plain fields, one per field, with this rule. */
function schemaViolations(v: Violations, rule: RuleId, schema: z.ZodType, fields: unknown): void {
  const parsed = schema.safeParse(fields)
  if (parsed.success) return
  const seen = new Set<string>()
  for (const issue of parsed.error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined
    const key = field ?? ''
    if (seen.has(key)) continue
    seen.add(key)
    v.add(rule, field, (field && MESSAGES[field]) || TOO_LONG)
  }
}

/** MAP1: an actor's plain fields; every score names a criterion of the map (`hasCriterion`). */
export function validateActor(fields: Readonly<Record<string, unknown>>, hasCriterion: (id: string) => boolean, entity = 'actor'): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(fields)) if (!ACTOR_KEYS.has(key)) v.add('MAP1', key, text('Champ inconnu.', 'Unknown field.'))
  schemaViolations(v, 'MAP1', actorSchema, fields)
  const scores = fields.scores
  if (scores !== null && typeof scores === 'object' && !Array.isArray(scores) && !(scores instanceof Y.AbstractType)) {
    const ids = Object.keys(scores)
    if (ids.length > LIMITS.maxActorCriteria || ids.some((id) => !hasCriterion(id)))
      v.add('MAP1', 'scores', text('Une note porte sur un critère de sélection de la carte.', 'A score is given on a selection criterion of the map.'))
  }
  return v.list
}

/** MAP3: a selection criterion's plain fields. */
export function validateCriterion(fields: Readonly<Record<string, unknown>>, entity = 'criterion'): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(fields)) if (!['name', 'weight', 'order'].includes(key)) v.add('MAP3', key, text('Champ inconnu.', 'Unknown field.'))
  schemaViolations(v, 'MAP3', selectionCriterionSchema, fields)
  return v.list
}

/** What a contact log entry is judged against. */
export interface ContactContext {
  /** The member writing it and the server's clock (ms). */
  author: string
  now: number
  hasActor(id: string): boolean
}

/** MAP4: a contact log entry names an actor of the map, in its author's name, at the server's time. */
export function validateContactEntry(entry: unknown, ctx: ContactContext, entity = 'contact'): RuleViolation[] {
  const v = new Violations(entity)
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || entry instanceof Y.AbstractType) {
    v.add('MAP4', undefined, text('Une entrée du journal est un objet simple.', 'A log entry is a plain object.'))
    return v.list
  }
  const record = entry as Record<string, unknown>
  for (const key of Object.keys(record)) if (!Object.hasOwn(contactLogEntrySchema.shape, key)) v.add('MAP4', key, text('Champ inconnu.', 'Unknown field.'))
  schemaViolations(v, 'MAP4', contactLogEntrySchema, record)
  if (typeof record.actorId === 'string' && !ctx.hasActor(record.actorId))
    v.add('MAP4', 'actorId', text('Cet acteur n’existe pas.', 'This actor does not exist.'))
  if (record.by !== ctx.author) v.add('MAP4', 'by', text('Une entrée est écrite en son propre nom.', 'An entry is written in one’s own name.'))
  if (typeof record.at !== 'number' || Math.abs(record.at - ctx.now) > LIMITS.valueClockSkewMs)
    v.add('MAP4', 'at', text('L’heure de l’entrée est celle du serveur.', 'The entry’s time is the server’s.'))
  return v.list
}

const stampOf = (entry: unknown): { author: string; now: number } => {
  const record = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {}
  return { author: typeof record.by === 'string' ? record.by : '', now: typeof record.at === 'number' ? record.at : 0 }
}

/** Every rule about a whole `actors` document (MAP1, MAP3, MAP4): for tests and tools, not the edit path. */
export function validateActorsDocument(doc: Y.Doc): RuleViolation[] {
  const out: RuleViolation[] = []
  const criteria = actorCriteriaOf(doc)
  const actors = actorsOf(doc)
  criteria.forEach((value, id) => {
    if (value instanceof Y.Map) out.push(...validateCriterion(readPlainFields(value), actorCriterionEntity(id)))
    else out.push({ rule: 'VAL1', entity: actorCriterionEntity(id), message: text('Un critère est une table Yjs.', 'A criterion is a Yjs map.') })
  })
  actors.forEach((value, id) => {
    if (value instanceof Y.Map) out.push(...validateActor(readPlainFields(value), (c) => criteria.has(c), actorEntity(id)))
    else out.push({ rule: 'VAL1', entity: actorEntity(id), message: text('Un acteur est une table Yjs.', 'An actor is a Yjs map.') })
  })
  contactLogOf(doc).forEach((entry, id) => {
    out.push(...validateContactEntry(entry, { ...stampOf(entry), hasActor: (a) => actors.has(a) }, contactEntryEntity(id)))
  })
  return out
}
