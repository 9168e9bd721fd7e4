import { useEffect } from 'react'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'

/**
 * A document opened only to be read next to another page (the bodies from the charter's link form,
 * the charter from the governance page): live, but the member is not announced as present in it.
 */
export function useQuietDoc(docName: string): CollabDoc | null {
  const collab = useCollabDoc(docName)
  const awareness = collab?.awareness
  const user = collab?.user
  useEffect(() => {
    awareness?.setLocalState(null)
  }, [awareness, user])
  return collab
}
