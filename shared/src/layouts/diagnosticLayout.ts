import * as Y from 'yjs'
import { DIAGNOSTIC_QUADRANTS, diagnosticItemSchema, type DiagnosticItem, type DiagnosticQuadrant } from '../entities/diagnosticItem.ts'
import { partnerNeedsSchema, type PartnerNeeds } from '../entities/partnerNeeds.ts'
import { EMPTY_PROJECT, PROJECT_FIELDS, projectSchema, type Project } from '../entities/project.ts'
import { sharedDiagnosticItemSchema, type SharedDiagnosticItem } from '../entities/sharedDiagnosticItem.ts'
import { ROOT } from './documents.ts'

/**
 * Typed access to the `diagnostic` document (« Diagnostic et projet », DIAG and PROJ): partners'
 * MOFF items (`diagItems`, id → Y.Map of plain fields), their needs (`diagNeeds`, partner id →
 * Y.Map), the shared matrix (`diagShared`, id → Y.Map) and the project (`project`, plain fields).
 * Each entity is a Y.Map so two people editing different fields of one item both keep their edits.
 */
export const diagItemsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.diagItems)
export const diagNeedsOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.diagNeeds)
export const diagSharedOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(ROOT.diagShared)
export const projectOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.project)

export const diagItemEntity = (id: string): string => `diagItems/${id}`
export const diagNeedsEntity = (partnerId: string): string => `diagNeeds/${partnerId}`
export const diagSharedEntity = (id: string): string => `diagShared/${id}`

const plainMap = (input: object): Y.Map<unknown> => new Y.Map<unknown>(Object.entries(input))

export const buildDiagnosticItem = (item: DiagnosticItem): Y.Map<unknown> => plainMap(item)
export const buildPartnerNeeds = (needs: PartnerNeeds): Y.Map<unknown> => plainMap(needs)
export const buildSharedItem = (item: SharedDiagnosticItem): Y.Map<unknown> => plainMap(item)

/**
 * A shared-matrix item picked from a partner's item (DIAG4): same quadrant, text and detail, and the
 * link back to its source (id and partner) so the matrix says where each point comes from.
 */
export const sharedItemFrom = (sourceItemId: string, source: DiagnosticItem, order: string): SharedDiagnosticItem => ({
  quadrant: source.quadrant,
  text: source.text,
  detail: source.detail,
  order,
  sourceItemId,
  sourcePartnerId: source.partnerId,
})

function readEntities<T>(map: Y.Map<Y.Map<unknown>>, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): Record<string, T> {
  const out: Record<string, T> = {}
  map.forEach((entity, id) => {
    if (!(entity instanceof Y.Map)) return
    const parsed = schema.safeParse(entity.toJSON())
    if (parsed.success) out[id] = parsed.data as T
  })
  return out
}

/** The well-formed entities, by id (the server refuses ill-formed ones). */
export const readDiagnosticItems = (doc: Y.Doc): Record<string, DiagnosticItem> => readEntities(diagItemsOf(doc), diagnosticItemSchema)
export const readPartnerNeeds = (doc: Y.Doc): Record<string, PartnerNeeds> => readEntities(diagNeedsOf(doc), partnerNeedsSchema)
export const readSharedItems = (doc: Y.Doc): Record<string, SharedDiagnosticItem> => readEntities(diagSharedOf(doc), sharedDiagnosticItemSchema)

/** The project, each field falling back to empty when unset or invalid. */
export function readProject(doc: Y.Doc): Project {
  const map = projectOf(doc)
  const out = { ...EMPTY_PROJECT } as Record<string, unknown>
  for (const key of PROJECT_FIELDS) {
    const parsed = projectSchema.shape[key].safeParse(map.get(key))
    if (parsed.success) out[key] = parsed.data
  }
  return out as Project
}

/** Entries grouped by quadrant, each list in its `order`. */
export function byQuadrant<T extends { quadrant: DiagnosticQuadrant; order: string }>(entries: Record<string, T>): Record<DiagnosticQuadrant, [string, T][]> {
  const out = Object.fromEntries(DIAGNOSTIC_QUADRANTS.map((q) => [q, [] as [string, T][]])) as Record<DiagnosticQuadrant, [string, T][]>
  for (const [id, entry] of Object.entries(entries)) out[entry.quadrant].push([id, entry])
  for (const list of Object.values(out)) list.sort(([a, x], [b, y]) => (x.order < y.order ? -1 : x.order > y.order ? 1 : a < b ? -1 : a > b ? 1 : 0))
  return out
}
