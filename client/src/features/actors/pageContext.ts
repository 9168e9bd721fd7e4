import type { Role } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { ActorsSnapshot } from './useActors.ts'

/** What every part of the map's page needs: the document, its live snapshot, and who is looking. */
export interface ActorsPageContext {
  doc: Y.Doc
  map: ActorsSnapshot
  userId: string
  role: Role
  /** Admin or steering: edit actors and criteria, convert (MAP2, MAP7). */
  canMap: boolean
  /** Admin, steering, editor: log contacts (MAP4). */
  canContact: boolean
  partnerName(id: string): string | null
}
