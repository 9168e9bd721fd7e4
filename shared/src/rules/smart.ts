import type { PlanPeriod } from './action.ts'
import { isIsoDate, isTitle } from './values.ts'
import { LIMITS } from '../limits.ts'
import type { LocalizedText } from './types.ts'
import { text } from './values.ts'

/**
 * The SMART test of an operational objective (OBJ5), as a pure function of what the objective and
 * its indicators hold: the editor shows the letters still missing, the server refuses « validé »
 * while one is.
 */
export const SMART_LETTERS = ['S', 'M', 'A', 'R', 'T'] as const
export type SmartLetter = (typeof SMART_LETTERS)[number]

/** What each letter asks for, in both languages (shown beside the badge and read by screen readers). */
export const SMART_REQUIREMENTS: Readonly<Record<SmartLetter, LocalizedText>> = {
  S: text('Spécifique : un énoncé précis', 'Specific: a precise statement'),
  M: text(
    'Mesurable : au moins un indicateur avec unité, valeur de départ et cible',
    'Measurable: at least one indicator with a unit, a baseline and a target',
  ),
  A: text('Atteignable : les ressources mobilisées', 'Achievable: the resources it relies on'),
  R: text('Réaliste : rattaché à un objectif stratégique', 'Relevant: tied to a strategic objective'),
  T: text('Temporellement défini : une date cible dans la période du plan', 'Time-bound: a target date within the plan’s period'),
}

/** The fields of an operational objective the test reads (values untrusted). */
export interface SmartObjective {
  statement?: unknown
  resources?: unknown
  parentId?: unknown
  targetDate?: unknown
}

/** The fields of an indicator the test reads. */
export interface SmartIndicator {
  unit?: unknown
  baseline?: unknown
  target?: unknown
}

export interface SmartContext {
  period: PlanPeriod
  /** Whether `id` names a strategic objective of the plan. */
  isStrategic(id: string): boolean
  /** The indicators measuring this objective. */
  indicators: Iterable<SmartIndicator>
}

const finite = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value)

/** An indicator that makes its objective measurable: a unit, a baseline and a target. */
export const isMeasuring = (indicator: SmartIndicator): boolean =>
  isTitle(indicator.unit, LIMITS.shortTextLength) && finite(indicator.baseline) && finite(indicator.target)

/** A date inside the period (an unset bound leaves that side open). */
export function withinPeriod(date: string, period: PlanPeriod): boolean {
  return !((period.start && date < period.start) || (period.end && date > period.end))
}

/** The letters `objective` still misses, in S, M, A, R, T order (empty: SMART). */
export function missingSmartLetters(objective: SmartObjective, ctx: SmartContext): SmartLetter[] {
  const missing: SmartLetter[] = []
  if (!isTitle(objective.statement, LIMITS.textFieldLength)) missing.push('S')
  let measured = false
  for (const indicator of ctx.indicators) {
    if (isMeasuring(indicator)) {
      measured = true
      break
    }
  }
  if (!measured) missing.push('M')
  if (!isTitle(objective.resources, LIMITS.textFieldLength)) missing.push('A')
  if (typeof objective.parentId !== 'string' || !ctx.isStrategic(objective.parentId)) missing.push('R')
  if (!isIsoDate(objective.targetDate) || !withinPeriod(objective.targetDate, ctx.period)) missing.push('T')
  return missing
}
