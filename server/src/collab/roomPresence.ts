import { AWARENESS_USER_FIELD } from '@ensemble/shared'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { DocKey } from '../storage/docStore.ts'
import { AwarenessGuard, stampIdentity, type PresenceConnection } from './awarenessGuard.ts'
import type { ClientOwners } from './clientOwners.ts'
import type { CollabLogger } from './logger.ts'
import { PEER_INSTANCE_ORIGIN, type ConnectionOrigin } from './origins.ts'
import { decodeAwarenessUpdate, encodeAwarenessStates, encodeAwarenessUpdate } from './protocol.ts'
import type { FrameKind } from './rateLimit.ts'

/** A connection of the room, as its presence sees it. */
export interface PresenceMember extends PresenceConnection {
  /** The origin of the presence changes it makes (and of its edits). */
  readonly origin: ConnectionOrigin
  /** Throws (closing the connection with 4429) when `kind`'s token bucket is empty. */
  admit(kind: FrameKind): void
}

/**
 * The presence (awareness) of the people in one room: who is there, their caret and selection. It is
 * never stored. The server has no presence of its own; each state carries the identity the server
 * authenticated, whatever the client claimed, and a connection changes only the states it introduced
 * (awarenessGuard.ts). Every change goes to every connection, the sender's included (it sees its
 * stamped identity), and to the other instances holding the document.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly guard: AwarenessGuard

  constructor(
    doc: Y.Doc,
    private readonly key: DocKey,
    private readonly clientOwners: ClientOwners,
    private readonly logger: CollabLogger,
    /** Sends a frame to every connection of the room. */
    private readonly relay: (frame: Uint8Array) => void,
    /** Publishes a presence update to the other instances (absent on one instance). */
    private readonly publish?: (update: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
    this.guard = new AwarenessGuard(this.awareness.clientID, (clientId) => this.awareness.meta.get(clientId)?.clock)
  }

  /** Every present state as one awareness frame (for a joiner, or a query-awareness message); null when nobody is there. */
  statesFrame(): Uint8Array | null {
    const present = [...this.awareness.getStates().keys()]
    return present.length > 0 ? encodeAwarenessStates(this.awareness, present) : null
  }

  /** Every present state as an awareness update, for an instance that just opened the document; null when none. */
  statesUpdate(): Uint8Array | null {
    const present = [...this.awareness.getStates().keys()]
    return present.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, present) : null
  }

  /** A client's awareness update: only its own client ids, with its authenticated identity. */
  receive(connection: PresenceMember, update: Uint8Array): void {
    const admitted = this.guard.admit(connection, decodeAwarenessUpdate(update, this.isStale))
    if (admitted.length > 0) {
      // Only the client's own presence is charged: stock providers echo everyone else's back.
      connection.admit('awareness')
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(admitted), connection.origin)
    }
  }

  /** Presence of another instance's connections (already checked and stamped there). */
  receiveFromPeer(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER_INSTANCE_ORIGIN)
    } catch (err) {
      this.logger.warn({ err, ...this.key }, 'bad awareness from a peer instance ignored')
    }
  }

  /** The member's identity changed (name, partner, role): restamp their presence. */
  identityChanged(connection: PresenceMember): void {
    const states = this.awareness.getStates()
    const entries = [...connection.awarenessClientIds]
      .filter((clientId) => states.has(clientId))
      .map((clientId) => ({
        clientId,
        clock: (this.awareness.meta.get(clientId)?.clock ?? 0) + 1,
        state: stampIdentity(states.get(clientId)!, connection.identity),
      }))
    if (entries.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(entries), connection.origin)
    }
  }

  /** The connection left: its presence goes away for everyone else. */
  remove(connection: PresenceMember): void {
    const released = this.guard.release(connection).filter((clientId) => this.awareness.getStates().has(clientId))
    if (released.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, released, connection.origin)
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private readonly isStale = (clientId: number, clock: number, removal: boolean): boolean => this.guard.isStale(clientId, clock, removal)

  /**
   * Presence changes go to every connection, the sender's included. A client id seen in someone's
   * presence (stamped with their identity here or on the instance they are connected to) is claimed
   * for them (HOST1).
   */
  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    for (const clientId of [...added, ...updated]) {
      const user = this.awareness.getStates().get(clientId)?.[AWARENESS_USER_FIELD] as { id?: unknown } | undefined
      if (typeof user?.id === 'string') this.clientOwners.reserve(clientId, user.id, origin !== PEER_INSTANCE_ORIGIN)
    }
    this.relay(encodeAwarenessStates(this.awareness, changed))
    if (origin !== PEER_INSTANCE_ORIGIN && this.publish) this.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
  }
}
