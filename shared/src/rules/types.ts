import type { Locale } from '../entities/auth.ts'
import type { Role } from '../roles.ts'

/** A human message in every language the interface speaks (the member's locale picks one). */
export type LocalizedText = Readonly<Record<Locale, string>>

/**
 * A rule id as named in docs/RULES.md: `PERMn` for permissions, `VALn` for validation, `GOVn` for
 * governance, `OBJn`, `INDn`, `EVQn` for objectives, indicators and evaluation questions, `BALn` for the
 * partners' balance, `DIAGn`, `PROJn` for the diagnostic and the project (docs/SPEC.md).
 */
export type RuleId =
  | `PERM${number}`
  | `VAL${number}`
  | `GOV${number}`
  | `OBJ${number}`
  | `IND${number}`
  | `EVQ${number}`
  | `BAL${number}`
  | `DIAG${number}`
  | `PROJ${number}`
  | `MAP${number}`

/**
 * One broken rule, as both the client (before writing) and the server (after applying an edit) report
 * it. `entity` names the entity like the server's errors do (`actions/a1`, `actions/a1/milestones/m1`,
 * `bodies/b1`, `meta`, `content`); `field` is the field the interface shows the message beside.
 */
export interface RuleViolation {
  rule: RuleId
  entity: string
  field?: string
  message: LocalizedText
  /**
   * Top-level fields of the entity whose value this violation depends on. The server blames an edit
   * only for violations whose inputs the edit changed (an action made invalid by a membership change
   * in SQL does not block an unrelated edit of its progress). Absent: `[field]`.
   */
  inputs?: readonly string[]
}

/** What the rules need to know about a member; comes from SQL, never from a document. */
export interface WorkspaceMember {
  role: Role
  partnerId: string | null
}

/**
 * The cross-entity facts the rules check documents against: who is a member (with which role and
 * partner) and which partners exist. The server loads it per workspace (and refreshes it when a
 * member or partner changes); the client builds it from the REST lists with `workspaceContextFrom`.
 */
export interface WorkspaceContext {
  members: ReadonlyMap<string, WorkspaceMember>
  partners: ReadonlySet<string>
  /** Documents that accept no edit whatever the role, e.g. approved minutes (`minutes:<id>`, GOV16). */
  lockedDocs?: ReadonlySet<string>
}

export const EMPTY_WORKSPACE_CONTEXT: WorkspaceContext = Object.freeze({
  members: new Map<string, WorkspaceMember>(),
  partners: new Set<string>(),
})

/** Builds a context from the REST answers (`GET …/members`, `GET …/partners`). */
export function workspaceContextFrom(
  members: Iterable<{ userId: string; role: Role; partnerId: string | null }>,
  partners: Iterable<{ id: string }>,
): WorkspaceContext {
  return {
    members: new Map([...members].map((m) => [m.userId, { role: m.role, partnerId: m.partnerId }])),
    partners: new Set([...partners].map((p) => p.id)),
  }
}

/** The message of a violation in one language (French when the locale is unknown). */
export const localizeViolation = (violation: Pick<RuleViolation, 'message'>, locale: Locale): string => violation.message[locale] ?? violation.message.fr
