import type { ActionStatus } from './entities/action.ts'
import type { DocumentStatus } from './entities/documentMeta.ts'
import type { Role } from './roles.ts'

/**
 * When a role holds a verb. A grant is a list of conditions, any one of which suffices:
 * - `always`;
 * - `ifAccountableOrResponsible`: the actor is the action's accountable member or one of its responsible;
 * - `ifProposal`: the action is still a proposal (status `proposed`);
 * - `ifDraft`: the document is a draft (no status counts as draft);
 * - `ifNotAdopted`: the document is not adopted (an adopted document is locked);
 * - `ifResponsiblePartner`: the actor belongs to the partner responsible for the indicator;
 * - `ifOwnPartner`: the actor belongs to the partner an actual of the balance is declared for, or
 *   whose diagnostic matrix is at hand.
 */
export type Condition = 'always' | 'ifAccountableOrResponsible' | 'ifProposal' | 'ifDraft' | 'ifNotAdopted' | 'ifResponsiblePartner' | 'ifOwnPartner'
export type Grant = readonly Condition[]

const ALWAYS: Grant = ['always']
const ANYONE = { admin: ALWAYS, steering: ALWAYS, editor: ALWAYS, commenter: ALWAYS, observer: ALWAYS } as const
const ADMIN = { admin: ALWAYS } as const
const STEERING = { admin: ALWAYS, steering: ALWAYS } as const
const UNLOCKED: Grant = ['ifNotAdopted']
const PARTNER: Grant = ['ifResponsiblePartner']
const OWN_PARTNER: Grant = ['ifOwnPartner']

/**
 * The permission matrix, kept as data: verb → role → grant. `can()` is the one question both the
 * client (to show or hide controls) and the server (to decide, per changed field) ask. A role
 * missing from a verb is denied. docs/RULES.md explains each verb; shared/test/permissions-matrix
 * spells the whole table out cell by cell.
 */
export const PERMISSIONS = {
  // ---- workspace (REST) ----
  'workspace.read': ANYONE,
  'workspace.rename': ADMIN,
  'partners.manage': ADMIN,
  'members.manage': ADMIN,
  // ---- rich-text documents (vision, charter, agreement, convention) and minutes ----
  /** Write the content and the title of a document. */
  'documents.write': { admin: UNLOCKED, steering: UNLOCKED, editor: ['ifDraft'] },
  /** Who may move `meta.status` and `meta.adoptedVersionId`: only through sign-off, never by a live edit (SIGN10). */
  'documents.setStatus': STEERING,
  /** Comment (once comments exist). */
  'comments.write': { admin: ALWAYS, steering: ALWAYS, editor: ALWAYS, commenter: ALWAYS },
  // ---- the action plan ----
  /** The plan's title and period (`meta`). */
  'plan.meta': STEERING,
  /** Objectives, indicators (their definition) and evaluation questions: create, edit, delete. */
  'plan.objectives': STEERING,
  /**
   * Append a dated value to an indicator: the members of its responsible partner whose role writes
   * (observers and commenters never write). Nobody edits or removes a value (PERM13).
   */
  'indicators.record': { admin: PARTNER, steering: PARTNER, editor: PARTNER },
  // ---- the partners' balance (BAL) ----
  /** Valuation rates, period length and imbalance threshold. */
  'balance.settings': STEERING,
  /** Declare an actual for a partner: its own members whose role writes (BAL4). */
  'balance.declare': { admin: OWN_PARTNER, steering: OWN_PARTNER, editor: OWN_PARTNER },
  /** Amend an actual (a new entry that replaces it): its partner's writing members, and admin and steering for any partner. */
  'balance.amend': { admin: ALWAYS, steering: ALWAYS, editor: OWN_PARTNER },
  /** Validate an actual, freeze a period (BAL6). */
  'balance.validate': STEERING,
  // ---- « Diagnostic et projet » (DIAG, PROJ) ----
  /** A partner's own MOFF matrix and needs: its members whose role writes (DIAG2). */
  'diagnostic.ownMatrix': { admin: OWN_PARTNER, steering: OWN_PARTNER, editor: OWN_PARTNER },
  /** The alliance's shared matrix (DIAG4). */
  'diagnostic.shared': STEERING,
  /** The formalised project (PROJ2). */
  'diagnostic.project': STEERING,
  // ---- the map of actors (MAP) ----
  /** Actors of the map (create, edit, score, set aside, delete): the alliance's strategic choice of whom to approach. */
  'actors.map': STEERING,
  /** The selection criteria and their weights. */
  'actors.criteria': STEERING,
  /**
   * Append an entry to the contact log: editors meet actors in the field too (« tester la proximité
   * relationnelle »); nobody changes or removes an entry (MAP4).
   */
  'actors.contact': { admin: ALWAYS, steering: ALWAYS, editor: ALWAYS },
  /** Convert an actor into a partner of the alliance (REST, MAP7). */
  'actors.convert': STEERING,
  /** Create an action in any status, with anyone accountable or responsible. */
  'actions.create': STEERING,
  /** Create an action with status `proposed`, nobody accountable and nobody responsible. */
  'actions.propose': { admin: ALWAYS, steering: ALWAYS, editor: ALWAYS },
  'actions.delete': STEERING,
  /** The `order` key (position in the plan). */
  'actions.reorder': STEERING,
  /** `title`, `objective`. */
  'actions.define': { admin: ALWAYS, steering: ALWAYS, editor: ['ifProposal'] },
  /** `start`, `deadline`. */
  'actions.schedule': { admin: ALWAYS, steering: ALWAYS, editor: ['ifProposal'] },
  /** `accountable`, `responsible`. */
  'actions.assign': STEERING,
  /** `consulted`, `informed`. */
  'actions.involve': { admin: ALWAYS, steering: ALWAYS, editor: ['ifProposal'] },
  'actions.resources': { admin: ALWAYS, steering: ALWAYS, editor: ['ifProposal'] },
  /** `description`. */
  'actions.describe': { admin: ALWAYS, steering: ALWAYS, editor: ['ifAccountableOrResponsible', 'ifProposal'] },
  'actions.milestones': { admin: ALWAYS, steering: ALWAYS, editor: ['ifAccountableOrResponsible', 'ifProposal'] },
  /** `progress`, `blockedReason`, and `status` among planned, in_progress, blocked and done. */
  'actions.progress': { admin: ALWAYS, steering: ALWAYS, editor: ['ifAccountableOrResponsible'] },
  /** `status` into or out of `proposed` or `cancelled` (accepting, rejecting, cancelling, reopening). */
  'actions.triage': STEERING,
  // ---- governance ----
  /** Governance bodies: create, edit (seats, quorum, decision rule…), delete. */
  'governance.bodies': STEERING,
  /** Meetings and decisions of the governance document. */
  'governance.meetings': STEERING,
  // ---- comments (REST: threads, messages, inbox) ----
  /** Read comment threads and messages, receive the workspace's live comment events. */
  'comments.read': ANYONE,
  /** Hide anyone's message (audited; the hidden body stays in the audit trail) and read that trail. */
  'comments.moderate': ADMIN,
  // ---- history, versions, sign-off (REST) ----
  /** Read a document's history (sessions, field history), its named versions and their diffs. */
  'history.read': ANYONE,
  /** Name a version of a document (from its current state or a past log row). */
  'versions.create': { admin: ALWAYS, steering: ALWAYS, editor: ALWAYS },
  /** Restore a version as a new edit on top; never into an adopted (locked) document. */
  'versions.restore': { admin: UNLOCKED, steering: UNLOCKED },
  /** Propose a version for adoption, withdraw a proposal, unlock an adopted document (amendment). */
  'signoff.manage': STEERING,
  /** Approve, abstain or object; the server further requires the partner's representative. */
  'signoff.vote': ANYONE,
} as const satisfies Record<string, Partial<Record<Role, Grant>>>

