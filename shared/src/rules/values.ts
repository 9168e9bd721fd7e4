import type { LocalizedText, RuleId, RuleViolation } from './types.ts'

/** Small, allocation-free value checks shared by the validators (faster than a zod parse per field). */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The digit at `index` of `value` (0–9), or -1. */
function digit(value: string, index: number): number {
  const code = value.charCodeAt(index) - 48
  return code >= 0 && code <= 9 ? code : -1
}

/**
 * A calendar date `YYYY-MM-DD` that exists (same answers as `isoDateSchema`, without a regular
 * expression nor a Date: it runs on every edit of a date).
 */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false
  let year = 0
  for (let i = 0; i < 4; i++) {
    const d = digit(value, i)
    if (d < 0) return false
    year = year * 10 + d
  }
  const m1 = digit(value, 5)
  const m2 = digit(value, 6)
  const d1 = digit(value, 8)
  const d2 = digit(value, 9)
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return false
  const month = m1 * 10 + m2
  const day = d1 * 10 + d2
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)
}

/** A string of at most `max` characters. */
export const isBoundedString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max

/** A non-blank string of at most `max` characters (once trimmed, like the zod schemas). */
export const isTitle = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim().length >= 1 && value.trim().length <= max

export const isIntegerIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/** A member or partner reference: a non-empty id of at most 64 characters. */
export const isRef = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 64

/** A plain list of distinct references of at most `max` entries, or null. */
export function refSet(value: unknown, max: number): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null
  for (const id of value) if (!isRef(id)) return null
  return new Set(value).size === value.length ? (value as string[]) : null
}

const BASE_62 = /^[0-9A-Za-z]+$/
const SMALLEST_INTEGER = `A${'0'.repeat(26)}`

/**
 * A fractional order key of at most 64 characters: the same answers as `isOrderKey` (layouts/order.ts,
 * the `fractional-indexing` format: a head letter giving the integer part's length, then a fraction
 * not ending in 0), without generating a key: it runs on every edit of an order.
 */
export function isOrder(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64 || !BASE_62.test(value) || value === SMALLEST_INTEGER) return false
  const head = value.charCodeAt(0)
  const integerLength = head >= 97 && head <= 122 ? head - 97 + 2 : head >= 65 && head <= 90 ? 90 - head + 2 : 0
  if (integerLength === 0 || integerLength > value.length) return false
  return value.length === integerLength || value[value.length - 1] !== '0'
}

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
