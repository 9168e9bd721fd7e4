import type { CollabLogger } from '../collab/logger.ts'
import { silentLogger } from '../collab/logger.ts'
import { type FanOut, type FanOutMessage, newStreamId } from './fanOut.ts'

export const CONTROL_CHANNEL = 'control'

export interface ControlHandlers {
  membershipChanged(workspaceId: string, userId: string): void
  workspaceChanged(workspaceId: string): void
  /** A session signed out (on any instance): its sockets close here too. */
  sessionEnded?(sessionId: string): void
  /** Control messages may have been lost in an outage. */
  reconnected?(): void
}

/**
 * Membership and partner changes made through one instance apply to the sockets every instance
 * holds: the instance that changed SQL publishes a control message, the others re-read SQL.
 */
export class ControlChannel {
  private readonly stream = newStreamId()
  private seq = 0
  private stopReconnect: () => void = () => {}

  private constructor(
    private readonly fanOut: FanOut,
    private readonly handlers: ControlHandlers,
    private readonly logger: CollabLogger,
  ) {}

  static async open(fanOut: FanOut, handlers: ControlHandlers, logger: CollabLogger = silentLogger): Promise<ControlChannel> {
    const channel = new ControlChannel(fanOut, handlers, logger)
    await fanOut.subscribe(CONTROL_CHANNEL, channel.handler)
    channel.stopReconnect = fanOut.onReconnect(() => handlers.reconnected?.())
    return channel
  }

  membershipChanged(workspaceId: string, userId: string): void {
    this.publish('membershipChanged', { workspaceId, userId })
  }

  workspaceChanged(workspaceId: string): void {
    this.publish('workspaceChanged', { workspaceId })
  }

  sessionEnded(sessionId: string): void {
    this.publish('sessionEnded', { sessionId })
  }

  async close(): Promise<void> {
    this.stopReconnect()
    await this.fanOut.unsubscribe(CONTROL_CHANNEL, this.handler)
  }

  private publish(kind: string, body: Record<string, string>): void {
    const data = new TextEncoder().encode(JSON.stringify(body))
    this.fanOut
      .publish(CONTROL_CHANNEL, { stream: this.stream, seq: ++this.seq, kind, data })
      .catch((err: unknown) => this.logger.warn({ err, kind }, 'control message not published'))
  }

  private readonly handler = (message: FanOutMessage): void => {
    let body: { workspaceId?: unknown; userId?: unknown; sessionId?: unknown }
    try {
      body = JSON.parse(new TextDecoder().decode(message.data)) as typeof body
    } catch {
      this.logger.warn({ kind: message.kind }, 'malformed control message ignored')
      return
    }
    if (message.kind === 'sessionEnded' && typeof body.sessionId === 'string') return this.handlers.sessionEnded?.(body.sessionId)
    if (typeof body.workspaceId !== 'string') return
    if (message.kind === 'membershipChanged' && typeof body.userId === 'string') this.handlers.membershipChanged(body.workspaceId, body.userId)
    else if (message.kind === 'workspaceChanged') this.handlers.workspaceChanged(body.workspaceId)
  }
}
