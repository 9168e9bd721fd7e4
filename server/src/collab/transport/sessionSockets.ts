import { CLOSE } from '@ensemble/shared'
import type { Connection } from '../connection.ts'

/**
 * Which open connections were authorized through which session (the ticket remembers the session
 * that asked for it). Signing out ends the session's sockets at once, not when they next reconnect.
 */
export class SessionSockets {
  private readonly bySession = new Map<string, Set<Connection>>()

  /** Tracks `connection` under `sessionId` until `untrack` is called (when its socket closes). */
  track(sessionId: string, connection: Connection): () => void {
    let connections = this.bySession.get(sessionId)
    if (!connections) this.bySession.set(sessionId, (connections = new Set()))
    connections.add(connection)
    return () => {
      connections.delete(connection)
      if (connections.size === 0 && this.bySession.get(sessionId) === connections) this.bySession.delete(sessionId)
    }
  }

  /** The session ended (sign-out): its connections close with 4403, like a lost membership. */
  revoke(sessionId: string): number {
    const connections = this.bySession.get(sessionId)
    this.bySession.delete(sessionId)
    if (!connections) return 0
    for (const connection of connections) connection.close(CLOSE.accessRevoked)
    return connections.size
  }
}
