import { localizeViolation, type RuleViolation, violationInputs } from '@ensemble/shared'
import { currentLocale } from '../../i18n/index.ts'

const keyOf = (v: RuleViolation): string => `${v.rule}|${v.entity}|${v.field ?? ''}`

/**
 * Like the server: a change is refused only for a violation it introduces and that depends on a
 * field it changes (an entity already invalid for another reason stays editable). Returns the
 * message in the interface's language, or null when the change may be written.
 */
export function blame(before: readonly RuleViolation[], after: readonly RuleViolation[], changed: readonly string[]): string | null {
  const known = new Set(before.map(keyOf))
  const found = after.find((v) => !known.has(keyOf(v)) && violationInputs(v).some((input) => changed.includes(input)))
  return found ? localizeViolation(found, currentLocale()) : null
}
