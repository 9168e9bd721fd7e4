import type { CommentAnchor } from '@ensemble/shared'
import type { Node as PmNode } from '@tiptap/pm/model'
import { absolutePositionToRelativePosition } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/**
 * Text anchors of comment threads as Yjs relative positions: they name the characters themselves, so
 * they follow the text whatever is typed around or inside the range, by anyone. Pure (no DOM): the
 * editor's plugin and the integration tests use the same functions.
 *
 * `from` sticks to the first character of the range and `to` to the last one, so text typed at either
 * edge stays outside the anchor. When every anchored character is deleted both ends meet: the anchor
 * has collapsed and the thread becomes orphaned.
 */

/** The ySync binding's map from Yjs types to the ProseMirror nodes they render. */
export type ProsemirrorMapping = Map<Y.AbstractType<any>, PmNode | PmNode[]>

export type AnchorState =
  /** Resolved to a non-empty ProseMirror range. */
  | { kind: 'live'; from: number; to: number }
  /** Names characters this replica has not received yet: wait, do not conclude. */
  | { kind: 'pending' }
  /** The anchored text is gone (deleted, or its paragraph removed). */
  | { kind: 'gone' }

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Re-expresses a relative position so it sticks to the character on its right (assoc 0) or left (-1). */
function withAssociation(rpos: Y.RelativePosition, doc: Y.Doc, assoc: 0 | -1): Y.RelativePosition {
  const abs = Y.createAbsolutePositionFromRelativePosition(rpos, doc)
  if (!abs || !(abs.type instanceof Y.XmlText)) return rpos
  return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc)
}

/**
 * The anchor of the ProseMirror range [from, to) of the document bound to `fragment` (`mapping` is the
 * ySync binding's map from Yjs types to ProseMirror nodes), with the quoted text.
 */
export function encodeAnchor(fragment: Y.XmlFragment, mapping: ProsemirrorMapping, from: number, to: number, quote: string): Required<CommentAnchor> {
  const doc = fragment.doc
  if (!doc) throw new Error('the fragment is not in a Y.Doc')
  const start = withAssociation(absolutePositionToRelativePosition(from, fragment, mapping), doc, 0)
  const end = withAssociation(absolutePositionToRelativePosition(to, fragment, mapping), doc, -1)
  return { from: toBase64(Y.encodeRelativePosition(start)), to: toBase64(Y.encodeRelativePosition(end)), quote }
}

const typeOf = (item: Y.Item): Y.AbstractType<any> => (item.content as Y.ContentType).type as Y.AbstractType<any>

/** True when the type, or any of its ancestors up to the fragment, was deleted. */
function isRemoved(type: Y.AbstractType<any>, fragment: Y.XmlFragment): boolean {
  for (let t: Y.AbstractType<any> = type; t !== fragment; ) {
    const item = t._item
    if (!item || item.deleted) return true
    t = item.parent as Y.AbstractType<any>
  }
  return false
}

/** ProseMirror size of a child type: characters for text, the mapped node's size for elements. */
function sizeOf(type: Y.AbstractType<any>, mapping: ProsemirrorMapping): number | null {
  if (type instanceof Y.XmlText) return type.length
  const node = mapping.get(type)
  return node && !Array.isArray(node) ? node.nodeSize : null
}

/** Size of the first `count` live children of `type` (or of all those before `stop`). */
function childrenSize(type: Y.AbstractType<any>, mapping: ProsemirrorMapping, count: number, stop?: Y.AbstractType<any>): number | null {
  let size = 0
  let seen = 0
  for (let item = type._start; item !== null && seen < count; item = item.right) {
    const child = typeOf(item)
    if (child === stop) break
    if (item.deleted) continue
    const s = sizeOf(child, mapping)
    if (s === null) return null
    size += s
    seen++
  }
  return size
}

/** The ProseMirror position of index `index` inside `type` (a descendant of `fragment`). */
function pmPosition(fragment: Y.XmlFragment, type: Y.AbstractType<any>, index: number, mapping: ProsemirrorMapping): number | null {
  let pos = type instanceof Y.XmlText ? index : childrenSize(type, mapping, index)
  if (pos === null) return null
  for (let t = type; t !== fragment; ) {
    const parent = t._item?.parent as Y.AbstractType<any> | undefined
    if (!parent) return null
    // An element opens with a token of its own; text does not.
    if (!(t instanceof Y.XmlText)) pos += 1
    const before = childrenSize(parent, mapping, Infinity, t)
    if (before === null) return null
    pos += before
    t = parent
  }
  return pos
}

/** Has this replica received what the relative position names? */
function isKnown(rpos: Y.RelativePosition, doc: Y.Doc): boolean {
  const id = rpos.item ?? rpos.type
  return id === null || Y.getState(doc.store, id.client) > id.clock
}

function resolveEnd(encoded: string, fragment: Y.XmlFragment, mapping: ProsemirrorMapping): number | 'pending' | 'gone' {
  const doc = fragment.doc!
  let rpos: Y.RelativePosition
  try {
    rpos = Y.decodeRelativePosition(fromBase64(encoded))
  } catch {
    return 'gone'
  }
  if (!isKnown(rpos, doc)) return 'pending'
  const abs = Y.createAbsolutePositionFromRelativePosition(rpos, doc)
  if (!abs) return 'gone'
  if (abs.type !== fragment && (!abs.type._item || !Y.isParentOf(fragment, abs.type._item))) return 'gone'
  if (isRemoved(abs.type, fragment)) return 'gone'
  // The mapping may lag the Yjs document by a moment (a remote change being applied): try again later.
  return pmPosition(fragment, abs.type, abs.index, mapping) ?? 'pending'
}

/** Where an anchor is now in the document bound to `fragment`. */
export function resolveAnchor(anchor: Pick<CommentAnchor, 'from' | 'to'>, fragment: Y.XmlFragment, mapping: ProsemirrorMapping): AnchorState {
  if (!anchor.from || !anchor.to) return { kind: 'gone' }
  const from = resolveEnd(anchor.from, fragment, mapping)
  const to = resolveEnd(anchor.to, fragment, mapping)
  if (from === 'pending' || to === 'pending') return { kind: 'pending' }
  if (from === 'gone' || to === 'gone' || to <= from) return { kind: 'gone' }
  return { kind: 'live', from, to }
}
