import {
  steeringContextOf,
  validateIndicator,
  validateObjective,
  validateQuestion,
  workspaceContextFrom,
  indicatorEntity,
  objectiveEntity,
  questionEntity,
} from '@ensemble/shared'
import { useCallback, useMemo } from 'react'
import type * as Y from 'yjs'
import { blame } from '../collab/blame.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { Row, SteeringSnapshot } from './steeringStore.ts'

/** Checks a change of one entity before it is written: the message to show, or null. */
export type SteeringCheck = (entity: Row<Record<string, unknown>>, change: Record<string, unknown>) => string | null

/**
 * The server's own rules (OBJ, IND, EVQ) run before writing, so a refused change is explained at
 * once beside its field instead of snapping back; like the server, a change is blamed only for what
 * it introduces in the fields it touches.
 */
export function useSteeringRules(doc: Y.Doc, snapshot: SteeringSnapshot) {
  const { workspace } = useWorkspace()
  // Rebuilt with each snapshot: the context indexes the indicators of the document as it is.
  const ctx = useMemo(
    () => steeringContextOf(doc, workspaceContextFrom(workspace.members, workspace.partners), snapshot.period),
    [doc, workspace.members, workspace.partners, snapshot],
  )
  const judge = useCallback(
    (validate: (record: Record<string, unknown>, entity: string) => ReturnType<typeof validateObjective>, entityOf: (id: string) => string): SteeringCheck =>
      ({ id, ...record }, change) => {
        const entity = entityOf(id)
        return blame(validate(record, entity), validate({ ...record, ...change }, entity), Object.keys(change))
      },
    [],
  )
  return useMemo(
    () => ({
      objective: judge((r, e) => validateObjective(r, ctx, e), objectiveEntity),
      // An indicator's values are not part of its definition: they are judged as they are entered.
      indicator: judge(({ values: _values, ...r }, e) => validateIndicator(r, ctx, e), indicatorEntity),
      question: judge((r, e) => validateQuestion(r, ctx, e), questionEntity),
    }),
    [judge, ctx],
  )
}
