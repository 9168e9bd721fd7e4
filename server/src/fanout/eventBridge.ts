import type { CollabLogger } from '../collab/logger.ts'
import { silentLogger } from '../collab/logger.ts'
import { type FanOut, type FanOutMessage, newStreamId } from './fanOut.ts'

export const EVENTS_CHANNEL = 'workspace-events'

/** A workspace event as the bridge carries it (server/src/domain/comments/events.ts). */
export interface BridgedEvent {
  workspaceId: string
  type: string
  data: unknown
  userId?: string
  fromPeer?: boolean
  localOnly?: boolean
}

/** The bus the bridge connects (WorkspaceEventBus). */
export interface BridgedBus {
  subscribeAll(listener: (event: BridgedEvent) => void): () => void
  publish(event: BridgedEvent): void
}

/**
 * Live workspace events (comments, inbox counts) across instances: every event published on this
 * instance's bus goes out on the fan-out, and events from other instances are published here marked
 * `fromPeer`, so they reach this instance's `/events` listeners and are never sent back out. Like
 * the rest of the fan-out it is best effort: a stream that missed an event catches up by re-reading.
 */
export class EventBridge {
  private readonly stream = newStreamId()
  private seq = 0
  private readonly unsubscribeBus: () => void

  private constructor(
    private readonly fanOut: FanOut,
    private readonly bus: BridgedBus,
    private readonly logger: CollabLogger,
  ) {
    this.unsubscribeBus = bus.subscribeAll((event) => this.send(event))
  }

  static async open(fanOut: FanOut, bus: BridgedBus, logger: CollabLogger = silentLogger): Promise<EventBridge> {
    const bridge = new EventBridge(fanOut, bus, logger)
    await fanOut.subscribe(EVENTS_CHANNEL, bridge.receive)
    return bridge
  }

  async close(): Promise<void> {
    this.unsubscribeBus()
    await this.fanOut.unsubscribe(EVENTS_CHANNEL, this.receive)
  }

  private send(event: BridgedEvent): void {
    if (event.fromPeer || event.localOnly) return
    const { workspaceId, type, data, userId } = event
    const bytes = new TextEncoder().encode(JSON.stringify({ workspaceId, type, data, ...(userId !== undefined ? { userId } : {}) }))
    this.fanOut
      .publish(EVENTS_CHANNEL, { stream: this.stream, seq: ++this.seq, kind: 'event', data: bytes })
      .catch((err: unknown) => this.logger.warn({ err, type }, 'workspace event not published'))
  }

  private readonly receive = (message: FanOutMessage): void => {
    let event: Partial<BridgedEvent>
    try {
      event = JSON.parse(new TextDecoder().decode(message.data)) as Partial<BridgedEvent>
    } catch {
      this.logger.warn({ kind: message.kind }, 'malformed workspace event ignored')
      return
    }
    if (typeof event.workspaceId !== 'string' || typeof event.type !== 'string') return
    if (event.userId !== undefined && typeof event.userId !== 'string') return
    this.bus.publish({
      workspaceId: event.workspaceId,
      type: event.type,
      data: event.data,
      ...(event.userId !== undefined ? { userId: event.userId } : {}),
      fromPeer: true,
    })
  }
}
