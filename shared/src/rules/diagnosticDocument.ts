import * as Y from 'yjs'
import { diagItemEntity, diagItemsOf, diagNeedsEntity, diagNeedsOf, diagSharedEntity, diagSharedOf, projectOf } from '../layouts/diagnosticLayout.ts'
import { LIMITS } from '../limits.ts'
import { validateDiagnosticItem, validatePartnerNeeds, validateProject, validateSharedItem } from './diagnostic.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { text } from './values.ts'
import { readPlainFields } from './yShape.ts'

/**
 * Every rule about a whole `diagnostic` document (DIAG1, DIAG3, DIAG4, PROJ1). Tests and tools call
 * it; the server checks only what an edit changed. Who wrote what is the server's to judge at the
 * time (DIAG2): a document state does not say it.
 */
export function validateDiagnosticDocument(doc: Y.Doc, workspace: WorkspaceContext): RuleViolation[] {
  const out: RuleViolation[] = []
  const items = diagItemsOf(doc)
  const shared = diagSharedOf(doc)
  const entity = (kind: string) => text(`Un ${kind} est une table Yjs.`, `A ${kind} is a Yjs map.`)
  items.forEach((item, id) => {
    if (!(item instanceof Y.Map)) out.push({ rule: 'VAL1', entity: diagItemEntity(id), message: entity('point') })
    else out.push(...validateDiagnosticItem(readPlainFields(item), workspace.partners, diagItemEntity(id)))
  })
  diagNeedsOf(doc).forEach((needs, partnerId) => {
    if (!(needs instanceof Y.Map)) out.push({ rule: 'VAL1', entity: diagNeedsEntity(partnerId), message: entity('besoin') })
    else out.push(...validatePartnerNeeds(partnerId, readPlainFields(needs), workspace.partners, diagNeedsEntity(partnerId)))
  })
  shared.forEach((item, id) => {
    if (!(item instanceof Y.Map)) {
      out.push({ rule: 'VAL1', entity: diagSharedEntity(id), message: entity('point') })
      return
    }
    // A source removed since leaves the shared point standing: only a source that exists is compared.
    const sourceOf = (itemId: string) => {
      const source = items.get(itemId)
      return source instanceof Y.Map ? { partnerId: source.get('partnerId') } : { partnerId: item.get('sourcePartnerId') }
    }
    out.push(...validateSharedItem(readPlainFields(item), sourceOf, diagSharedEntity(id)))
  })
  if (items.size + shared.size > LIMITS.maxDiagnosticItems) {
    out.push({
      rule: 'DIAG1',
      entity: 'diagItems',
      message: text(`Au plus ${LIMITS.maxDiagnosticItems} points.`, `At most ${LIMITS.maxDiagnosticItems} points.`),
    })
  }
  out.push(...validateProject(readPlainFields(projectOf(doc))))
  return out
}
