import type { ReceivedServerError } from '../CollabConnection.ts'

/** The error under a cell: the local validation's, else the server's refusal of the last edit. */
export function CellMessage({ id, local, server }: { id: string; local: string | null; server: ReceivedServerError | null }) {
  const message = local ?? server?.message
  if (!message) return null
  return (
    <span className="cell__error" id={id} role="alert" data-testid="cell-error">
      {message}
    </span>
  )
}
