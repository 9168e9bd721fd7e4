import {
  CLOSE,
  CLOSE_REASON,
  encodeSaved,
  HEARTBEAT_FRAME,
  LIMITS,
  mayReceive,
  MESSAGE,
  type ExtensionRequest,
  STORAGE_STATE,
  type CloseCode,
  type StorageState,
} from '@ensemble/shared'
import type * as decoding from 'lib0/decoding'
import type { DocKey, KeptState } from '../storage/docStore.ts'
import { ConnectionError, MalformedMessageError, RateLimitedError } from './errors.ts'
import { ConnectionRateLimiter, type ConnectionRates, type FrameKind } from './rateLimit.ts'
import type { CollabLogger } from './logger.ts'
import type { ConnectionOrigin } from './origins.ts'
import { readAwarenessMessage, readMessageType, readSyncMessage } from './protocol.ts'
import type { CollabSocket, ConnectionIdentity } from './socket.ts'
import { largeFrames, PACED_FRAME_BYTES } from './turnPacer.ts'

/** Frames a client may send while its room is still loading; more than this is not a real client. */
const MAX_BACKLOG_FRAMES = 1000

/** Per-connection protections (defaults in LIMITS; tests and deployments may tighten them). */
export interface ConnectionLimits {
  /** A client this far behind on reading is dropped (it reconnects and resyncs) instead of hoarding memory. */
  maxBufferedBytes: number
  rates: ConnectionRates
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = { maxBufferedBytes: LIMITS.maxBufferedBytes, rates: LIMITS.rate }

/** What the client said it supports or wants when it connected (upgrade query parameters). */
export interface ConnectOptions {
  /**
   * It reads Ensemble's own messages (`?ext=1`: server errors, saved acknowledgements, heartbeats).
   * Without it, it is a stock Yjs client and is sent plain y-websocket only (QUIET1).
   */
  extensions?: boolean
  /** It reads the full state as a V2 update (message type 102, `?sync=v2`). */
  syncV2?: boolean
  /** It holds nothing of the document yet (`?fresh=1`): a kept state may be sent before the room loads. */
  fresh?: boolean
  /** It shows a large plan's first rows before the whole document arrives (`?preview=1`, message type 103). */
  preview?: boolean
}

/**
 * What a connection needs from its room (room.ts implements it): the connection hands it every
 * message; the room answers through the connection. Declared here so that the connection depends on
 * this much of a room, not on the room.
 */
export interface ConnectionRoom {
  /** Starts the handshake with a connection whose room has just loaded. */
  addConnection(connection: Connection): void
  removeConnection(connection: Connection): void
  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void
  receiveUpdate(connection: Connection, update: Uint8Array): void
  receiveAwareness(connection: Connection, update: Uint8Array): void
  sendAwarenessStates(connection: Connection): void
  identityChanged(connection: Connection): void
}

type MessageHandler = (connection: Connection, room: ConnectionRoom, decoder: decoding.Decoder) => void

/** What the server does with each message type a client may send (like y-websocket's provider). */
const HANDLERS: ReadonlyMap<number, MessageHandler> = new Map<number, MessageHandler>([
  [
    MESSAGE.sync,
    (connection, room, decoder) => {
      const message = readSyncMessage(decoder)
      // Answering a sync step 1 encodes the document: the costly request, so the most limited.
      if (message.kind === 'step1') connection.admit('syncStep1')
      // Sync step 2 and update carry the same thing (an update) and get the same treatment.
      if (message.kind === 'step1') room.answerSyncStep1(connection, message.stateVector)
      else {
        // Bytes are charged on arrival, refused or not: the update costs the room its decoding either way.
        connection.admit('updateBytes', message.update.byteLength)
        room.receiveUpdate(connection, message.update)
      }
    },
  ],
  [
    MESSAGE.awareness,
    (connection, room, decoder) => {
      const update = readAwarenessMessage(decoder)
      // A presence state is a name, a colour and a caret: anything this large is not one.
      if (update.byteLength > LIMITS.maxAwarenessStateBytes) throw new ConnectionError(CLOSE.frameTooLarge, 'presence state too large')
      room.receiveAwareness(connection, update)
    },
  ],
  [MESSAGE.queryAwareness, (connection, room) => room.sendAwarenessStates(connection)],
  [
    MESSAGE.heartbeat,
    (connection) => {
      // Not part of plain y-websocket: a client that did not ask for extensions has no business sending it.
      if (!connection.extensions) throw new MalformedMessageError(`unknown message type ${MESSAGE.heartbeat}`)
      connection.send(HEARTBEAT_FRAME)
    },
  ],
])

let nextConnectionId = 1

/**
 * One client socket in one room. It decodes frames and hands them to the room; a frame it cannot
 * decode closes this connection only (CLOSE.malformedMessage), and no error in here escapes to
 * crash the process. Frames that arrive before the room is loaded wait, in order.
 */
export class Connection {
  readonly id = nextConnectionId++
  /** The origin of every transaction applying this connection's edits. */
  readonly origin: ConnectionOrigin = { kind: 'connection', connection: this }
  /** Awareness client ids this connection introduced: the only ones it may update or remove. */
  readonly awarenessClientIds = new Set<number>()

