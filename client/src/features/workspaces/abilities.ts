import { can, type Role } from '@ensemble/shared'

/**
 * What the interface offers to a role. The server decides (same shared `can()`); these only hide
 * controls that would be refused, so nobody types into a field that will snap back.
 */
export interface Abilities {
  manageMembers: boolean
  managePartners: boolean
  writeDocuments: boolean
  /** Create, delete and reorder actions, move deadlines, change the accountable member. */
  steerPlan: boolean
  /** Edit the cells of existing actions (the server refines per field and per responsibility). */
  editPlan: boolean
  editGovernance: boolean
}

const STEERING: readonly Role[] = ['admin', 'steering']

export function abilitiesOf(role: Role): Abilities {
  const actor = { role }
  const writer = can(actor, 'documents.write')
  return {
    manageMembers: can(actor, 'members.manage'),
    managePartners: can(actor, 'partners.manage'),
    writeDocuments: writer,
    steerPlan: STEERING.includes(role),
    editPlan: writer,
    editGovernance: STEERING.includes(role),
  }
}
