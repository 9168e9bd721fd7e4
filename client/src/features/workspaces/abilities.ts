import { can, type Role } from '@ensemble/shared'

/**
 * What the interface offers to a role, from the shared permission matrix (`can()`), the same one
 * the server decides with. These only hide controls that would be refused, so nobody types into a
 * field that snaps back; rules that depend on an action or a document are asked where they apply
 * (features/action-plan/planAbilities.ts, the document page).
 */
export interface Abilities {
  role: Role
  manageMembers: boolean
  managePartners: boolean
  /** May write into a draft document (the page refines with the document's status). */
  writeDocuments: boolean
  /** Create actions in any state (steering) or only proposals (editors). */
  createActions: boolean
  proposeActions: boolean
  deleteActions: boolean
  reorderActions: boolean
  editPlanMeta: boolean
  editGovernance: boolean
}

export function abilitiesOf(role: Role): Abilities {
  const actor = { role }
  return {
    role,
    manageMembers: can(actor, 'members.manage'),
    managePartners: can(actor, 'partners.manage'),
    writeDocuments: can(actor, 'documents.write'),
    createActions: can(actor, 'actions.create'),
    proposeActions: can(actor, 'actions.propose'),
    deleteActions: can(actor, 'actions.delete'),
    reorderActions: can(actor, 'actions.reorder'),
    editPlanMeta: can(actor, 'plan.meta'),
    editGovernance: can(actor, 'governance.bodies'),
  }
}
