import { useEffect } from 'react'
import { type CollabDoc, useCollabDoc } from '../collab/useCollabDoc.ts'

/**
 * A document opened only to be read next to another page (the bodies from the charter's link form,
 * the charter from the governance page): live, but the member is not announced as present in it.
 */
export function useQuietDoc(docName: string): CollabDoc | null {
  const collab = useCollabDoc(docName)
  const awareness = collab?.awareness
  // Cleared once per connection: useCollabDoc's later setUser only sets a field of the local state,
  // which y-protocols skips while that state is null.
  useEffect(() => {
    awareness?.setLocalState(null)
  }, [awareness])
  return collab
}