export type Verb = keyof typeof PERMISSIONS

export interface Actor {
  role: Role
}

/** How the actor relates to the action at hand. */
export type Relation = 'accountable' | 'responsible' | 'none'

/**
 * What a verb applies to, for verbs whose answer depends on it. Omitted parts take the most common
 * value: no relation, a draft document, an action that is not a proposal.
 */
export interface PermissionTarget {
  relation?: Relation
  /** The action's status before the edit. */
  actionStatus?: ActionStatus
  /** The document's status before the edit. */
  docStatus?: DocumentStatus
  /** The actor belongs to the partner responsible for the indicator at hand. */
  responsiblePartner?: boolean
  /** The actor belongs to the partner the actual (or the diagnostic matrix) at hand is declared for. */
  ownPartner?: boolean
}

function holds(condition: Condition, target: PermissionTarget): boolean {
  switch (condition) {
    case 'always':
      return true
    case 'ifAccountableOrResponsible':
      return target.relation === 'accountable' || target.relation === 'responsible'
    case 'ifProposal':
      return target.actionStatus === 'proposed'
    case 'ifDraft':
      return (target.docStatus ?? 'draft') === 'draft'
    case 'ifNotAdopted':
      return target.docStatus !== 'adopted'
    case 'ifResponsiblePartner':
      return target.responsiblePartner === true
    case 'ifOwnPartner':
      return target.ownPartner === true
  }
}

/**
 * May `actor` do `verb` to `target`? Pure, total and cheap: no actor, an unknown role or an unknown
 * verb is simply denied. `can(actor, verb)` without a target keeps the workspace-level meaning
 * (e.g. `documents.write` = may write into a draft document).
 */
export function can(actor: Actor | null | undefined, verb: Verb, target: PermissionTarget = {}): boolean {
  if (!actor || !Object.hasOwn(PERMISSIONS, verb)) return false
  const byRole = PERMISSIONS[verb] as Partial<Record<string, Grant>>
  const grant = Object.hasOwn(byRole, actor.role) ? byRole[actor.role] : undefined
  return grant?.some((condition) => holds(condition, target)) === true
}

/** The actor's relation to an action: accountable wins over responsible. */
export function relationTo(action: { accountable: string | null; responsible: readonly string[] }, userId: string | null | undefined): Relation {
  if (!userId) return 'none'
  if (action.accountable === userId) return 'accountable'
  return action.responsible.includes(userId) ? 'responsible' : 'none'
}