  /**
   * The state vector of the kept state this connection was sent before its room was loaded (see
   * keptStates.ts), or null: the room then answers its sync step 1 with what differs from it.
   */
  keptStateVector: Uint8Array | null = null
  /** Frames waiting behind a large one for its turn of the event loop (turnPacer.ts), in order; null when none waits. */
  private paced: { frame: Uint8Array; written?: () => void }[] | null = null
  private room: ConnectionRoom | null = null
  /** Updates of this connection that are stored (the "saved" acknowledgement, message type 101). */
  private savedUpdates = 0
  private backlog: Uint8Array[] = []
  private open = true
  private readonly rates: ConnectionRateLimiter
  /** Which messages from type 100 up it asked for on its upgrade. */
  private readonly asked: ExtensionRequest

  constructor(
    private readonly socket: CollabSocket,
    /** Who is on the other end; replaced when their membership changes (see updateIdentity). */
    public identity: ConnectionIdentity,
    private readonly logger: CollabLogger,
    private readonly onClosed: (connection: Connection) => void,
    private readonly limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
    private readonly options: ConnectOptions = {},
  ) {
    this.rates = new ConnectionRateLimiter(limits.rates)
    this.asked = { extensions: options.extensions ?? false, syncV2: options.syncV2 ?? false, preview: options.preview ?? false }
  }

  /** The client reads Ensemble's messages 100, 101 and 104 (`?ext=1`); a stock client did not. */
  get extensions(): boolean {
    return this.asked.extensions
  }

  /** The client asked for the full state in V2 (message type 102); a stock client did not. */
  get syncV2(): boolean {
    return this.options.syncV2 ?? false
  }

  /** A V2 client that asked for a large plan's first rows before its whole document (type 103). */
  get wantsPreview(): boolean {
    return this.syncV2 && (this.options.preview ?? false)
  }

  get key(): DocKey {
    return { workspaceId: this.identity.workspaceId, docName: this.identity.docName }
  }

  get isOpen(): boolean {
    return this.open
  }

  /** A frame from the socket. Text frames are not part of the protocol. */
  receive(data: Uint8Array | string): void {
    if (!this.open) return
    if (typeof data === 'string') return this.fail(new MalformedMessageError('text frame'))
    if (!this.rates.admit('frames')) return this.fail(new RateLimitedError('frames'))
    if (this.room === null) {
      if (this.backlog.length >= MAX_BACKLOG_FRAMES) return this.close(CLOSE.internalError, 'too many frames before sync')
      this.backlog.push(data)
      return
    }
    this.dispatch(this.room, data)
  }

  /**
   * While the room loads, a fresh V2 joiner (it said it holds nothing) is sent the document's kept
   * state at once (a large document whose room was unloaded, or one a document thread has just
   * prepared; see keptStates.ts). Its sync step 1 waits in the backlog as usual; the room answers it
   * with what changed since. Resolves once the frame is written to the socket; does nothing once the
   * connection is attached (a state read from the store too late: the room answers in full).
   */
  sendKeptState(state: KeptState): Promise<void> {
    if (this.room !== null || !this.open) return Promise.resolve()
    this.keptStateVector = state.stateVector
    if (this.wantsPreview && state.preview) this.send(state.preview)
    return new Promise<void>((resolve) => this.send(state.frameV2, () => resolve()))
  }

  /** The room is loaded: start the handshake and process what arrived meanwhile. */
  attach(room: ConnectionRoom): void {
    if (!this.open) return
    this.room = room
    room.addConnection(this)
    const backlog = this.backlog
    this.backlog = []
    for (const frame of backlog) {
      if (!this.open) break
      this.dispatch(room, frame)
    }
  }

