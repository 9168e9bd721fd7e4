import { useEffect } from 'react'
import type { ReceivedServerError } from './CollabConnection.ts'
import { useCollab } from './CollabContext.tsx'

/**
 * Claims the server's errors about one field of one entity (e.g. `actions/abc`, `deadline`) so they
 * show beside it rather than in the toast region. Returns the current error and a way to clear it.
 */
export function useFieldServerError(entity: string, field: string): { error: ReceivedServerError | null; clear(): void } {
  const { connection } = useCollab()
  useEffect(() => connection.claimField(entity, field), [connection, entity, field])
  return { error: connection.fieldError(entity, field), clear: () => connection.clearFieldError(entity, field) }
}
