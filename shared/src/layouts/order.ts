import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import { z } from 'zod'

/**
 * Fractional order keys (the `fractional-indexing` scheme: a variable-length integer part then a
 * fraction, base 62). Reordering a row writes one field instead of moving array items (which
 * duplicates under concurrent moves), and appending keeps keys short (logarithmic growth).
 * Keys compare with plain `<`, never `localeCompare`.
 */
export function keyBetween(before: string | null, after: string | null): string {
  // The library does not check that its bounds are ordered.
  if (before !== null && after !== null && before >= after) throw new Error(`keyBetween: ${before} >= ${after}`)
  return generateKeyBetween(before, after)
}

/** `count` increasing keys after `start` (or from the beginning). */
export function keysAfter(start: string | null, count: number): string[] {
  return generateNKeysBetween(start, null, count)
}

const BASE_62 = /^[0-9A-Za-z]+$/

export const isOrderKey = (key: string): boolean => {
  if (!BASE_62.test(key)) return false
  try {
    generateKeyBetween(key, null)
    return true
  } catch {
    return false
  }
}

/** An order key as stored in documents; malformed keys would break every later insertion. */
export const orderKeySchema = z.string().min(1).max(64).refine(isOrderKey, 'invalid order key')
