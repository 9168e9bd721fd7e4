import { CLOSE, type CloseCode } from '@ensemble/shared'

/**
 * An error that ends one connection with a named close code; the room and the other connections
 * carry on. Anything else thrown while handling a message is unexpected and closes the connection
 * with `CLOSE.internalError`.
 */
export class ConnectionError extends Error {
  constructor(
    readonly closeCode: CloseCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ConnectionError'
  }
}

/** The frame is not a y-websocket message Ensemble understands (bad varint, unknown type, text…). */
export class MalformedMessageError extends ConnectionError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(CLOSE.malformedMessage, message, options)
    this.name = 'MalformedMessageError'
  }
}

/** The connection sent more frames of a kind than its token bucket allows (LIMITS.rate). */
export class RateLimitedError extends ConnectionError {
  constructor(kind: string) {
    super(CLOSE.rateLimited, `rate limit exceeded: ${kind}`)
    this.name = 'RateLimitedError'
  }
}

/**
 * The store refused or failed an append. The room's in-memory state is then ahead of the log, so the
 * room is dropped and its clients reconnect: their sync re-sends what the log is missing.
 */
export class StorageFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StorageFailure'
  }
}
