import { type Action, actionEntity, objectivesOf, periodOf, type PlanMeta, planMetaOf, validateAction, workspaceContextFrom } from '@ensemble/shared'
import { useCallback, useMemo } from 'react'
import type * as Y from 'yjs'
import { blame } from '../collab/blame.ts'
import { useYMapJson } from '../collab/useYMapJson.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

/** Checks a change of one action before it is written; returns the message to show, or null. */
export type ActionRules = (id: string, action: Action, change: Partial<Action>) => string | null

/**
 * The server's own rules (shared `validateAction`: RACI, dates within the plan period, milestones
 * within the action, done means 100 %…) run before writing, so a refused edit is explained at once
 * instead of snapping back. Like the server, a change is blamed only for violations it introduces
 * in the fields it touches.
 */
export function useActionRules(doc: Y.Doc): ActionRules {
  const { workspace } = useWorkspace()
  const meta = useYMapJson<PlanMeta>(planMetaOf(doc))
  const context = useMemo(
    () => ({
      workspace: workspaceContextFrom(workspace.members, workspace.partners),
      period: periodOf(meta),
      // OBJ8 as the server judges it: read from the live document when a check asks.
      objectiveKind: (id: string) => {
        const kind = objectivesOf(doc).get(id)?.get('kind')
        return kind === 'strategic' || kind === 'operational' ? kind : null
      },
    }),
    [workspace.members, workspace.partners, meta, doc],
  )
  return useCallback(
    (id, action, change) => {
      const entity = actionEntity(id)
      return blame(validateAction(action, context, entity), validateAction({ ...action, ...change }, context, entity), Object.keys(change))
    },
    [context],
  )
}
