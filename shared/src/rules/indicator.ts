import * as Y from 'yjs'
import { COLLECTION_FREQUENCIES, EVALUATION_PURPOSES, INDICATOR_FAMILIES, INDICATOR_FIELDS } from '../entities/indicator.ts'
import { LIMITS } from '../limits.ts'
import { PERIOD_INPUT } from './action.ts'
import { readPlainFields } from './yShape.ts'
import { withinPeriod } from './smart.ts'
import type { SteeringRuleContext } from './steeringContext.ts'
import type { RuleViolation } from './types.ts'
import { isBoundedString, isIsoDate, isRef, isTitle, refSet, text, Violations } from './values.ts'

/** An indicator as read from its Y.Map (without its values): field → value, untrusted. */
export type IndicatorLike = Readonly<Record<string, unknown>>

const FIELD_SET: ReadonlySet<string> = new Set(INDICATOR_FIELDS)
const isNumberOrNull = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isFinite(value))

/**
 * Every rule about one indicator's definition (IND1–IND3): its fields, each of the right type and
 * within bounds (a unit, numbers for baseline and target), an operational objective of the plan, a
 * partner of the alliance, a target date within the plan's period. Its values: validateIndicatorValue.
 */
export function validateIndicator(indicator: IndicatorLike, ctx: SteeringRuleContext, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(indicator)) {
    if (!FIELD_SET.has(key)) v.add('IND1', key, text('Champ inconnu dans un indicateur.', 'Unknown field in an indicator.'))
  }
  if (!isTitle(indicator.name, LIMITS.actionTitleLength)) {
    v.add(
      'IND1',
      'name',
      text(
        `Un indicateur a un nom d’au plus ${LIMITS.actionTitleLength} caractères.`,
        `An indicator needs a name of at most ${LIMITS.actionTitleLength} characters.`,
      ),
    )
  }
  if (!(INDICATOR_FAMILIES as readonly unknown[]).includes(indicator.family)) {
    v.add('IND1', 'family', text('Famille inconnue : moyens, activités, résultats ou impacts.', 'Unknown family: means, activities, results or impacts.'))
  }
  if (!isTitle(indicator.unit, LIMITS.shortTextLength)) {
    v.add(
      'IND1',
      'unit',
      text(
        `Un indicateur a une unité (au plus ${LIMITS.shortTextLength} caractères).`,
        `An indicator needs a unit (at most ${LIMITS.shortTextLength} characters).`,
      ),
    )
  }
  for (const field of ['baseline', 'target'] as const) {
    if (!isNumberOrNull(indicator[field])) v.add('IND1', field, text('Un nombre est attendu.', 'A number is expected.'))
  }
  if (!isBoundedString(indicator.source, LIMITS.shortTextLength)) {
    v.add(
      'IND1',
      'source',
      text(`La source est un texte d’au plus ${LIMITS.shortTextLength} caractères.`, `The source is a text of at most ${LIMITS.shortTextLength} characters.`),
    )
  }
  if (!(COLLECTION_FREQUENCIES as readonly unknown[]).includes(indicator.frequency)) {
    v.add('IND1', 'frequency', text('Fréquence de collecte inconnue.', 'Unknown collection frequency.'))
  }
  const purposes = refSet(indicator.purposes, EVALUATION_PURPOSES.length)
  if (purposes === null || purposes.some((p) => !(EVALUATION_PURPOSES as readonly string[]).includes(p))) {
    v.add(
      'IND1',
      'purposes',
      text('Finalités : suivre, comprendre, prouver, valoriser, chacune une fois.', 'Purposes: monitor, understand, prove, value, each once.'),
    )
  }
  if (!(isRef(indicator.objectiveId) && ctx.objectiveKind(indicator.objectiveId) === 'operational')) {
    v.add('IND2', 'objectiveId', text('Un indicateur mesure un objectif opérationnel du plan.', 'An indicator measures an operational objective of the plan.'))
  }
  const partnerId = indicator.partnerId
  if (!(partnerId === null || (isRef(partnerId) && ctx.workspace.partners.has(partnerId)))) {
    v.add(
      'IND2',
      'partnerId',
      text('Le partenaire responsable doit être un partenaire de l’alliance.', 'The responsible partner must be a partner of the alliance.'),
    )
  }
  const targetDate = indicator.targetDate
  if (!(targetDate === null || isIsoDate(targetDate))) {
    v.add('IND3', 'targetDate', text('Date invalide (AAAA-MM-JJ attendu).', 'Invalid date (YYYY-MM-DD expected).'))
  } else if (targetDate !== null && !withinPeriod(targetDate, ctx.period)) {
    v.add('IND3', 'targetDate', text('La date cible doit être dans la période du plan.', 'The target date must be within the plan’s period.'), [
      'targetDate',
      PERIOD_INPUT,
    ])
  }
  return v.list
}

