import type { CollabLogger } from '../collab/logger.ts'
import { silentLogger } from '../collab/logger.ts'
import { HandlerSets, newInstanceId, type FanOut, type FanOutHandler, type FanOutMessage } from './fanOut.ts'

/**
 * Connects in-process fan-outs: what one publishes reaches the others attached to the same hub.
 * A server without REDIS_URL has a hub of its own (nobody to reach: fan-out is a no-op); tests
 * attach several fan-outs to one hub to play several instances.
 */
export class InProcessHub {
  readonly members = new Set<InProcessFanOut>()
}

export class InProcessFanOut implements FanOut {
  readonly instanceId = newInstanceId()
  private readonly handlers = new HandlerSets()
  private closed = false

  constructor(
    private readonly hub: InProcessHub = new InProcessHub(),
    private readonly logger: CollabLogger = silentLogger,
  ) {
    hub.members.add(this)
  }

  get alone(): boolean {
    return this.hub.members.size < 2
  }

  async publish(channel: string, message: Omit<FanOutMessage, 'instanceId'>): Promise<void> {
    // Alone on the hub (a single instance without Redis): nobody to tell.
    if (this.closed || this.hub.members.size < 2) return
    const full: FanOutMessage = { ...message, instanceId: this.instanceId, data: new Uint8Array(message.data) }
    // Delivered asynchronously, like a network transport, but in publish order.
    queueMicrotask(() => {
      for (const member of this.hub.members) if (member !== this) member.deliver(channel, full)
    })
  }

  async subscribe(channel: string, handler: FanOutHandler): Promise<void> {
    if (!this.closed) this.handlers.add(channel, handler)
  }

  async unsubscribe(channel: string, handler: FanOutHandler): Promise<void> {
    this.handlers.delete(channel, handler)
  }

  /** An in-process hub never disconnects. */
  onReconnect(_handler: () => void): () => void {
    return () => {}
  }

  async close(): Promise<void> {
    this.closed = true
    this.handlers.clear()
    this.hub.members.delete(this)
  }

  private deliver(channel: string, message: FanOutMessage): void {
    if (this.closed) return
    this.handlers.deliver(channel, message, (err) => this.logger.error({ err, channel }, 'fan-out handler failed'))
  }
}
