import * as Y from 'yjs'
import { DIAGNOSTIC_ITEM_FIELDS, DIAGNOSTIC_QUADRANTS } from '../entities/diagnosticItem.ts'
import { PARTNER_NEEDS_FIELDS } from '../entities/partnerNeeds.ts'
import { PROJECT_FIELDS } from '../entities/project.ts'
import { SHARED_DIAGNOSTIC_ITEM_FIELDS } from '../entities/sharedDiagnosticItem.ts'
import { LIMITS } from '../limits.ts'
import type { RuleId, RuleViolation } from './types.ts'
import { isBoundedString, isIntegerIn, isOrder, isRef, isTitle, text, Violations } from './values.ts'

/**
 * The rules of « Diagnostic et projet » (docs/SPEC.md DIAG1–DIAG4, PROJ1), the same code on the
 * client (before writing) and on the server (after applying an edit). Who may write what is
 * `can()`'s answer (diagnostic.ownMatrix, diagnostic.shared, diagnostic.project); these say what an
 * entity is. Each takes the entity's fields as plain values (a nested shared type is refused).
 */
type Fields = Readonly<Record<string, unknown>>

const ITEM_KEYS: ReadonlySet<string> = new Set(DIAGNOSTIC_ITEM_FIELDS)
const SHARED_KEYS: ReadonlySet<string> = new Set(SHARED_DIAGNOSTIC_ITEM_FIELDS)
const NEEDS_KEYS: ReadonlySet<string> = new Set(PARTNER_NEEDS_FIELDS)
const PROJECT_KEYS: ReadonlySet<string> = new Set(PROJECT_FIELDS)

function unknownFields(v: Violations, rule: RuleId, fields: Fields, known: ReadonlySet<string>): void {
  for (const key of Object.keys(fields)) if (!known.has(key)) v.add(rule, key, text('Champ inconnu.', 'Unknown field.'))
}

/** Quadrant, text, detail and order: what a partner's item and a shared item both hold (DIAG1). */
function checkItemBody(v: Violations, fields: Fields): void {
  if (!(DIAGNOSTIC_QUADRANTS as readonly unknown[]).includes(fields.quadrant)) {
    v.add('DIAG1', 'quadrant', text('Forces, faiblesses, opportunités ou menaces.', 'Strengths, weaknesses, opportunities or threats.'))
  }
  if (!isTitle(fields.text, LIMITS.diagnosticItemLength)) {
    v.add(
      'DIAG1',
      'text',
      text(`Le point tient en 1 à ${LIMITS.diagnosticItemLength} caractères.`, `The point takes 1 to ${LIMITS.diagnosticItemLength} characters.`),
    )
  }
  if (!isBoundedString(fields.detail, LIMITS.diagnosticDetailLength)) {
    v.add(
      'DIAG1',
      'detail',
      text(`Le détail fait au plus ${LIMITS.diagnosticDetailLength} caractères.`, `The detail is at most ${LIMITS.diagnosticDetailLength} characters.`),
    )
  }
  if (!isOrder(fields.order)) v.add('DIAG1', 'order', text('Position invalide.', 'Invalid position.'))
}

/** DIAG1: an item of a partner's matrix names a partner of the alliance. */
export function validateDiagnosticItem(fields: Fields, partners: ReadonlySet<string>, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  unknownFields(v, 'DIAG1', fields, ITEM_KEYS)
  checkItemBody(v, fields)
  if (!(isRef(fields.partnerId) && partners.has(fields.partnerId))) {
    v.add('DIAG1', 'partnerId', text('Le partenaire doit être un partenaire de l’alliance.', 'The partner must be a partner of the alliance.'))
  }
  return v.list
}

/** DIAG3: a partner's needs and expectations, two bounded texts, for a partner of the alliance. */
export function validatePartnerNeeds(partnerId: string, fields: Fields, partners: ReadonlySet<string>, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  unknownFields(v, 'DIAG3', fields, NEEDS_KEYS)
  if (!partners.has(partnerId)) v.add('DIAG3', undefined, text('Ce n’est pas un partenaire de l’alliance.', 'This is not a partner of the alliance.'))
  for (const key of PARTNER_NEEDS_FIELDS) {
    if (fields[key] !== undefined && !isBoundedString(fields[key], LIMITS.textFieldLength)) {
      v.add('DIAG3', key, text(`Au plus ${LIMITS.textFieldLength} caractères.`, `At most ${LIMITS.textFieldLength} characters.`))
    }
  }
  return v.list
}

