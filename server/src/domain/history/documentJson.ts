import { DOCUMENT_LAYOUT, docKind, type RichTextNode, typeLayoutRoots } from '@ensemble/shared'
import * as Y from 'yjs'
import { boundPlain, FLATTENED, flatText, mustFlatten, READ_DEPTH } from './readDepth.ts'

/** A document as plain JSON, one entry per root of its layout (maps as objects, XML as node trees). */
export type DocumentJson = Record<string, unknown>

/**
 * The document's content in its own layout (docs/ARCHITECTURE.md §Documents), the same whatever
 * operations produced it: this is what versions show, restore reproduces and sign-off hashes. Read
 * without recursion and bounded in depth (readDepth.ts): equal to Yjs' own `toJSON` and to the
 * editor's node tree for any document within LIMITS.maxNestingDepth.
 */
export function documentJson(doc: Y.Doc, docName: string): DocumentJson {
  const kind = docKind(docName)
  if (!kind) throw new Error(`unknown document ${docName}`)
  typeLayoutRoots(doc, kind)
  const out: DocumentJson = {}
  for (const [name, type] of Object.entries(DOCUMENT_LAYOUT[kind])) {
    out[name] = type === 'map' ? typeJson(doc.getMap(name)) : richTextJson(doc.getXmlFragment(name))
  }
  return out
}

/** A text run as the editor's JSON has it: one node per formatting run, its marks as attributes. */
function textRuns(text: Y.XmlText): RichTextNode[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((op) => ({
    type: 'text',
    text: typeof op.insert === 'string' ? op.insert : JSON.stringify(jsonValue(op.insert)),
    ...(op.attributes ? { marks: boundPlain(op.attributes) as Record<string, unknown> } : {}),
  }))
}

/** A value held by a type (a shared type inside an attribute or an embed included), as bounded JSON. */
const jsonValue = (value: unknown): unknown => (value instanceof Y.AbstractType ? typeJson(value) : boundPlain(value))

const attributesJson = (node: Y.XmlElement): Record<string, unknown> =>
  Object.fromEntries(Object.entries(node.getAttributes() as Record<string, unknown>).map(([key, value]) => [key, jsonValue(value)]))

/** An element whose content lies below READ_DEPTH (mustFlatten): a paragraph of the marker and the text under it. */
const flattenedParagraph = (node: Y.XmlElement): RichTextNode => ({
  type: 'paragraph',
  content: [{ type: 'text', text: [FLATTENED, flatText(node)].filter(Boolean).join(' ') }],
})

/**
 * The nodes under a fragment or element (at `depth`, the root fragment being 1) in the editor's JSON,
 * like the shared `richTextNodes` but walked with an explicit stack: an element whose content lies
 * below READ_DEPTH is replaced by a flattened paragraph (readDepth.ts mustFlatten).
 */
export function richTextJson(parent: Y.XmlFragment | Y.XmlElement, depth = 1): RichTextNode[] {
  const out: RichTextNode[] = []
  const stack: { children: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]; next: number; into: RichTextNode[]; depth: number }[] = [
    { children: parent.toArray(), next: 0, into: out, depth: depth + 1 },
  ]
  while (stack.length > 0) {
    const frame = stack.at(-1)!
    if (frame.next >= frame.children.length) {
      stack.pop()
      continue
    }
    const node = frame.children[frame.next++]!
    if (node instanceof Y.XmlText) {
      for (const run of textRuns(node)) frame.into.push(run)
    } else if (node instanceof Y.XmlElement) {
      if (mustFlatten(node, frame.depth)) {
        frame.into.push(flattenedParagraph(node))
        continue
      }
      const attrs = attributesJson(node)
      const content: RichTextNode[] = []
      frame.into.push({ type: node.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), content })
      stack.push({ children: node.toArray(), next: 0, into: content, depth: frame.depth + 1 })
    }
  }
  return out
}

/** One node of a rich text (an element with its subtree, or a text's runs) in the editor's JSON, bounded. */
export function richTextNodeJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook, depth = 2): RichTextNode[] {
  if (node instanceof Y.XmlText) return textRuns(node)
  if (!(node instanceof Y.XmlElement)) return []
  if (mustFlatten(node, depth)) return [flattenedParagraph(node)]
  const attrs = attributesJson(node)
  return [{ type: node.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), content: richTextJson(node, depth) }]
}

