import type { RuleViolation } from '@ensemble/shared'
import type { EditRefusal } from '../pipeline/checks.ts'
import { MESSAGES } from '../messages.ts'

/** A permission refusal (PERMn) about one entity and field. */
export function forbidden(rule: `PERM${number}`, message: keyof typeof MESSAGES, entity = '', field?: string): EditRefusal {
  const code = message === 'documentLocked' || message === 'minutesLocked' ? 'document_locked' : 'edit_forbidden'
  return field === undefined ? { code, rule, entity, message: MESSAGES[message] } : { code, rule, entity, field, message: MESSAGES[message] }
}

/** A validation refusal (VALn) from a rule violation of shared/src/rules. */
export function invalid(violation: RuleViolation): EditRefusal {
  const { rule, entity, field, message } = violation
  return field === undefined ? { code: 'edit_invalid', rule, entity, message } : { code: 'edit_invalid', rule, entity, field, message }
}

/** A structural refusal: content outside the document's layout (VAL22) or an entity's shape (VAL1, VAL21). */
export function malformed(rule: 'VAL1' | 'VAL21' | 'VAL22', entity: string, field?: string): EditRefusal {
  const message =
    rule === 'VAL22'
      ? { fr: 'Contenu hors de la structure du document.', en: 'Content outside the document’s layout.' }
      : { fr: 'Donnée de forme invalide.', en: 'Data of an invalid shape.' }
  return invalid(field === undefined ? { rule, entity, message } : { rule, entity, field, message })
}
