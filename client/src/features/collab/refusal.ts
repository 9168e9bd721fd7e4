import { actionsOf, ROOT, type ServerErrorMessage } from '@ensemble/shared'
import type { TFunction } from 'i18next'
import type * as Y from 'yjs'

const ACTION_ENTITY = /^actions\/([^/]+)/

/**
 * What the server undid and why, as the status says it (KEEP5): « Votre modification de « Échéance »
 * pour l’action « Former les bénévoles » a été annulée : … » when the error names an action of the
 * plan (and a column), else the server's message alone (it already says what was undone).
 */
export function describeRefusal(error: ServerErrorMessage, doc: Y.Doc, t: TFunction): string {
  const actionId = ACTION_ENTITY.exec(error.entity)?.[1]
  const title = actionId && doc.share.has(ROOT.actions) ? actionsOf(doc).get(actionId)?.get('title') : undefined
  if (typeof title !== 'string' || title === '') return error.message
  const column = error.field && t(`plan.columns.${error.field}`, { defaultValue: '' })
  return column ? t('saving.refusedField', { field: column, title, message: error.message }) : t('saving.refusedAction', { title, message: error.message })
}
