import { can, type DocKind, type ErrorCode, type RuleId, type WorkspaceContext } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { EditChanges } from '../changes.ts'
import { MESSAGES, type LocalizedMessage } from '../messages.ts'
import type { ConnectionIdentity } from '../socket.ts'

/** Why an edit is refused; sent to its author as a server error in their language. */
export interface EditRefusal {
  code: ErrorCode
  /** The rule of docs/RULES.md that refused it (e.g. `VAL3`, `PERM6`), when one did. */
  rule?: RuleId
  /** Which entity, e.g. `actions/a1`, or empty for the whole document. */
  entity: string
  field?: string
  message: LocalizedMessage
}

/** Everything a check may look at. The document is in its state *after* the edit. */
export interface EditCheckInput {
  identity: ConnectionIdentity
  docName: string
  docKind: DocKind
  doc: Y.Doc
  changes: EditChanges
  /** The items the edit created that are alive after it (see insertedItems in changes.ts). */
  inserted: readonly Y.Item[]
  /**
   * Whether the edit deleted `item` (its delete sets, read only when a check asks: whether content a
   * deleted type held was alive before the edit). Absent: nothing can tell (then a check assumes not).
   */
  deletedByEdit?: (item: Y.Item) => boolean
  /** Members and partners of the workspace, as last loaded from SQL. */
  context: WorkspaceContext
}

/**
 * A pluggable rule on edits: returns null to accept, a refusal to reject. Checks are synchronous:
 * the room runs one edit at a time, and a refused edit is compensated before anything else happens.
 */
export type EditCheck = (input: EditCheckInput) => EditRefusal | null

/** Only admin, steering and editor members write into documents; commenters and observers never. */
export const writersOnly: EditCheck = ({ identity }) =>
  can(identity, 'documents.write') ? null : { code: 'edit_forbidden', rule: 'PERM2', entity: '', message: MESSAGES.editForbidden }

/** Runs checks in order; the first refusal wins (so cheap, coarse rules go first). */
export const allChecks =
  (...checks: EditCheck[]): EditCheck =>
  (input) => {
    for (const check of checks) {
      const refusal = check(input)
      if (refusal) return refusal
    }
    return null
  }
