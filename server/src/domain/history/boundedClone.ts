import * as Y from 'yjs'
import { FLATTENED, flatText, mustFlatten, READ_DEPTH } from './readDepth.ts'

// Any shared type (Yjs' typings reject its subclasses as AbstractType<unknown>).
type Cloneable = Y.AbstractType<any>

/**
 * A copy of a shared type (at `depth`, its root type being 1) ready to insert into another document,
 * like Yjs' `clone()` but built with an explicit stack and bounded like the readers (readDepth.ts):
 * an XML element whose content lies below READ_DEPTH becomes a paragraph of the marker and its text,
 * any other type below it the marker string. What a restore writes is therefore what the version showed, and
 * inserting it never recurses deeper than READ_DEPTH inside Yjs.
 */
export function cloneBounded(type: Cloneable, depth: number): Cloneable | string {
  if (tooDeep(type, depth)) return flattened(type)
  const root = shallowCopy(type)
  if (root === null) return type.clone()
  const stack: { from: Cloneable; to: Cloneable; depth: number }[] = [{ from: type, to: root, depth }]
  while (stack.length > 0) {
    const { from, to, depth: level } = stack.pop()!
    const copyOf = (value: unknown): unknown => {
      if (!(value instanceof Y.AbstractType)) return value
      if (tooDeep(value, level + 1)) return flattened(value)
      const copy = shallowCopy(value)
      if (copy === null) return value.clone()
      stack.push({ from: value, to: copy, depth: level + 1 })
      return copy
    }
    if (from instanceof Y.XmlElement) {
      const attrs = from.getAttributes() as Record<string, unknown>
      for (const [key, value] of Object.entries(attrs)) (to as Y.XmlElement).setAttribute(key, copyOf(value) as string)
    }
    if (from instanceof Y.XmlFragment) {
      const children = from.toArray().map(copyOf)
      if (children.length > 0) (to as Y.XmlFragment).insert(0, children as (Y.XmlElement | Y.XmlText)[])
    } else if (from instanceof Y.Array) {
      const items = from.toArray().map(copyOf)
      if (items.length > 0) (to as Y.Array<unknown>).insert(0, items)
    } else if (from instanceof Y.Map) {
      from.forEach((value, key) => (to as Y.Map<unknown>).set(key, copyOf(value)))
    }
  }
  return root
}

/** As the readers decide (documentJson.ts): an element whose content lies below the limit, any other type below it. */
const tooDeep = (type: Cloneable, depth: number): boolean => (type instanceof Y.XmlElement ? mustFlatten(type, depth) : depth > READ_DEPTH)

/** An empty copy of a container (its content is copied by the caller), or null for a type cloned whole (texts, hooks). */
function shallowCopy(type: Cloneable): Cloneable | null {
  if (type instanceof Y.XmlElement) return new Y.XmlElement(type.nodeName)
  if (type instanceof Y.XmlFragment) return new Y.XmlFragment()
  if (type instanceof Y.XmlHook) return null
  if (type instanceof Y.Map) return new Y.Map()
  if (type instanceof Y.Array) return new Y.Array()
  return null
}

/** What stands in for a type too deep (tooDeep). */
function flattened(type: Cloneable): Y.XmlElement | string {
  if (!(type instanceof Y.XmlElement)) return FLATTENED
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText([FLATTENED, flatText(type)].filter(Boolean).join(' '))])
  return paragraph
}
