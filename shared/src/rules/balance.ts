import * as Y from 'yjs'
import { BALANCE_PERIOD_LENGTHS, BALANCE_SETTING_FIELDS, RATED_UNITS } from '../entities/balance.ts'
import { RESOURCE_UNITS } from '../entities/resource.ts'
import { LIMITS } from '../limits.ts'
import type { RuleViolation } from './types.ts'
import { isBoundedString, isIntegerIn, isRef, text, Violations } from './values.ts'

/**
 * The rules on the partners' balance (docs/SPEC.md BAL1–BAL7), the same code on the client (before
 * writing) and on the server (after applying an edit). Who may write what is `can()`'s answer
 * (balance.settings, balance.declare, balance.amend, balance.validate); these say what an entry is.
 */
const SETTING_SET: ReadonlySet<string> = new Set(BALANCE_SETTING_FIELDS)

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array)

const isAmount = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max

/** BAL1: the settings as plain fields (unset fields take their defaults and are not judged). */
export function validateBalanceSettings(fields: Readonly<Record<string, unknown>>, entity = 'balance'): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(fields)) if (!SETTING_SET.has(key)) v.add('BAL1', key, text('Réglage inconnu.', 'Unknown setting.'))
  if (fields.rates !== undefined) {
    const rates = fields.rates
    if (!isPlainObject(rates) || Object.keys(rates).some((unit) => !(RATED_UNITS as readonly string[]).includes(unit))) {
      v.add('BAL1', 'rates', text('Les taux portent sur les jours-homme, heures, ETP et unités.', 'Rates are for person-days, hours, FTE and units.'))
    } else {
      for (const unit of RATED_UNITS) {
        if (!isAmount(rates[unit], LIMITS.maxBalanceRate)) {
          v.add(
            'BAL1',
            `rates.${unit}`,
            text(
              `Un taux est un nombre d’euros entre 0 et ${LIMITS.maxBalanceRate.toLocaleString('fr-FR')}.`,
              `A rate is a number of euros between 0 and ${LIMITS.maxBalanceRate.toLocaleString('en-GB')}.`,
            ),
            ['rates'],
          )
          break
        }
      }
    }
  }
  if (fields.periodLength !== undefined && !(BALANCE_PERIOD_LENGTHS as readonly unknown[]).includes(fields.periodLength)) {
    v.add('BAL1', 'periodLength', text('Période : année, semestre ou trimestre.', 'Period: year, half-year or quarter.'))
  }
  if (fields.threshold !== undefined && !isIntegerIn(fields.threshold, 0, 100)) {
    v.add('BAL1', 'threshold', text('Le seuil est un pourcentage entier entre 0 et 100.', 'The threshold is a whole percentage between 0 and 100.'))
  }
  return v.list
}

/** BAL1: the period length no longer changes once an actual is declared (their periods would not match). */
export const periodLengthLocked = (entity = 'balance'): RuleViolation => ({
  rule: 'BAL1',
  entity,
  field: 'periodLength',
  message: text('Des réalisations sont déclarées : la durée des périodes ne change plus.', 'Actuals are declared: the period length no longer changes.'),
})

/** What an actual entry is judged against. */
export interface ActualContext {
  /** The member writing it and the server's clock (ms). */
  author: string
  now: number
  partners: ReadonlySet<string>
  /** Keys of the plan's periods under the current settings. */
  periodKeys: ReadonlySet<string>
  /** Whether the action `actionId` of the plan has a resource brought by `partnerId`. */
  actionBrings(actionId: string, partnerId: string): boolean
  /** Another entry of the plan (the one being judged excepted), as stored. */
  entryOf(id: string): unknown
  isFrozen(period: string): boolean
}

const ACTUAL_KEYS: ReadonlySet<string> = new Set(['partnerId', 'period', 'unit', 'amount', 'actionId', 'comment', 'by', 'at', 'amends'])

/** A stamp (`by`, `at`) is the author's, at the server's time (BAL4, BAL6). */
function checkStamp(v: Violations, rule: 'BAL4' | 'BAL6', record: Record<string, unknown>, author: string, now: number): void {
  if (record.by !== author) v.add(rule, 'by', text('Une saisie est faite en son propre nom.', 'An entry is made in one’s own name.'))
  if (typeof record.at !== 'number' || !Number.isInteger(record.at) || Math.abs(record.at - now) > LIMITS.valueClockSkewMs) {
    v.add(rule, 'at', text('L’heure de la saisie ne correspond pas à celle du serveur.', 'The entry’s time does not match the server’s.'))
  }
}

