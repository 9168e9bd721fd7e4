import { migrateObjectiveLinks, objectiveLinksToMigrate } from '@ensemble/shared'
import type * as Y from 'yjs'

/** A change the server makes to a document when its room opens, or null when there is nothing to do. */
export type DocumentUpgrade = (docName: string, doc: Y.Doc) => ((doc: Y.Doc) => void) | null

/**
 * What the server brings up to date in a document as its room opens, through the room's own change
 * path (ROOM11), so every replica and the log get it like any edit: in a plan, actions whose free-text
 * objective names an operational objective are attached to it by id (OBJ9). Each upgrade finds nothing
 * left to do once applied, so it runs once per document whatever the instance.
 */
export const documentUpgrade: DocumentUpgrade = (docName, doc) => {
  if (docName !== 'plan' || objectiveLinksToMigrate(doc).size === 0) return null
  // Matched again inside the change: the document may have moved on since.
  return (live) => migrateObjectiveLinks(live, objectiveLinksToMigrate(live))
}
