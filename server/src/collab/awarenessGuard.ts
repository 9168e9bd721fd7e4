import { AWARENESS_USER_FIELD, knownPresenceFields, type AwarenessUser } from '@ensemble/shared'
import type { AwarenessEntry } from './protocol.ts'
import type { ConnectionIdentity } from './socket.ts'

/** A connection normally introduces one awareness client (its Y.Doc); a few more are tolerated. */
export const MAX_AWARENESS_CLIENTS_PER_CONNECTION = 8

/** The `user` field of presence, always from the authenticated identity, never from the client. */
export function awarenessUser(identity: ConnectionIdentity): AwarenessUser {
  return { id: identity.userId, name: identity.name, color: identity.color, partner: identity.partnerName }
}

/**
 * The state relayed for a client: only the fields the web client sends, each of its shape
 * (`knownPresenceFields`, LIM7), and the authenticated identity, whatever the client put there.
 */
export function stampIdentity(state: Record<string, unknown>, identity: ConnectionIdentity): Record<string, unknown> {
  return { ...knownPresenceFields(state), [AWARENESS_USER_FIELD]: awarenessUser(identity) }
}

/** A connection as presence sees it: who it is, and the awareness client ids it introduced. */
export interface PresenceConnection {
  readonly identity: ConnectionIdentity
  /** The only client ids it may update or remove; filled and emptied by the guard. */
  readonly awarenessClientIds: Set<number>
}

/**
 * Which connection owns which awareness client id in a room. A connection may set or remove only
 * the client ids it introduced itself, so nobody can hide or impersonate someone else's presence.
 */
export class AwarenessGuard {
  private readonly owners = new Map<number, PresenceConnection>()

  /**
   * `serverClientId` is the room's own awareness id, which no client may touch. `clockOf` gives the
   * last clock the room applied for a client id (y-protocols keeps it after a removal).
   */
  constructor(
    private readonly serverClientId: number,
    private readonly clockOf: (clientId: number) => number | undefined = () => undefined,
  ) {}

  /**
   * Keeps the entries `connection` may apply, claiming client ids nobody owns yet, and stamps its
   * identity on every state it keeps.
   */
  admit(connection: PresenceConnection, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    const admitted: AwarenessEntry[] = []
    for (const entry of entries) {
      if (entry.clientId === this.serverClientId) continue
      // Stale entries change nothing (y-protocols would ignore them). Stock providers echo every
      // presence they receive: such an echo must neither claim a client id its owner just released
      // nor count against the echoing connection's rate limit.
      if (this.isStale(entry.clientId, entry.clock, entry.state === null)) continue
      const owner = this.owners.get(entry.clientId)
      if (owner !== undefined && owner !== connection) continue
      if (owner === undefined) {
        // Removing a client nobody owns is either a no-op or someone else's business.
        if (entry.state === null) continue
        if (connection.awarenessClientIds.size >= MAX_AWARENESS_CLIENTS_PER_CONNECTION) continue
        this.owners.set(entry.clientId, connection)
        connection.awarenessClientIds.add(entry.clientId)
      }
      admitted.push(entry.state === null ? entry : { ...entry, state: stampIdentity(entry.state, connection.identity) })
    }
    return admitted
  }

  /** An entry older than what the room applied (or a repeat of it) changes nothing. */
  isStale(clientId: number, clock: number, removal: boolean): boolean {
    const known = this.clockOf(clientId)
    return known !== undefined && (clock < known || (clock === known && !removal))
  }

  /** Forgets what `connection` owned (it left) and returns those client ids. */
  release(connection: PresenceConnection): number[] {
    const released = [...connection.awarenessClientIds]
    for (const clientId of released) if (this.owners.get(clientId) === connection) this.owners.delete(clientId)
    connection.awarenessClientIds.clear()
    return released
  }
}
