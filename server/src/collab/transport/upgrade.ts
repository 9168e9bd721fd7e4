import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import {
  CLOSE,
  CLOSE_REASON,
  docKind,
  idSchema,
  SCHEMA_VERSION,
  SYNC_V2_PARAM,
  FRESH_PARAM,
  PREVIEW_PARAM,
  EXTENSIONS_PARAM,
  type ApiErrorBody,
  type ErrorCode,
} from '@ensemble/shared'
import type { WebSocketServer } from 'ws'
import type { TicketStorage } from '../../auth/tickets.ts'
import type { ConnectionCaps } from './connectionCaps.ts'
import type { CollabLogger } from '../logger.ts'
import type { IdentifyMember, RoomRegistry } from '../rooms.ts'
import type { SessionSockets } from './sessionSockets.ts'
import { bindWebSocket, type KeepAlive, WsCollabSocket } from './wsAdapter.ts'

export interface UpgradeDeps {
  /** Single-use tickets (server/src/auth/tickets.ts), in memory or in Redis. */
  tickets: Pick<TicketStorage, 'consume'>
  identify: IdentifyMember
  /** Origins a browser may connect from. A request without Origin (not a browser) relies on its ticket. */
  allowedOrigins: readonly string[]
  rooms: RoomRegistry
  logger: CollabLogger
  wss: WebSocketServer
  keepAlive?: KeepAlive
  /** Per-member and per-process caps on open websockets (LIM1): over a cap, 429 or 503 before the 101. */
  caps?: ConnectionCaps
  /** Connections by the session that asked for their ticket, so signing out closes them (AUTHZ3). */
  sessions?: SessionSockets
  /**
   * Whether the session that asked for a ticket is still signed in: a ticket minted just before a
   * sign-out, a password change or a reset opens nothing afterwards (AUTHZ3). Not checked when absent.
   */
  isSessionActive?: (sessionId: string, userId: string) => Promise<boolean>
}