/**
 * DIAG1 and DIAG4: a shared item; picked from a partner's item, it names that item and its partner
 * (both or neither). `sourceOf` reads the partner's item as stored (its partner id), or undefined.
 * The provenance is judged only when written: a source removed later leaves the shared item standing.
 */
export function validateSharedItem(fields: Fields, sourceOf: (itemId: string) => { partnerId?: unknown } | undefined, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  unknownFields(v, 'DIAG1', fields, SHARED_KEYS)
  checkItemBody(v, fields)
  const { sourceItemId, sourcePartnerId } = fields
  const inputs = ['sourceItemId', 'sourcePartnerId']
  if (sourceItemId === null && sourcePartnerId === null) return v.list
  const source = isRef(sourceItemId) ? sourceOf(sourceItemId) : undefined
  if (!source || source.partnerId !== sourcePartnerId) {
    v.add(
      'DIAG4',
      'sourceItemId',
      text(
        'Un point repris d’une matrice de partenaire désigne ce point et son partenaire.',
        'A point taken from a partner’s matrix names that point and its partner.',
      ),
      inputs,
    )
  }
  return v.list
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Y.AbstractType) && !(value instanceof Uint8Array)

const FIGURE_KEYS: ReadonlySet<string> = new Set(['id', 'value', 'unit', 'label', 'source', 'year'])

/** One figure of the quantification: a finite value, a label, short unit and source, a plausible year or none. */
function figureValid(figure: unknown): boolean {
  if (!isPlainObject(figure) || Object.keys(figure).some((k) => !FIGURE_KEYS.has(k))) return false
  const { id, value, unit, label, source, year } = figure
  return (
    isRef(id) &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    isBoundedString(unit, LIMITS.shortTextLength) &&
    isTitle(label, LIMITS.shortTextLength) &&
    isBoundedString(source, LIMITS.shortTextLength) &&
    (year === null || isIntegerIn(year, 1900, 2100))
  )
}

/** PROJ1: the project's fields as plain values (unset fields are empty and not judged). */
export function validateProject(fields: Fields, entity = 'project'): RuleViolation[] {
  const v = new Violations(entity)
  unknownFields(v, 'PROJ1', fields, PROJECT_KEYS)
  for (const key of ['socialNeed', 'whyCollective', 'visionQuote'] as const) {
    if (fields[key] !== undefined && !isBoundedString(fields[key], LIMITS.textFieldLength)) {
      v.add('PROJ1', key, text(`Au plus ${LIMITS.textFieldLength} caractères.`, `At most ${LIMITS.textFieldLength} characters.`))
    }
  }
  const max = LIMITS.maxProjectEntries
  const { figures, beneficiaries } = fields
  if (figures !== undefined) {
    const ids = Array.isArray(figures) ? figures.map((f) => (isPlainObject(f) ? f.id : null)) : []
    if (!Array.isArray(figures) || figures.length > max || !figures.every(figureValid) || new Set(ids).size !== ids.length) {
      v.add(
        'PROJ1',
        'figures',
        text(
          `Au plus ${max} chiffres, chacun avec une valeur, un libellé (1 à ${LIMITS.shortTextLength} caractères), une unité, une source et une année (1900–2100) ou aucune.`,
          `At most ${max} figures, each with a value, a label (1 to ${LIMITS.shortTextLength} characters), a unit, a source and a year (1900–2100) or none.`,
        ),
      )
    }
  }
  if (beneficiaries !== undefined) {
    if (!Array.isArray(beneficiaries) || beneficiaries.length > max || !beneficiaries.every((b) => isTitle(b, LIMITS.shortTextLength))) {
      v.add(
        'PROJ1',
        'beneficiaries',
        text(
          `Au plus ${max} bénéficiaires, chacun de 1 à ${LIMITS.shortTextLength} caractères.`,
          `At most ${max} beneficiaries, each of 1 to ${LIMITS.shortTextLength} characters.`,
        ),
      )
    }
  }
  return v.list
}
