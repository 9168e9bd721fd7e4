import { can, type DocKind, type ErrorCode } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { EditChanges } from '../changes.ts'
import { MESSAGES, type LocalizedMessage } from '../messages.ts'
import type { ConnectionIdentity } from '../socket.ts'
import type { EditStep } from './types.ts'

/** Why an edit is refused; sent to its author as a server error in their language. */
export interface EditRefusal {
  code: ErrorCode
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
}

/**
 * A pluggable rule on edits: returns null to accept, a refusal to reject. Checks are synchronous:
 * the room runs one edit at a time, and a refused edit is compensated before anything else happens.
 */
export type EditCheck = (input: EditCheckInput) => EditRefusal | null

/** Only admin, steering and editor members write into documents; commenters and observers never. */
export const writersOnly: EditCheck = ({ identity }) =>
  can(identity, 'documents.write') ? null : { code: 'edit_forbidden', entity: '', message: MESSAGES.editForbidden }

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

/** Step 3: asks the room's check about the edit; a refusal is recorded, not thrown. */
export function checkEdit(check: EditCheck): EditStep {
  return {
    name: 'checkEdit',
    run(context) {
      const { identity } = context.connection
      context.refusal = check({
        identity,
        docName: context.room.key.docName,
        docKind: context.room.kind,
        doc: context.room.doc,
        changes: context.changes,
      })
    },
  }
}