/** An indicator's Y.Map as plain fields, and its values if they are a Y.Map (null fails IND1). */
export function readIndicatorShape(map: Y.Map<unknown>): { indicator: IndicatorLike; values: Y.Map<unknown> | null } {
  const values = map.get('values')
  return { indicator: readPlainFields(map, 'values'), values: values instanceof Y.Map ? values : null }
}

const VALUE_KEYS: ReadonlySet<string> = new Set(['value', 'date', 'comment', 'by', 'at', 'corrects'])

/** Who enters a value and when, as the server knows it. */
export interface ValueEntryContext {
  /** The member entering it. */
  author: string
  /** The server's clock, in milliseconds. */
  now: number
  /** Whether the indicator holds a value `id` (other than the one being judged). */
  hasValue(id: string): boolean
}

/**
 * One value entry (IND4, PERM12): a plain object with a finite number, a real date, a bounded
 * comment, its author (the member entering it) and time (within five minutes of the server's
 * clock), and, for a correction, an existing value of the same indicator.
 */
export function validateIndicatorValue(entry: unknown, ctx: ValueEntryContext, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || entry instanceof Y.AbstractType || entry instanceof Uint8Array) {
    v.add('IND4', undefined, text('Une valeur est une saisie datée (nombre, date, commentaire).', 'A value is a dated entry (number, date, comment).'))
    return v.list
  }
  const record = entry as Record<string, unknown>
  for (const key of Object.keys(record)) if (!VALUE_KEYS.has(key)) v.add('IND4', key, text('Champ inconnu dans une valeur.', 'Unknown field in a value.'))
  if (typeof record.value !== 'number' || !Number.isFinite(record.value))
    v.add('IND4', 'value', text('La valeur doit être un nombre.', 'The value must be a number.'))
  if (!isIsoDate(record.date)) v.add('IND4', 'date', text('Date invalide (AAAA-MM-JJ attendu).', 'Invalid date (YYYY-MM-DD expected).'))
  if (!isBoundedString(record.comment, LIMITS.valueCommentLength)) {
    v.add(
      'IND4',
      'comment',
      text(`Le commentaire fait au plus ${LIMITS.valueCommentLength} caractères.`, `The comment is at most ${LIMITS.valueCommentLength} characters.`),
    )
  }
  if (record.corrects !== undefined && !(isRef(record.corrects) && ctx.hasValue(record.corrects))) {
    v.add('IND4', 'corrects', text('Une correction désigne une valeur existante de cet indicateur.', 'A correction names an existing value of this indicator.'))
  }
  if (!isRef(record.by) || record.by !== ctx.author)
    v.add('PERM12', 'by', text('Une valeur est saisie en son propre nom.', 'A value is entered in one’s own name.'))
  if (typeof record.at !== 'number' || !Number.isInteger(record.at) || Math.abs(record.at - ctx.now) > LIMITS.valueClockSkewMs) {
    v.add('PERM12', 'at', text('L’heure de saisie doit être l’heure actuelle.', 'The entry time must be the current time.'))
  }
  return v.list
}