/** `true` when this module handled (accepted or refused) the request; `false` leaves the socket alone. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean

const WS_PREFIX = '/ws'
const MAX_DOC_NAME_LENGTH = 100

/** A refusal: the HTTP status and error body sent instead of a 101. */
class Refusal {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

/**
 * Handles `GET /ws/:workspaceId/:docName?ticket=…&schema=…[&ext=1][&sync=v2[&fresh=1][&preview=1]]` upgrades (Node's `'upgrade'` event).
 * Every check happens before the 101: a refused request gets a plain HTTP error response and its
 * socket is destroyed, so an unauthenticated client never reaches the websocket protocol.
 * The ticket is spent on the first attempt, whatever the outcome.
 */
export function createUpgradeHandler(deps: UpgradeDeps): UpgradeHandler & { stop(): void } {
  const allowedOrigins = new Set(deps.allowedOrigins.map(normalizeOrigin))
  let stopped = false

  const handler = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const target = req.url ?? ''
    const queryStart = target.indexOf('?')
    const rawPath = queryStart === -1 ? target : target.slice(0, queryStart)
    if (rawPath !== WS_PREFIX && !rawPath.startsWith(`${WS_PREFIX}/`)) return false

    // A socket error before the handshake completes must not crash the process.
    const ignoreSocketError = () => {}
    socket.on('error', ignoreSocketError)
    const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1))
    const ticket = query.get('ticket')
    // Spent now, whatever the outcome (Redis answers asynchronously).
    const claimed = ticket ? Promise.resolve(deps.tickets.consume(ticket)) : Promise.resolve(null)

    const accept = async (): Promise<void> => {
      const claim = await claimed
      if (stopped) throw new Refusal(503, 'internal_error', 'server shutting down')
      const origin = req.headers.origin
      if (origin !== undefined && !allowedOrigins.has(normalizeOrigin(origin))) {
        throw new Refusal(403, 'forbidden', 'origin not allowed')
      }
      const { workspaceId, docName } = parsePath(rawPath)
      const schema = query.get('schema')
      if (schema !== null && schema !== String(SCHEMA_VERSION)) {
        throw new Refusal(426, 'bad_request', `schema version ${SCHEMA_VERSION} required`)
      }
      if (!ticket) throw new Refusal(401, 'unauthenticated', 'ticket required')
      if (!claim) throw new Refusal(401, 'unauthenticated', 'invalid, used or expired ticket')
      if (claim.workspaceId !== workspaceId) throw new Refusal(403, 'forbidden', 'ticket issued for another workspace')
      if (claim.sessionId && deps.isSessionActive && !(await deps.isSessionActive(claim.sessionId, claim.userId))) {
        throw new Refusal(401, 'unauthenticated', 'invalid, used or expired ticket')
      }
      if (docKind(docName) === null) throw new Refusal(404, 'not_found', 'unknown document')
      const identity = await deps.identify(workspaceId, claim.userId, docName)
      if (!identity) throw new Refusal(403, 'forbidden', 'not a member of this workspace')
      if (socket.destroyed) return
      const slot = deps.caps?.acquire(identity.userId)
      if (slot && 'refused' in slot) {
        throw slot.refused === 'user'
          ? new Refusal(429, 'rate_limited', 'too many open connections for this member')
          : new Refusal(503, 'internal_error', 'server at connection capacity')
      }
      // The raw socket closes whatever happens next (refused handshake, close, termination).
      if (slot) socket.once('close', slot.release)

      socket.off('error', ignoreSocketError)
      deps.wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          const syncV2 = query.get(SYNC_V2_PARAM.name) === SYNC_V2_PARAM.value
          const fresh = query.get(FRESH_PARAM.name) === FRESH_PARAM.value
          const preview = query.get(PREVIEW_PARAM.name) === PREVIEW_PARAM.value
          const extensions = query.get(EXTENSIONS_PARAM.name) === EXTENSIONS_PARAM.value
          const connection = deps.rooms.connect(new WsCollabSocket(ws), identity, { extensions, syncV2, fresh, preview })
          bindWebSocket(ws, connection, deps.logger)
          if (deps.sessions && claim.sessionId) ws.once('close', deps.sessions.track(claim.sessionId, connection))
          deps.keepAlive?.track(ws)
          deps.logger.debug({ workspaceId, docName, userId: identity.userId, connection: connection.id }, 'websocket connected')
        } catch (err) {
          deps.logger.error({ err, workspaceId, docName }, 'serving websocket failed')
          ws.close(CLOSE.internalError, CLOSE_REASON[CLOSE.internalError])
        }
      })
    }

    accept().catch((error: unknown) => {
      if (error instanceof Refusal) {
        deps.logger.debug({ status: error.status, reason: error.message, path: rawPath }, 'websocket upgrade refused')
        refuse(socket, error)
      } else {
        deps.logger.error({ err: error, path: rawPath }, 'websocket upgrade failed')
        refuse(socket, new Refusal(500, 'internal_error', 'internal error'))
      }
    })
    return true
  }
  return Object.assign(handler, {
    stop: () => {
      stopped = true
    },
  })
}

/** Splits `/ws/:workspaceId/:docName`; the document name is URL-decoded exactly once. */
function parsePath(rawPath: string): { workspaceId: string; docName: string } {
  const segments = rawPath.slice(WS_PREFIX.length + 1).split('/')
  if (segments.length !== 2) throw new Refusal(400, 'bad_request', 'expected /ws/:workspaceId/:docName')
  const [workspaceId, rawDocName] = segments as [string, string]
  if (!idSchema.safeParse(workspaceId).success) throw new Refusal(400, 'bad_request', 'bad workspace id')
  // An encoded slash or backslash would smuggle a path separator past the split above.
  if (/%2f|%5c/i.test(rawDocName)) throw new Refusal(400, 'bad_request', 'bad document name')
  let docName: string
  try {
    docName = decodeURIComponent(rawDocName)
  } catch {
    throw new Refusal(400, 'bad_request', 'bad document name')
  }
  if (docName.length === 0 || docName.length > MAX_DOC_NAME_LENGTH || docName.includes('..') || /[/\\\u0000]/.test(docName)) {
    throw new Refusal(400, 'bad_request', 'bad document name')
  }
  return { workspaceId, docName }
}

function normalizeOrigin(origin: string): string {
  try {
    const url = new URL(origin)
    // Opaque origins ("null", file:, data:) never match an allowed origin.
    return url.origin === 'null' ? origin : url.origin
  } catch {
    return origin
  }
}

/** Answers with a plain HTTP error (JSON body, as every API error) and destroys the socket. */
function refuse(socket: Duplex, { status, code, message }: Refusal): void {
  if (socket.destroyed) return
  const body = JSON.stringify({ error: { code, message } } satisfies ApiErrorBody)
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ]
  if (status === 426) head.push('Upgrade: websocket')
  socket.once('finish', () => socket.destroy())
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`)
}
