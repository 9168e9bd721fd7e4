import { bodyDefinitions, contentOf } from '@ensemble/shared'
import { useEffect, useState } from 'react'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { useQuietDoc } from './useQuietDoc.ts'

/**
 * Body id → the heading of the charter section that links to it (GOV25), read live from the charter
 * without writing to it; null until the charter has synced.
 */
export function useCharterDefinitions(): Map<string, string | null> | null {
  const { workspace } = useWorkspace()
  const charter = useQuietDoc('charter')
  const doc = charter?.doc
  const synced = charter?.synced ?? false
  const [definitions, setDefinitions] = useState<Map<string, string | null> | null>(null)

  useEffect(() => {
    if (!doc || !synced) return
    const fragment = contentOf(doc)
    const read = () => setDefinitions(bodyDefinitions(fragment, workspace.id))
    read()
    fragment.observeDeep(read)
    return () => fragment.unobserveDeep(read)
  }, [doc, synced, workspace.id])

  return synced ? definitions : null
}
