import { keyBetween } from '@ensemble/shared'

/**
 * The order key that moves the item at `from` to position `to` of a list sorted by key (GOV23):
 * between its new neighbours once it has left its place, so only the moved item changes.
 */
export function keyForMove(keys: readonly string[], from: number, to: number): string | null {
  if (from === to || from < 0 || to < 0 || from >= keys.length || to >= keys.length) return null
  const others = keys.filter((_, i) => i !== from)
  return keyBetween(others[to - 1] ?? null, others[to] ?? null)
}