  /** `written`: called once the frame is handed to the operating system, or could not be sent. */
  send(frame: Uint8Array, written?: () => void): void {
    if (!this.open) return written?.()
    // Every message type from 100 up goes only to a client that asked for it (QUIET1): a stock
    // provider would log each one it cannot read. Types 0–3 and those are all one-byte varints.
    if (!mayReceive(frame[0] ?? 0, this.asked)) return written?.()
    // Behind a large frame waiting for its turn, everything keeps its order.
    if (this.paced) return void this.paced.push({ frame, written })
    if (frame.byteLength >= PACED_FRAME_BYTES) {
      this.paced = [{ frame, written }]
      void largeFrames.next().then(() => this.sendPaced())
      return
    }
    this.write(frame, written)
  }

  /** Writes what waited behind a large frame, up to the next large one, which waits for a turn of its own. */
  private sendPaced(): void {
    const queued = this.paced ?? []
    this.paced = null
    for (const [index, { frame, written }] of queued.entries()) {
      if (index > 0 && frame.byteLength >= PACED_FRAME_BYTES) {
        this.paced = queued.slice(index)
        void largeFrames.next().then(() => this.sendPaced())
        return
      }
      if (!this.open) written?.()
      else this.write(frame, written)
    }
  }

  private write(frame: Uint8Array, written?: () => void): void {
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      written?.()
      return this.close(CLOSE.internalError, 'client too slow')
    }
    try {
      this.socket.send(frame, written)
    } catch (err) {
      written?.()
      this.logger.debug({ err, connection: this.id }, 'send failed')
      this.close(CLOSE.internalError)
    }
  }

  /** One more of this connection's updates is durably stored (or was already): tell the author. */
  acknowledgeSaved(): void {
    this.savedUpdates++
    this.sendSaved(STORAGE_STATE.ok)
  }

  /** Repeats the saved count with the storage state (e.g. storage failing: nothing new is saved). */
  sendSaved(storage: StorageState): void {
    if (this.asked.extensions) this.send(encodeSaved({ saved: this.savedUpdates, storage }))
  }

  /** The member's membership changed but they keep access: later edits use the new role. */
  updateIdentity(identity: ConnectionIdentity): void {
    this.identity = identity
    this.room?.identityChanged(this)
  }

  /** Whether `count` more of `kind` fit in its token bucket (taken if they do). */
  tryAdmit(kind: FrameKind, count = 1): boolean {
    return this.rates.admit(kind, count)
  }

  /** Throws (closing this connection with 4429) when `count` more of `kind` exceed its token bucket. */
  admit(kind: FrameKind, count = 1): void {
    if (!this.rates.admit(kind, count)) throw new RateLimitedError(kind)
  }

  /** Closes the socket with a named code and leaves the room. */
  close(code: CloseCode, reason: string = CLOSE_REASON[code]): void {
    if (!this.open) return
    // What was sent before the close goes first (an error frame behind a large state, say): no turn to wait for now.
    const paced = this.paced ?? []
    this.paced = null
    for (const { frame, written } of paced) this.write(frame, written)
    if (!this.open) return // a write found the client too slow and closed it
    try {
      this.socket.close(code, reason)
    } catch (err) {
      this.logger.debug({ err, connection: this.id }, 'socket close failed')
    }
    this.leave()
  }

  /** The socket closed from the other side (or the transport gave up). */
  socketClosed(): void {
    if (this.open) this.leave()
  }

  /** Ends the connection because of `error`, with the error's close code when it has one. */
  fail(error: unknown): void {
    if (error instanceof ConnectionError) {
      this.logger.debug({ err: error, connection: this.id, ...this.key }, 'closing connection')
      this.close(error.closeCode)
    } else {
      this.logger.error({ err: error, connection: this.id, ...this.key }, 'unexpected error on connection')
      this.close(CLOSE.internalError)
    }
  }

  private dispatch(room: ConnectionRoom, frame: Uint8Array): void {
    try {
      const { type, decoder } = readMessageType(frame)
      const handler = HANDLERS.get(type)
      if (!handler) throw new MalformedMessageError(`unknown message type ${type}`)
      handler(this, room, decoder)
    } catch (error) {
      this.fail(error)
    }
  }

  private leave(): void {
    this.open = false
    this.backlog = []
    // Called from socket events: nothing may escape, or it would end the process.
    for (const step of [() => this.room?.removeConnection(this), () => this.onClosed(this)]) {
      try {
        step()
      } catch (err) {
        this.logger.error({ err, connection: this.id, ...this.key }, 'leaving the room failed')
      }
    }
  }
}
