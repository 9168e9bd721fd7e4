import { colorForId, MESSAGE, readSaved, readServerError, type Role, type SavedMessage, type ServerErrorMessage } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Connection, ConnectionIdentity, RoomRegistry } from '@ensemble/server/collab'
import { MemorySocketPair } from './memorySocket.ts'

/**
 * A Yjs client speaking y-protocols over a MemorySocketPair, doing what y-websocket's provider does:
 * on open it sends sync step 1 and its awareness; it answers step 1 with step 2, sends its local
 * updates and awareness changes, and records server errors and how the server closed it.
 */
export class MemoryClient {
  readonly awareness: awarenessProtocol.Awareness
  readonly errors: ServerErrorMessage[] = []
  /** The last "saved" acknowledgement (message type 101) received. */
  saved: SavedMessage | null = null
  closed: { code: number; reason: string } | null = null
  synced = false

  constructor(
    readonly pair: MemorySocketPair,
    readonly connection: Connection,
    readonly doc: Y.Doc = new Y.Doc(),
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    pair.onClientFrame = (frame) => this.receive(frame)
    pair.onClientClosed = (code, reason) => {
      this.closed = { code, reason }
    }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.send(MESSAGE.sync, (encoder) => syncProtocol.writeUpdate(encoder, update))
    })
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin !== 'local') return
      const changed = [...added, ...updated, ...removed]
      this.send(MESSAGE.awareness, (encoder) => encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)))
    })
  }

  /** What the provider sends when its socket opens. */
  open(): void {
    this.send(MESSAGE.sync, (encoder) => syncProtocol.writeSyncStep1(encoder, this.doc))
    if (this.awareness.getLocalState() !== null) {
      this.send(MESSAGE.awareness, (encoder) =>
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])),
      )
    }
  }

  /** The `user` field other clients see for `clientId`. */
  userOf(clientId: number): unknown {
    return this.awareness.getStates().get(clientId)?.user
  }

  destroy(): void {
    this.pair.clientClose()
    this.awareness.destroy()
  }

  private send(type: number, writeBody: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, type)
    writeBody(encoder)
    this.pair.clientSend(encoding.toUint8Array(encoder))
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE.sync) {
      const reply = encoding.createEncoder()
      encoding.writeVarUint(reply, MESSAGE.sync)
      const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
      if (step === syncProtocol.messageYjsSyncStep2) this.synced = true
      if (encoding.length(reply) > 1) this.pair.clientSend(encoding.toUint8Array(reply))
    } else if (type === MESSAGE.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    } else if (type === MESSAGE.serverError) {
      this.errors.push(readServerError(decoder))
    } else if (type === MESSAGE.saved) {
      this.saved = readSaved(decoder)
    } else {
      throw new Error(`client received unexpected message type ${type}`)
    }
  }
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** An identity as the upgrade would resolve it; override what the test cares about. */
export function identity(overrides: Partial<ConnectionIdentity> & { userId: string; role: Role }): ConnectionIdentity {
  return {
    workspaceId: 'w1',
    docName: 'plan',
    name: `User ${overrides.userId}`,
    color: colorForId(overrides.userId),
    partnerId: null,
    partnerName: null,
    locale: 'fr',
    ...overrides,
  }
}

/** Memory clients connected to one RoomRegistry, and a way to let everything settle. */
export class MemoryNetwork {
  readonly clients: MemoryClient[] = []

  constructor(readonly rooms: RoomRegistry) {}

  /** Connects a client as `who` (its frames wait for the next flush). */
  connect(who: ConnectionIdentity, doc?: Y.Doc): MemoryClient {
    const pair = new MemorySocketPair()
    const connection = this.rooms.connect(pair.serverSocket, who, { extensions: true })
    pair.onServerFrame = (frame) => connection.receive(frame)
    pair.onServerClosed = () => connection.socketClosed()
    const client = new MemoryClient(pair, connection, doc)
    client.open()
    this.clients.push(client)
    return client
  }

  /** Delivers frames once in both directions, without waiting for the rooms' queues. */
  flush(): number {
    return this.clients.reduce((sum, client) => sum + client.pair.flush(), 0)
  }

  /** Flushes and lets the rooms work until nothing moves any more. */
  async settle(): Promise<void> {
    for (;;) {
      this.flush()
      await this.rooms.whenIdle()
      if (this.clients.every((client) => client.pair.queued === 0)) return
    }
  }
}
