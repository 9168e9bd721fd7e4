/**
 * Fractional order keys: strings that sort between two neighbours, so reordering a row writes one
 * field instead of moving array items (which duplicates under concurrent moves).
 * Digits are base-36; a key never ends in '0' so there is always room between two keys.
 */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz'
const BASE = DIGITS.length

export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && before >= after) throw new Error(`keyBetween: ${before} >= ${after}`)
  let key = ''
  for (let i = 0; ; i++) {
    const lo = before !== null && i < before.length ? DIGITS.indexOf(before[i]!) : 0
    const hi = after !== null && i < after.length ? DIGITS.indexOf(after[i]!) : BASE
    if (hi - lo > 1) return key + DIGITS[Math.floor((lo + hi) / 2)]
    key += DIGITS[lo]
    // Once we go below `after` at this digit, anything longer than `before` fits: drop the upper bound.
    if (hi - lo === 1) after = null
  }
}

/** `count` increasing keys after `start` (or from the beginning), all of the same short length. */
export function keysAfter(start: string | null, count: number): string[] {
  const width = Math.max(1, Math.ceil(Math.log(count + 1) / Math.log(BASE)))
  // A fixed-width counter keeps keys short and sorted; the trailing 'i' keeps room below each key.
  return Array.from({ length: count }, (_, i) => `${start ?? ''}${(i + 1).toString(BASE).padStart(width, '0')}i`)
}
