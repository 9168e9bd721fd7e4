import { LIMITS } from '@ensemble/shared'

export interface ConnectionCapLimits {
  /** Open websockets one member may hold on this process (all workspaces and documents). */
  perUser: number
  /** Open websockets this process serves in total. */
  total: number
}

export const DEFAULT_CONNECTION_CAPS: ConnectionCapLimits = { perUser: LIMITS.maxConnectionsPerUser, total: LIMITS.maxConnections }

/** Why a connection was not admitted: the member's own cap (429) or the process's (503). */
export type CapRefusal = 'user' | 'process'

/**
 * Counts open websockets per member and per process. A slot is taken before the 101 and given back
 * exactly once when the socket closes, so a refused or failed upgrade never leaks one.
 */
export class ConnectionCaps {
  private readonly perUser = new Map<string, number>()
  private total = 0

  constructor(private readonly limits: ConnectionCapLimits = DEFAULT_CONNECTION_CAPS) {}

  /** Takes a slot for `userId`: returns its release function, or why it is refused. */
  acquire(userId: string): { release: () => void } | { refused: CapRefusal } {
    if (this.total >= this.limits.total) return { refused: 'process' }
    const mine = this.perUser.get(userId) ?? 0
    if (mine >= this.limits.perUser) return { refused: 'user' }
    this.total++
    this.perUser.set(userId, mine + 1)
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        this.total--
        const left = (this.perUser.get(userId) ?? 1) - 1
        if (left > 0) this.perUser.set(userId, left)
        else this.perUser.delete(userId)
      },
    }
  }

  get open(): number {
    return this.total
  }
}