type Container = Record<string, unknown> | unknown[]

/**
 * A shared type as Yjs' `toJSON` gives it (maps as objects, arrays as arrays, texts and XML as
 * strings), walked with an explicit stack: a type below READ_DEPTH becomes FLATTENED.
 */
export function typeJson(type: Y.AbstractType<any>, depth = 1): unknown {
  const leaf = leafJson(type)
  if (leaf !== NOT_A_LEAF) return leaf
  const root: Container = type instanceof Y.Array ? [] : {}
  const stack: { from: Y.AbstractType<unknown>; to: Container; depth: number }[] = [{ from: type, to: root, depth }]
  while (stack.length > 0) {
    const { from, to, depth: level } = stack.pop()!
    const put = (key: string, value: unknown) => {
      let copy: unknown
      if (!(value instanceof Y.AbstractType)) copy = boundPlain(value)
      else if (level + 1 > READ_DEPTH) copy = FLATTENED
      else {
        copy = leafJson(value)
        if (copy === NOT_A_LEAF) {
          copy = value instanceof Y.Array ? [] : {}
          stack.push({ from: value, to: copy as Container, depth: level + 1 })
        }
      }
      if (Array.isArray(to)) to.push(copy)
      else to[key] = copy
    }
    if (from instanceof Y.Array) from.toArray().forEach((value, i) => put(String(i), value))
    else (from as Y.Map<unknown>).forEach((value, key) => put(key, value))
  }
  return root
}

const NOT_A_LEAF = Symbol('container')

/** The JSON of a type that holds no nested type to walk (texts, XML as a string), or NOT_A_LEAF for maps and arrays. */
function leafJson(type: Y.AbstractType<unknown>): unknown {
  if (type instanceof Y.XmlText) return type.toString()
  if (type instanceof Y.Text) return type.toString()
  if (type instanceof Y.XmlFragment) return xmlString(type)
  if (type instanceof Y.Map || type instanceof Y.Array) return NOT_A_LEAF
  return null
}

/** An XML type as Yjs' `toString` writes it, without recursion; elements below READ_DEPTH become FLATTENED. */
function xmlString(root: Y.XmlFragment): string {
  const out: string[] = []
  // Pending work: a node to write, or a closing tag.
  const stack: ({ node: Y.XmlElement | Y.XmlText | Y.XmlHook; depth: number } | string)[] = []
  const pushChildren = (parent: Y.XmlFragment, depth: number) => {
    const children = parent.toArray()
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth })
  }
  if (root instanceof Y.XmlElement) stack.push({ node: root, depth: 1 })
  else pushChildren(root, 2)
  while (stack.length > 0) {
    const next = stack.pop()!
    if (typeof next === 'string') {
      out.push(next)
      continue
    }
    const { node, depth } = next
    if (node instanceof Y.XmlText) out.push(node.toString())
    else if (node instanceof Y.XmlElement) {
      if (depth > READ_DEPTH) {
        out.push(FLATTENED)
        continue
      }
      const attrs = node.getAttributes() as Record<string, unknown>
      const pairs = Object.keys(attrs)
        .sort()
        .map((key) => `${key}="${String(attrs[key])}"`)
      const name = node.nodeName.toLocaleLowerCase()
      out.push(`<${name}${pairs.length > 0 ? ` ${pairs.join(' ')}` : ''}>`)
      stack.push(`</${name}>`)
      pushChildren(node, depth + 1)
    }
  }
  return out.join('')
}

/** Plain text of a node tree (for word diffs, clause titles and exports); node trees read here are depth-bounded. */
export function nodeText(node: RichTextNode): string {
  if ('text' in node && typeof node.text === 'string') return node.text
  const content = (node as { content?: RichTextNode[] }).content ?? []
  const sep = content.some((child) => child.type !== 'text' && child.type !== 'hardBreak') ? '\n' : ''
  return content.map((child) => (child.type === 'hardBreak' ? '\n' : nodeText(child))).join(sep)
}
