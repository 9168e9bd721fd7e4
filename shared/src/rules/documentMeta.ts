import { ADOPTION_RULES_DOC, ADOPTION_RULES_KEY, adoptionRulesSchema } from '../entities/adoptionRule.ts'
import { DOCUMENT_STATUSES } from '../entities/documentMeta.ts'
import { LIMITS } from '../limits.ts'
import type { RuleViolation } from './types.ts'
import { isBoundedString, isRef, text, Violations } from './values.ts'

/** Keys of a rich-text document's `meta` map. */
export const DOCUMENT_META_KEYS: ReadonlySet<string> = new Set(['title', 'status', 'adoptedVersionId', ADOPTION_RULES_KEY])

/**
 * A document's `meta` (VAL21): a title of at most 200 characters, a status among draft, proposed and
 * adopted, an adopted version id or null. Keys may be missing (a new document has no meta yet).
 * The charter alone carries `adoptionRules`, a rule per document kind (SIGN9); `docName` omitted:
 * any rich text.
 */
export function validateDocumentMeta(meta: Readonly<Record<string, unknown>>, entity = 'meta', docName?: string): RuleViolation[] {
  const v = new Violations(entity)
  for (const key of Object.keys(meta)) {
    if (!DOCUMENT_META_KEYS.has(key)) v.add('VAL21', key, text('Champ inconnu dans les informations du document.', 'Unknown field in the document’s details.'))
  }
  if (meta.title !== undefined && !isBoundedString(meta.title, LIMITS.actionTitleLength)) {
    v.add(
      'VAL21',
      'title',
      text(
        `Le titre du document fait au plus ${LIMITS.actionTitleLength} caractères.`,
        `The document’s title is at most ${LIMITS.actionTitleLength} characters.`,
      ),
    )
  }
  if (meta.status !== undefined && !(DOCUMENT_STATUSES as readonly unknown[]).includes(meta.status)) {
    v.add('VAL21', 'status', text('Statut de document inconnu : brouillon, soumis ou adopté.', 'Unknown document status: draft, proposed or adopted.'))
  }
  if (meta.adoptedVersionId !== undefined && meta.adoptedVersionId !== null && !isRef(meta.adoptedVersionId)) {
    v.add('VAL21', 'adoptedVersionId', text('Identifiant de version invalide.', 'Invalid version id.'))
  }
  const rules = meta[ADOPTION_RULES_KEY]
  if (rules !== undefined) {
    if (docName !== undefined && docName !== ADOPTION_RULES_DOC) {
      v.add('VAL21', ADOPTION_RULES_KEY, text('Seule la charte fixe les règles d’adoption.', 'Only the charter sets adoption rules.'))
    } else if (!adoptionRulesSchema.safeParse(rules).success) {
      v.add(
        'VAL21',
        ADOPTION_RULES_KEY,
        text(
          'Règle d’adoption inconnue : unanimité, consensus, deux tiers ou majorité, par document.',
          'Unknown adoption rule: unanimity, consensus, two thirds or majority, per document.',
        ),
      )
    }
  }
  return v.list
}
