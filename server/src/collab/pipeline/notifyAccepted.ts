import type * as Y from 'yjs'
import type { EditChanges } from '../changes.ts'
import type { EditStep } from './types.ts'

/** An edit that was accepted, stored and broadcast, as observers outside the collab core see it. */
export interface AcceptedEdit {
  workspaceId: string
  docName: string
  authorId: string
  /** The document just after the edit: read it synchronously, it changes with the next edit. */
  doc: Y.Doc
  changes: EditChanges
}

/** Told about every accepted edit (e.g. the inbox's action watch); must not throw or block. */
export type OnEditAccepted = (edit: AcceptedEdit) => void

/**
 * Step 11 (optional): hands an accepted edit to an observer injected by the server, so that domain
 * features react to live edits while the collaboration core knows nothing of them. A failing
 * observer is logged; the edit stands.
 */
export function notifyAccepted(onAccepted: OnEditAccepted, onError: (err: unknown) => void): EditStep {
  return {
    name: 'notifyAccepted',
    run(context) {
      if (context.refusal) return
      try {
        onAccepted({
          workspaceId: context.room.key.workspaceId,
          docName: context.room.key.docName,
          authorId: context.connection.identity.userId,
          doc: context.room.doc,
          changes: context.changes,
        })
      } catch (err) {
        onError(err)
      }
    },
  }
}
