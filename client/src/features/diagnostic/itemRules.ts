import { diagItemEntity, diagSharedEntity, validateDiagnosticItem, validateSharedItem } from '@ensemble/shared'
import { blame } from '../collab/blame.ts'

/**
 * The server's own rules (DIAG1, DIAG4) before writing a point's field, so a refused value is
 * explained at once beside it rather than snapping back; blamed only for what the change introduces.
 */
export function checkItemChange(
  root: 'items' | 'shared',
  id: string,
  record: Readonly<Record<string, unknown>>,
  change: Readonly<Record<string, unknown>>,
  partners: ReadonlySet<string>,
): string | null {
  const validate =
    root === 'items'
      ? (fields: Record<string, unknown>) => validateDiagnosticItem(fields, partners, diagItemEntity(id))
      : // The provenance is the server's to check: it does not change here.
        (fields: Record<string, unknown>) => validateSharedItem(fields, () => ({ partnerId: fields.sourcePartnerId }), diagSharedEntity(id))
  return blame(validate({ ...record }), validate({ ...record, ...change }), Object.keys(change))
}
