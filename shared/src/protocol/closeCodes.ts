/**
 * Websocket close codes used by the server. 4400–4499 mean "do not reconnect" to y-websocket's
 * provider (its default shouldReconnect); the others are transient.
 */
export const CLOSE = {
  /** RFC 6455: the server is going away (shutdown). */
  goingAway: 1001,
  /** RFC 6455: a frame too large to process. */
  frameTooLarge: 1009,
  /** RFC 6455: service restart; reconnect. */
  serviceRestart: 1012,
  /** The frame could not be decoded as a y-websocket message. */
  malformedMessage: 4400,
  /** The member lost access to the workspace (removed, signed out). */
  accessRevoked: 4403,
  /** The document does not exist. */
  unknownDocument: 4404,
  /** The connection sent frames faster than its token buckets allow (LIMITS.rate). */
  rateLimited: 4429,
  /** The client's schema version is not the server's. */
  schemaMismatch: 4426,
  /**
   * The state of the stored document is larger than LIMITS.maxDocumentBytes allows for its kind: it is
   * not opened (a server error message `document_too_large` says so first). Reconnecting cannot help.
   */
  documentTooLarge: 4413,
  /** Unexpected server failure on this connection; reconnecting is fine. */
  internalError: 4500,
} as const
export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE]

export const CLOSE_REASON: Record<CloseCode, string> = {
  [CLOSE.goingAway]: 'server shutting down',
  [CLOSE.frameTooLarge]: 'frame too large',
  [CLOSE.serviceRestart]: 'server restarting',
  [CLOSE.malformedMessage]: 'malformed message',
  [CLOSE.accessRevoked]: 'access revoked',
  [CLOSE.unknownDocument]: 'unknown document',
  [CLOSE.rateLimited]: 'rate limited',
  [CLOSE.schemaMismatch]: 'schema version mismatch',
  [CLOSE.documentTooLarge]: 'document too large',
  [CLOSE.internalError]: 'internal error',
}
