import { DOCUMENT_STATUSES } from '../entities/documentMeta.ts'
import { LIMITS } from '../limits.ts'
import type { RuleViolation } from './types.ts'
import { isBoundedString, isRef, text, Violations } from './values.ts'

/** Keys of a rich-text document's `meta` map. */
export const DOCUMENT_META_KEYS: ReadonlySet<string> = new Set(['title', 'status', 'adoptedVersionId'])

/**
 * A document's `meta` (VAL21): a title of at most 200 characters, a status among draft, proposed and
 * adopted, an adopted version id or null. Keys may be missing (a new document has no meta yet).
 */
export function validateDocumentMeta(meta: Readonly<Record<string, unknown>>, entity = 'meta'): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(meta)) {
    if (!DOCUMENT_META_KEYS.has(key)) v.add('VAL21', key, text('Champ inconnu dans les informations du document.', 'Unknown field in the document’s details.'))
  }
  if (meta.title !== undefined && !isBoundedString(meta.title, LIMITS.actionTitleLength)) {
    v.add('VAL21', 'title', text(`Le titre du document fait au plus ${LIMITS.actionTitleLength} caractères.`, `The document’s title is at most ${LIMITS.actionTitleLength} characters.`))
  }
  if (meta.status !== undefined && !(DOCUMENT_STATUSES as readonly unknown[]).includes(meta.status)) {
    v.add('VAL21', 'status', text('Statut de document inconnu : brouillon, soumis ou adopté.', 'Unknown document status: draft, proposed or adopted.'))
  }
  if (meta.adoptedVersionId !== undefined && meta.adoptedVersionId !== null && !isRef(meta.adoptedVersionId)) {
    v.add('VAL21', 'adoptedVersionId', text('Identifiant de version invalide.', 'Invalid version id.'))
  }
  return v.list
}
