/**
 * The minimal socket the collaboration core needs. The `ws` adapter implements it for production;
 * tests can implement it with an in-memory pair. The core never imports `ws` or Hono.
 */
export interface CollabSocket {
  /** `written` (optional to honour): called once the data is handed to the operating system, or failed. */
  send(data: Uint8Array, written?: () => void): void
  close(code: number, reason: string): void
  /** Bytes queued for this socket and not yet written (slow-reader protection). */
  readonly bufferedAmount: number
}

/** Who is on the other end of a connection, resolved at upgrade time from the ticket. */
export interface ConnectionIdentity {
  workspaceId: string
  docName: string
  userId: string
  name: string
  color: string
  partnerId: string | null
  partnerName: string | null
  role: import('@ensemble/shared').Role
  locale: import('@ensemble/shared').Locale
}
