import type { Role } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { BalanceSnapshot } from './useBalance.ts'

/** What every part of the balance page needs: the document, its live snapshot, and who is looking. */
export interface BalancePageContext {
  doc: Y.Doc
  balance: BalanceSnapshot
  userId: string
  partnerId: string | null
  role: Role
  /** Admin or steering: validates actuals and freezes periods. */
  canSteer: boolean
  canSettings: boolean
  partnerName(id: string): string
  personName(id: string): string
}
