import { createContext, useContext } from 'react'
import type { CollabDoc } from './useCollabDoc.ts'

/** The open document, for the cells and panels deep inside a page. */
export const CollabContext = createContext<CollabDoc | null>(null)

export function useCollab(): CollabDoc {
  const collab = useContext(CollabContext)
  if (!collab) throw new Error('useCollab outside CollabContext')
  return collab
}