/**
 * One declared actual (BAL3, BAL4, BAL7): a plain entry of a partner of the alliance, for a period
 * of the plan, in a known unit, a bounded non-negative amount and comment, optionally an action of
 * the plan to which that partner brings resources, made in its author's name at the server's time;
 * an amendment names an entry of the same partner and period; a frozen period takes amendments only.
 */
export function validateActual(entry: unknown, ctx: ActualContext, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  if (!isPlainObject(entry)) {
    v.add('BAL3', undefined, text('Une réalisation est une saisie (partenaire, période, montant).', 'An actual is an entry (partner, period, amount).'))
    return v.list
  }
  for (const key of Object.keys(entry))
    if (!ACTUAL_KEYS.has(key)) v.add('BAL3', key, text('Champ inconnu dans une réalisation.', 'Unknown field in an actual.'))
  const { partnerId, period } = entry
  const partnerOk = isRef(partnerId) && ctx.partners.has(partnerId)
  if (!partnerOk) v.add('BAL3', 'partnerId', text('Le partenaire doit être un partenaire de l’alliance.', 'The partner must be a partner of the alliance.'))
  const periodOk = typeof period === 'string' && ctx.periodKeys.has(period)
  if (!periodOk) v.add('BAL3', 'period', text('La période doit être une période du plan.', 'The period must be a period of the plan.'))
  if (!(RESOURCE_UNITS as readonly unknown[]).includes(entry.unit)) v.add('BAL3', 'unit', text('Unité inconnue.', 'Unknown unit.'))
  if (!isAmount(entry.amount, LIMITS.maxActualAmount)) {
    v.add('BAL3', 'amount', text('Le montant doit être un nombre positif ou nul.', 'The amount must be a number, zero or more.'))
  }
  if (!isBoundedString(entry.comment, LIMITS.valueCommentLength)) {
    v.add(
      'BAL3',
      'comment',
      text(`Le commentaire fait au plus ${LIMITS.valueCommentLength} caractères.`, `The comment is at most ${LIMITS.valueCommentLength} characters.`),
    )
  }
  if (entry.actionId !== undefined && !(isRef(entry.actionId) && partnerOk && ctx.actionBrings(entry.actionId, partnerId as string))) {
    v.add(
      'BAL3',
      'actionId',
      text(
        'L’action doit être une action du plan à laquelle ce partenaire apporte des ressources.',
        'The action must be one of the plan’s to which this partner brings resources.',
      ),
    )
  }
  if (entry.amends !== undefined) {
    const target = isRef(entry.amends) ? ctx.entryOf(entry.amends) : undefined
    if (!(isPlainObject(target) && target.partnerId === partnerId && target.period === period)) {
      v.add(
        'BAL3',
        'amends',
        text(
          'Une rectification désigne une réalisation du même partenaire et de la même période.',
          'An amendment names an actual of the same partner and period.',
        ),
      )
    }
  } else if (periodOk && ctx.isFrozen(period as string)) {
    v.add(
      'BAL7',
      'period',
      text(
        'Cette période est gelée : seule une rectification d’une réalisation existante peut encore la modifier.',
        'This period is frozen: only an amendment of an existing actual can still change it.',
      ),
    )
  }
  checkStamp(v, 'BAL4', entry, ctx.author, ctx.now)
  return v.list
}

/** What a validation or a freeze is judged against. */
export interface StampContext {
  author: string
  now: number
}

/** BAL6: a stamp is `{by, at}` only, in its author's name, at the server's time. */
export function validateBalanceStamp(stamp: unknown, ctx: StampContext, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  if (!isPlainObject(stamp) || Object.keys(stamp).some((k) => k !== 'by' && k !== 'at')) {
    v.add('BAL6', undefined, text('Une validation est faite par un auteur, à une heure.', 'A validation is made by an author, at a time.'))
    return v.list
  }
  checkStamp(v, 'BAL6', stamp, ctx.author, ctx.now)
  return v.list
}
