import { LIMITS } from '@ensemble/shared'
import * as Y from 'yjs'

/**
 * How deep the readers of a document go (the root type counting as 1, like LIMITS.maxNestingDepth).
 * A document edited since that limit exists never goes deeper: it is checked at decode. One stored
 * before (a legacy document, 2,500 nested blockquotes) does, and Yjs' own readers (`toJSON`,
 * `toString`, `clone`) and JSON itself recurse once per level: past a few thousand levels they
 * overflow the stack. So every reader here walks with an explicit stack and flattens what lies
 * deeper than this, behind FLATTENED.
 */
export const READ_DEPTH = LIMITS.maxNestingDepth

/**
 * What stands in for content deeper than READ_DEPTH: at the start of the paragraph holding an XML
 * subtree's text, or alone as the value of a nested type in a map or an array.
 */
export const FLATTENED = '[contenu trop imbriqué, aplati / too deeply nested content, flattened]'

/** Nesting of plain JSON values (inside a map, an attribute or a mark) kept as is; deeper ones become FLATTENED. */
export const PLAIN_DEPTH = 32

const isPlainContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)

/**
 * A copy of a plain JSON value whose containers deeper than `maxDepth` are replaced by FLATTENED,
 * built without recursion. Values that are not plain containers (strings, numbers, bytes) are kept.
 */
export function boundPlain(value: unknown, maxDepth = PLAIN_DEPTH): unknown {
  if (!isPlainContainer(value)) return value
  const root: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {}
  const stack: { from: Record<string, unknown> | unknown[]; to: Record<string, unknown> | unknown[]; depth: number }[] = [{ from: value, to: root, depth: 1 }]
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!
    for (const [key, child] of Object.entries(from)) {
      let copy: unknown = child
      if (isPlainContainer(child)) {
        if (depth >= maxDepth) copy = FLATTENED
        else {
          copy = Array.isArray(child) ? [] : {}
          stack.push({ from: child, to: copy as Record<string, unknown> | unknown[], depth: depth + 1 })
        }
      }
      if (Array.isArray(to)) to.push(copy)
      else to[key] = copy
    }
  }
  return root
}

/** The text of an XML text run, without its formatting (embeds as JSON). */
export const xmlTextString = (text: Y.XmlText): string =>
  (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : JSON.stringify(op.insert))).join('')

/**
 * Whether an element at `depth` must be flattened: it sits just above the limit and something under it
 * would lie below it (a child element with content of its own). Its flattened paragraph then takes
 * its place, its text one level down, within the limit: reading that again gives the same paragraph.
 * A document within the limit is never flattened.
 */
export const mustFlatten = (element: Y.XmlElement, depth: number): boolean =>
  depth >= READ_DEPTH - 1 && element.toArray().some((child) => child instanceof Y.XmlElement && child.length > 0)

/** Every text under an XML node, in document order, separated by spaces: how flattened content reads. */
export function flatText(node: Y.XmlFragment | Y.XmlElement): string {
  const parts: string[] = []
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = node.toArray().reverse()
  while (stack.length > 0) {
    const next = stack.pop()!
    if (next instanceof Y.XmlText) parts.push(xmlTextString(next))
    else if (next instanceof Y.XmlElement) {
      const children = next.toArray()
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    }
  }
  return parts.filter((part) => part.length > 0).join(' ')
}
