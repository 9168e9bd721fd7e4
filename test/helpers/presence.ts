/**
 * A presence cursor as TipTap's collaboration caret sends it: the selection's anchor and head as
 * Yjs relative positions (docs/SPEC.md LIM7). `n` tells cursors apart.
 */
export function cursorAt(n: number): { anchor: object; head: object } {
  const position = { type: null, tname: 'content', item: { client: 1, clock: n }, assoc: 0 }
  return { anchor: position, head: { ...position } }
}
