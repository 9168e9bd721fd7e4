/**
 * React keys for items that have no id: each item's content, with its occurrence number when the
 * same content comes again. Unlike the array index, a key stays with its item when others are
 * inserted or removed before it.
 */
export function withContentKeys<T>(items: readonly T[], contentOf: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>()
  return items.map((item) => {
    const content = contentOf(item)
    const n = seen.get(content) ?? 0
    seen.set(content, n + 1)
    return { key: n === 0 ? content : `${content}#${n}`, item }
  })
}
