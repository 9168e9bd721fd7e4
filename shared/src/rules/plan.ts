import { LIMITS } from '../limits.ts'
import { PERIOD_INPUT, type PlanPeriod } from './action.ts'
import type { RuleViolation } from './types.ts'
import { isBoundedString, isIsoDate, text, Violations } from './values.ts'

/** Keys of the plan's `meta` map. */
export const PLAN_META_KEYS: ReadonlySet<string> = new Set(['title', 'start', 'end'])

/**
 * The plan's `meta` (VAL21 shape, VAL9 period): a title of at most 200 characters, and a period of
 * real dates with start ≤ end. Either bound may still be missing (the period is set one date at a
 * time); a missing bound leaves that side open.
 */
export function validatePlanMeta(meta: Readonly<Record<string, unknown>>, entity = 'meta'): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(meta)) {
    if (!PLAN_META_KEYS.has(key)) v.add('VAL21', key, text('Champ inconnu dans les informations du plan.', 'Unknown field in the plan’s details.'))
  }
  if (meta.title !== undefined && !isBoundedString(meta.title, LIMITS.actionTitleLength)) {
    v.add(
      'VAL21',
      'title',
      text(`Le titre du plan fait au plus ${LIMITS.actionTitleLength} caractères.`, `The plan’s title is at most ${LIMITS.actionTitleLength} characters.`),
    )
  }
  for (const field of ['start', 'end'] as const) {
    if (meta[field] !== undefined && meta[field] !== null && !isIsoDate(meta[field])) {
      v.add('VAL9', field, text('Date invalide (AAAA-MM-JJ attendu).', 'Invalid date (YYYY-MM-DD expected).'))
    }
  }
  if (isIsoDate(meta.start) && isIsoDate(meta.end) && meta.start > meta.end) {
    v.add('VAL9', 'end', text('La fin du plan ne peut pas précéder son début.', 'The plan cannot end before it starts.'), ['start', 'end'])
  }
  return v.list
}

/** The period as the action rules read it from the plan's meta. */
export const periodOf = (meta: Readonly<Record<string, unknown>>): PlanPeriod => ({
  start: isIsoDate(meta.start) ? meta.start : null,
  end: isIsoDate(meta.end) ? meta.end : null,
})

/**
 * VAL9 for a period change: the actions (id, start, deadline) whose dates would fall outside the new
 * period. The one rule whose cost follows the plan rather than the edit, as a new period changes the
 * rule for every action; it only runs when the period changes.
 */
export function actionsOutsidePeriod(
  period: PlanPeriod,
  actions: Iterable<readonly [id: string, dates: { start: unknown; deadline: unknown }]>,
  entity = 'meta',
): RuleViolation[] {
  const v = new Violations(entity)
  const { start, end } = period
  for (const [id, dates] of actions) {
    for (const date of [dates.start, dates.deadline]) {
      if (typeof date === 'string' && ((start && date < start) || (end && date > end))) {
        v.add(
          'VAL9',
          start && date < start ? 'start' : 'end',
          text(`La période exclurait l’action ${id} (datée du ${date}).`, `The period would leave out action ${id} (dated ${date}).`),
          [PERIOD_INPUT],
        )
        return v.list
      }
    }
  }
  return v.list
}
