import type { Action, ActionObjectives, Role } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { SteeringSnapshot } from './steeringStore.ts'
import type { useSteeringRules } from './useSteeringRules.ts'

/** What every part of the page needs: the document, its live snapshot, the rules, and who is looking. */
export interface SteeringPageContext {
  doc: Y.Doc
  steering: SteeringSnapshot
  rules: ReturnType<typeof useSteeringRules>
  /** Admin or steering: may define objectives, indicators and questions. */
  canDefine: boolean
  userId: string
  partnerId: string | null
  role: Role
  /** The plan's actions, and which objective each one serves (OBJ10). */
  actions: ReadonlyMap<string, Action>
  links: ActionObjectives
}
