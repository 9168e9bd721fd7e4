import type * as Y from 'yjs'
import type { DiagnosticSnapshot } from './useDiagnostic.ts'

/** What every part of the diagnostic page needs: the document, its live snapshot, and who may write what. */
export interface DiagnosticPageContext {
  doc: Y.Doc
  snapshot: DiagnosticSnapshot
  /** The member's own partner, or null. */
  partnerId: string | null
  /** Writes its own partner's matrix and needs (DIAG2). */
  canOwnMatrix: boolean
  /** Writes the shared matrix (DIAG4) and the project (PROJ2). */
  canShared: boolean
  canProject: boolean
  /** The alliance's partners' ids (the rules check points against them). */
  partners: ReadonlySet<string>
  partnerName(id: string): string
}
