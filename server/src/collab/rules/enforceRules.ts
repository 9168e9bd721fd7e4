import { typeLayoutRoots, WRITING_ROLES } from '@ensemble/shared'
import type { EditCheck } from '../pipeline/checks.ts'
import { checkDiagnosticEdit } from './diagnosticEdit.ts'
import { checkActorsEdit } from './actorsEdit.ts'
import { checkDocumentEdit } from './documentEdit.ts'
import { checkGovernanceEdit } from './governanceEdit.ts'
import { checkPlanEdit } from './planEdit.ts'
import { forbidden } from './refusals.ts'

/**
 * The server-authoritative rules of docs/RULES.md on every edit a connection sends (update or sync
 * step 2 alike): first who may change what (`can()` per changed field, PERMn), then the validation
 * of each changed entity only (VALn), against the workspace's members and partners. The first
 * broken rule refuses the whole edit, which the pipeline then compensates and reports.
 */
export const enforceRules: EditCheck = (input) => {
  const { identity, changes, inserted } = input
  if (changes.types.length === 0 && changes.deletedItems === 0 && inserted.length === 0) return null
  // Cheap and coarse first: observers and commenters never write into a document.
  if (!WRITING_ROLES.includes(identity.role)) return forbidden('PERM2', 'editForbidden')
  typeLayoutRoots(input.doc, input.docKind)
  switch (input.docKind) {
    case 'plan':
      return checkPlanEdit(input)
    case 'governance':
      return checkGovernanceEdit(input)
    case 'diagnostic':
      return checkDiagnosticEdit(input)
    case 'actors':
      return checkActorsEdit(input)
    case 'richText':
    case 'minutes':
      return checkDocumentEdit(input)
  }
}
