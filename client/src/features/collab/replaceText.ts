import type * as Y from 'yjs'

/**
 * Rewrites a Y.Text to `next` by touching only the changed middle (common prefix and suffix kept),
 * so someone else's concurrent edit elsewhere in the same text survives the merge.
 */
export function replaceText(text: Y.Text, next: string): void {
  const prev = text.toString()
  if (prev === next) return
  let start = 0
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++
  let endPrev = prev.length
  let endNext = next.length
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--
    endNext--
  }
  if (endPrev > start) text.delete(start, endPrev - start)
  if (endNext > start) text.insert(start, next.slice(start, endNext))
}
