import * as Y from 'yjs'
import type { EditCheck, EditRefusal } from './checks.ts'
import type { EditStep } from './types.ts'

/** Refusal of an edit whose check failed unexpectedly: unsure means no. */
const CHECK_FAILED: EditRefusal = {
  code: 'edit_invalid',
  entity: '',
  message: {
    fr: 'Votre modification n’a pas pu être vérifiée : elle a été annulée.',
    en: 'Your change could not be checked: it was undone.',
  },
}

/**
 * Step 4: asks the room's check about the edit; a refusal is recorded, not thrown. A check that
 * throws refuses the edit (it is then compensated like any refusal) rather than let it through.
 */
export function checkEdit(check: EditCheck, onError: (err: unknown) => void = () => {}): EditStep {
  return {
    name: 'checkEdit',
    run(context) {
      const { identity } = context.connection
      try {
        context.refusal = check({
          identity,
          docName: context.room.key.docName,
          docKind: context.room.kind,
          doc: context.room.doc,
          changes: context.changes,
          inserted: context.inserted,
          deletedByEdit: (item) => context.deleteSets.some((deleteSet) => Y.isDeleted(deleteSet, item.id)),
          context: context.room.workspaceContext(),
        })
      } catch (err) {
        onError(err)
        context.refusal = CHECK_FAILED
      }
    },
  }
}
