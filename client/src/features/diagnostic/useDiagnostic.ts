import {
  diagItemsOf,
  diagNeedsOf,
  diagSharedOf,
  projectOf,
  readDiagnosticItems,
  readPartnerNeeds,
  readProject,
  readSharedItems,
  type DiagnosticItem,
  type PartnerNeeds,
  type Project,
  type SharedDiagnosticItem,
} from '@ensemble/shared'
import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'

/** « Diagnostic et projet » as the page shows it: every well-formed entity, read once per change. */
export interface DiagnosticSnapshot {
  items: Record<string, DiagnosticItem>
  needs: Record<string, PartnerNeeds>
  shared: Record<string, SharedDiagnosticItem>
  project: Project
}

const read = (doc: Y.Doc): DiagnosticSnapshot => ({
  items: readDiagnosticItems(doc),
  needs: readPartnerNeeds(doc),
  shared: readSharedItems(doc),
  project: readProject(doc),
})

/** The diagnostic document, live: any change (this page, another member, a compensation) makes a new snapshot. */
export function useDiagnostic(doc: Y.Doc): DiagnosticSnapshot {
  const store = useMemo(() => {
    const roots = [diagItemsOf(doc), diagNeedsOf(doc), diagSharedOf(doc), projectOf(doc)] as Y.AbstractType<any>[]
    let snapshot: DiagnosticSnapshot | null = null
    return {
      subscribe(onChange: () => void): () => void {
        const handler = () => {
          snapshot = null
          onChange()
        }
        for (const root of roots) root.observeDeep(handler)
        return () => {
          for (const root of roots) root.unobserveDeep(handler)
        }
      },
      getSnapshot: (): DiagnosticSnapshot => (snapshot ??= read(doc)),
    }
  }, [doc])
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
