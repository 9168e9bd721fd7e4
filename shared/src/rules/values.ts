import { isOrderKey } from '../docs/order.ts'
import type { LocalizedText, RuleId, RuleViolation } from './types.ts'

/** Small, allocation-free value checks shared by the validators (faster than a zod parse per field). */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A calendar date `YYYY-MM-DD` that exists (same rule as `isoDateSchema`). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

export const isString = (value: unknown): value is string => typeof value === 'string'

/** A string of at most `max` characters. */
export const isBoundedString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max

/** A non-blank string of at most `max` characters (once trimmed, like the zod schemas). */
export const isTitle = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= max

export const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/** A member or partner reference: a non-empty id of at most 64 characters. */
export const isRef = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 64

export const isOrder = (value: unknown): value is string => typeof value === 'string' && value.length <= 64 && isOrderKey(value)

export const text = (fr: string, en: string): LocalizedText => ({ fr, en })

/** Collects violations for one entity. */
export class Violations {
  readonly list: RuleViolation[] = []
  constructor(readonly entity: string) {}

  add(rule: RuleId, field: string | undefined, message: LocalizedText, inputs?: readonly string[], entity = this.entity): void {
    const violation: RuleViolation = { rule, entity, message }
    if (field !== undefined) violation.field = field
    if (inputs !== undefined) violation.inputs = inputs
    this.list.push(violation)
  }
}
