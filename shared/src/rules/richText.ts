import * as Y from 'yjs'
import { parseBodyLink } from '../layouts/bodyLinks.ts'
import type { RuleViolation } from './types.ts'
import { isIntegerIn, text } from './values.ts'

/**
 * The schema of the rich-text editor (client/src/features/documents/DocumentEditor.tsx: TipTap
 * StarterKit with undo/redo off, headings 1–3 and a link extension limited to http(s)/mailto, plus
 * TableKit), as y-prosemirror stores it in the `content` Y.XmlFragment: one Y.XmlElement per node
 * (nodeName = node type, XML attributes = node attributes), Y.XmlText for text, whose formatting
 * attributes are the marks. Keep this the one list: the client configures the editor from it.
 */
export const HEADING_LEVELS = [1, 2, 3] as const

/** The pseudo node name of text (a Y.XmlText) and of the document's root fragment. */
export const TEXT_NODE = '#text'
export const ROOT_NODE = '#root'

export const BLOCK_NODES = ['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote', 'codeBlock', 'horizontalRule', 'table'] as const
const INLINE = [TEXT_NODE, 'hardBreak'] as const

type AttributeCheck = (value: unknown) => boolean

export interface EditorNodeSpec {
  /** Node names (or TEXT_NODE) allowed as children. */
  children: readonly string[]
  /** Attributes the node may carry, each with its bounds (VAL20). */
  attrs: Readonly<Record<string, AttributeCheck>>
  /** Whether its text may carry marks. */
  marks: boolean
}

const nullOr =
  (check: AttributeCheck): AttributeCheck =>
  (value) =>
    value === null || check(value)
const shortString =
  (max: number, pattern?: RegExp): AttributeCheck =>
  (value) =>
    typeof value === 'string' && value.length <= max && (pattern === undefined || pattern.test(value))
const oneOf =
  (...values: unknown[]): AttributeCheck =>
  (value) =>
    values.includes(value)
const cellAttrs: Record<string, AttributeCheck> = {
  colspan: (v) => isIntegerIn(v, 1, 1000),
  rowspan: (v) => isIntegerIn(v, 1, 1000),
  colwidth: nullOr((v) => Array.isArray(v) && v.length <= 1000 && v.every((w) => isIntegerIn(w, 0, 100000))),
  align: nullOr(oneOf('left', 'center', 'right')),
}

