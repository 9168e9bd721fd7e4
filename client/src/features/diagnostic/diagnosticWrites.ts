import {
  buildDiagnosticItem,
  buildPartnerNeeds,
  buildSharedItem,
  diagItemsOf,
  diagNeedsOf,
  diagSharedOf,
  keyBetween,
  newId,
  projectOf,
  sharedItemFrom,
  type DiagnosticItem,
  type DiagnosticQuadrant,
  type PartnerNeeds,
  type Project,
} from '@ensemble/shared'
import * as Y from 'yjs'

/** Writes of « Diagnostic et projet » into its Y.Doc, each one transaction (one undo step, one frame). */

/** An order key after every entity of `map`. */
function lastOrder(map: Y.Map<Y.Map<unknown>>): string {
  let last: string | null = null
  map.forEach((entry) => {
    const order = entry instanceof Y.Map ? entry.get('order') : null
    if (typeof order === 'string' && (last === null || order > last)) last = order
  })
  return keyBetween(last, null)
}

export function addPartnerItem(doc: Y.Doc, partnerId: string, quadrant: DiagnosticQuadrant, text: string): string {
  const id = newId()
  const items = diagItemsOf(doc)
  doc.transact(() => items.set(id, buildDiagnosticItem({ partnerId, quadrant, text, detail: '', order: lastOrder(items) })))
  return id
}

export function addSharedItem(doc: Y.Doc, quadrant: DiagnosticQuadrant, text: string): string {
  const id = newId()
  const shared = diagSharedOf(doc)
  doc.transact(() => shared.set(id, buildSharedItem({ quadrant, text, detail: '', order: lastOrder(shared), sourceItemId: null, sourcePartnerId: null })))
  return id
}

/** « Ajouter à la matrice commune »: a copy of a partner's point that keeps its provenance (DIAG4). */
export function pickIntoShared(doc: Y.Doc, sourceItemId: string, source: DiagnosticItem): string {
  const id = newId()
  const shared = diagSharedOf(doc)
  doc.transact(() => shared.set(id, buildSharedItem(sharedItemFrom(sourceItemId, source, lastOrder(shared)))))
  return id
}

export type DiagRoot = 'items' | 'shared'
const rootOf = (doc: Y.Doc, root: DiagRoot) => (root === 'items' ? diagItemsOf(doc) : diagSharedOf(doc))

export function setItemField(doc: Y.Doc, root: DiagRoot, id: string, field: 'text' | 'detail', value: string): void {
  const map = rootOf(doc, root).get(id)
  if (map instanceof Y.Map) doc.transact(() => map.set(field, value))
}

export function removeItem(doc: Y.Doc, root: DiagRoot, id: string): void {
  doc.transact(() => rootOf(doc, root).delete(id))
}

/** Sets one of a partner's two texts, creating its needs entry the first time. */
export function setNeeds(doc: Y.Doc, partnerId: string, field: keyof PartnerNeeds, value: string): void {
  const needs = diagNeedsOf(doc)
  doc.transact(() => {
    const map = needs.get(partnerId)
    if (map instanceof Y.Map) map.set(field, value)
    else needs.set(partnerId, buildPartnerNeeds({ needs: '', expectations: '', [field]: value }))
  })
}

/** Sets one project field (lists copied: the caller's array is not shared). */
export function setProjectField<K extends keyof Project>(doc: Y.Doc, field: K, value: Project[K]): void {
  doc.transact(() => projectOf(doc).set(field, Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? { ...v } : v)) : value))
}