/** Node name → what it may contain and carry. Block nodes may sit at the root. */
export const EDITOR_NODES: Readonly<Record<string, EditorNodeSpec>> = {
  paragraph: { children: INLINE, attrs: {}, marks: true },
  heading: { children: INLINE, attrs: { level: oneOf(...HEADING_LEVELS) }, marks: true },
  codeBlock: { children: [TEXT_NODE], attrs: { language: nullOr(shortString(64, /^[\w+#.-]*$/)) }, marks: false },
  blockquote: { children: BLOCK_NODES, attrs: {}, marks: false },
  bulletList: { children: ['listItem'], attrs: {}, marks: false },
  orderedList: { children: ['listItem'], attrs: { start: (v) => isIntegerIn(v, 0, 1_000_000), type: nullOr(shortString(8)) }, marks: false },
  listItem: { children: BLOCK_NODES, attrs: {}, marks: false },
  horizontalRule: { children: [], attrs: {}, marks: false },
  hardBreak: { children: [], attrs: {}, marks: false },
  table: { children: ['tableRow'], attrs: {}, marks: false },
  tableRow: { children: ['tableCell', 'tableHeader'], attrs: {}, marks: false },
  tableCell: { children: BLOCK_NODES, attrs: cellAttrs, marks: false },
  tableHeader: { children: BLOCK_NODES, attrs: cellAttrs, marks: false },
}

export const MAX_HREF_LENGTH = 2048

/**
 * Elements nested in one another, counted from the root (a top-level paragraph is 1; a paragraph in a
 * list item of a list is 3). Ten levels of lists inside a quote fit; no real text goes deeper, and
 * every replica and reader stays far from its stack's limits (VAL23).
 */
export const MAX_NODE_DEPTH = 24

// WHATWG URL exists in browsers and Node; typed here because shared/ compiles without DOM or Node types.
const UrlClass = (globalThis as unknown as { URL: new (url: string) => { protocol: string } }).URL

/**
 * Links may point to the web or to an e-mail address, nothing else (no javascript:, data:, file:…),
 * except the one same-origin form of a link to a governance body (GOV25).
 */
export function isAllowedHref(url: unknown): boolean {
  if (typeof url !== 'string' || url.length > MAX_HREF_LENGTH) return false
  if (parseBodyLink(url) !== null) return true
  const trimmed = url.trim()
  if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(trimmed)) return false
  try {
    const protocol = new UrlClass(trimmed).protocol
    return protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:'
  } catch {
    return false
  }
}

/** Mark name → its attributes and their bounds. Marks without attributes are stored as `{}`. */
export const EDITOR_MARKS: Readonly<Record<string, Readonly<Record<string, AttributeCheck>>>> = {
  bold: {},
  italic: {},
  strike: {},
  code: {},
  underline: {},
  link: {
    href: isAllowedHref,
    target: nullOr(shortString(16)),
    rel: nullOr(shortString(128)),
    class: nullOr(shortString(128)),
    title: nullOr(shortString(500)),
  },
}

const violation = (rule: 'VAL18' | 'VAL19' | 'VAL20' | 'VAL23', entity: string, field: string | undefined, fr: string, en: string): RuleViolation =>
  field === undefined ? { rule, entity, message: text(fr, en) } : { rule, entity, field, message: text(fr, en) }

/** May a `child` node (or TEXT_NODE) sit inside `parent` (a node name or ROOT_NODE)? */
export function isAllowedChild(parent: string, child: string): boolean {
  if (parent === ROOT_NODE) return (BLOCK_NODES as readonly string[]).includes(child)
  return EDITOR_NODES[parent]?.children.includes(child) ?? false
}

/** VAL18/VAL20 for one attribute of a node. */
export function checkNodeAttribute(nodeName: string, key: string, value: unknown, entity = 'content'): RuleViolation | null {
  const check = EDITOR_NODES[nodeName]?.attrs[key]
  if (check === undefined)
    return violation('VAL18', entity, key, `Attribut « ${key} » non autorisé sur ${nodeName}.`, `Attribute “${key}” is not allowed on ${nodeName}.`)
  if (check(value)) return null
  // A heading level outside the configured levels is a node type the editor does not have.
  const rule = nodeName === 'heading' && key === 'level' ? 'VAL18' : 'VAL20'
  return violation(rule, entity, key, `Valeur non autorisée pour « ${key} » de ${nodeName}.`, `Value not allowed for “${key}” of ${nodeName}.`)
}

/** VAL19/VAL20 for one mark (a formatting attribute of text inside `nodeName`); null ends a mark. */
export function checkMark(nodeName: string, mark: string, value: unknown, entity = 'content'): RuleViolation | null {
  const spec = Object.hasOwn(EDITOR_MARKS, mark) ? EDITOR_MARKS[mark] : undefined
  if (spec === undefined) return violation('VAL19', entity, mark, `Mise en forme « ${mark} » non autorisée.`, `Formatting “${mark}” is not allowed.`)
  if (value === null) return null
  if (EDITOR_NODES[nodeName]?.marks !== true)
    return violation('VAL19', entity, mark, `Pas de mise en forme dans ${nodeName}.`, `No formatting inside ${nodeName}.`)
  if (typeof value !== 'object' || Array.isArray(value)) return violation('VAL20', entity, mark, 'Mise en forme invalide.', 'Invalid formatting.')
  const attrs = value as Record<string, unknown>
  for (const [key, attr] of Object.entries(attrs)) {
    const check = spec[key]
    if (check === undefined)
      return violation('VAL20', entity, mark, `Attribut « ${key} » non autorisé sur ${mark}.`, `Attribute “${key}” is not allowed on ${mark}.`)
    if (!check(attr)) {
      return mark === 'link' && key === 'href' && !(typeof attr === 'string' && attr.length > MAX_HREF_LENGTH)
        ? violation(
            'VAL19',
            entity,
            'link',
            'Un lien ne peut mener qu’à une adresse http(s) ou mailto.',
            'A link may only point to an http(s) or mailto address.',
          )
        : violation('VAL20', entity, mark, `Valeur non autorisée pour « ${key} » de ${mark}.`, `Value not allowed for “${key}” of ${mark}.`)
    }
  }
  if (mark === 'link' && !('href' in attrs)) return violation('VAL19', entity, 'link', 'Un lien a une adresse.', 'A link has an address.')
  return null
}

/** The node name of a type in the `content` fragment: ROOT_NODE, TEXT_NODE, an element's name, or null. */
function nodeNameOf(type: Y.AbstractType<any>): string | null {
  if (type instanceof Y.XmlElement) return type.nodeName
  if (type instanceof Y.XmlText) return TEXT_NODE
  if (type instanceof Y.XmlFragment && type._item === null) return ROOT_NODE
  return null
}

/** Elements from the root down to `type` (0 for the root fragment); counted up to MAX_NODE_DEPTH + 1 at most. */
function nodeDepth(type: Y.AbstractType<any>): number {
  let depth = 0
  for (let current: Y.AbstractType<any> | null = type; current?._item && depth <= MAX_NODE_DEPTH; current = current._item.parent as Y.AbstractType<any> | null)
    depth++
  return depth
}

const notAllowed = (entity: string, fr: string, en: string) => violation('VAL18', entity, undefined, fr, en)

/**
 * VAL18–VAL20 for one item written into the `content` fragment of a rich-text document. Each item an
 * edit inserts is checked on its own, against its parent (which is either older and already valid,
 * or inserted by the same edit and checked too), so the cost follows the size of the edit.
 */
export function checkRichTextItem(item: Y.Item, entity = 'content'): RuleViolation | null {
  const content = item.content
  if (content instanceof Y.ContentDeleted) return null
  const parent = item.parent as Y.AbstractType<any>
  const parentName = nodeNameOf(parent)
  if (parentName === null) return notAllowed(entity, 'Contenu hors du schéma de l’éditeur.', 'Content outside the editor’s schema.')

  if (item.parentSub !== null) {
    // A map entry: an attribute of an element (anything else is not part of the schema).
    if (parentName === ROOT_NODE || parentName === TEXT_NODE) {
      return notAllowed(entity, 'Attribut hors du schéma de l’éditeur.', 'Attribute outside the editor’s schema.')
    }
    if (!(content instanceof Y.ContentAny) && !(content instanceof Y.ContentJSON)) {
      return violation('VAL20', entity, item.parentSub, 'Valeur d’attribut invalide.', 'Invalid attribute value.')
    }
    const values = content.getContent()
    return checkNodeAttribute(parentName, item.parentSub, values[values.length - 1], entity)
  }

  if (content instanceof Y.ContentType) {
    const child = nodeNameOf(content.type as Y.AbstractType<any>)
    if (child === null || child === ROOT_NODE) return notAllowed(entity, 'Type de contenu inconnu de l’éditeur.', 'A content type the editor does not know.')
    if (child !== TEXT_NODE && !Object.hasOwn(EDITOR_NODES, child)) {
      return notAllowed(entity, `Élément « ${child} » inconnu de l’éditeur.`, `Element “${child}” is unknown to the editor.`)
    }
    if (!isAllowedChild(parentName, child)) {
      const where = parentName === ROOT_NODE ? 'la racine du document' : parentName
      return notAllowed(
        entity,
        `« ${child} » n’est pas autorisé dans ${where}.`,
        `“${child}” is not allowed inside ${parentName === ROOT_NODE ? 'the document root' : parentName}.`,
      )
    }
    if (child !== TEXT_NODE && nodeDepth(parent) >= MAX_NODE_DEPTH) {
      return violation(
        'VAL23',
        entity,
        undefined,
        `Trop de niveaux imbriqués : ${MAX_NODE_DEPTH} au plus (citations, listes, tableaux).`,
        `Too many nested levels: ${MAX_NODE_DEPTH} at most (quotes, lists, tables).`,
      )
    }
    return null
  }
  if (parentName !== TEXT_NODE) return notAllowed(entity, 'Contenu hors du schéma de l’éditeur.', 'Content outside the editor’s schema.')
  if (content instanceof Y.ContentString) return null
  if (content instanceof Y.ContentFormat) {
    const textParent = (parent._item?.parent ?? null) as Y.AbstractType<any> | null
    const host = textParent === null ? null : nodeNameOf(textParent)
    return checkMark(host ?? ROOT_NODE, content.key, content.value, entity)
  }
  return notAllowed(entity, 'Contenu intégré non autorisé dans un texte.', 'Embedded content is not allowed in text.')
}
