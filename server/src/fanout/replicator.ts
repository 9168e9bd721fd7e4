import type { CollabLogger } from '../collab/logger.ts'
import { silentLogger } from '../collab/logger.ts'
import type { DocKey } from '../storage/docStore.ts'
import { type FanOut, type FanOutMessage, newStreamId } from './fanOut.ts'

/** What a loaded room offers to the replicator. */
export interface ReplicaTarget {
  /** An update another instance accepted and stored: apply (origin peer-instance), broadcast, never store. */
  applyPeerUpdate(update: Uint8Array): void
  /** Presence from another instance's connections. */
  applyPeerAwareness(update: Uint8Array): void
  /** Every presence state the room holds (to answer an instance that just opened the document), or null. */
  awarenessStates(): Uint8Array | null
  /** Something may have been missed: load the stored document, merge it, broadcast the difference. */
  resyncFromStore(): void
}

export const docChannel = (key: DocKey): string => `doc:${key.workspaceId}:${key.docName}`

/**
 * Keeps the rooms of this instance in step with the same documents on other instances, over a
 * fan-out. Each document's link numbers what it publishes (1, 2, 3…, in a stream of its own); a
 * receiver that sees a number jump, or whose transport reconnected, resynchronises the room from the
 * shared store. So an
 * outage delays edits but never loses them: every published update was stored first.
 */
export class Replicator {
  private readonly links = new Set<ReplicaLink>()
  private readonly stopReconnect: () => void

  constructor(
    readonly fanOut: FanOut,
    private readonly logger: CollabLogger = silentLogger,
  ) {
    this.stopReconnect = fanOut.onReconnect(() => {
      for (const link of this.links) link.requestResync()
    })
  }

  /**
   * Subscribes to a document before it is loaded: what arrives meanwhile is kept and applied by
   * `attach`, so nothing published between the store load and the subscription is missed.
   */
  async join(key: DocKey): Promise<ReplicaLink> {
    const link = new ReplicaLink(this, key, this.logger)
    this.links.add(link)
    try {
      await this.fanOut.subscribe(link.channel, link.handler)
    } catch (err) {
      this.links.delete(link)
      throw err
    }
    return link
  }

  /** @internal */
  async remove(link: ReplicaLink): Promise<void> {
    this.links.delete(link)
    try {
      await this.fanOut.unsubscribe(link.channel, link.handler)
    } catch (err) {
      this.logger.warn({ err, channel: link.channel }, 'fan-out unsubscribe failed')
    }
  }

  close(): void {
    this.stopReconnect()
    this.links.clear()
  }
}

export class ReplicaLink {
  readonly channel: string
  private target: ReplicaTarget | null = null
  private buffer: FanOutMessage[] = []
  private resyncWanted = false
  private left = false
  /** This link's stream: what it publishes is numbered 1, 2, 3… and the count goes with the link. */
  private readonly stream = newStreamId()
  private sent = 0
  /** The current stream of each other instance on this document, and the last number seen in it. */
  private readonly lastSeen = new Map<string, { stream: string; seq: number }>()

  constructor(
    private readonly replicator: Replicator,
    readonly key: DocKey,
    private readonly logger: CollabLogger,
  ) {
    this.channel = docChannel(key)
  }

  readonly handler = (message: FanOutMessage): void => {
    if (this.left) return
    if (this.target === null) this.buffer.push(message)
    else this.receive(this.target, message)
  }

  /** The room is loaded: apply what arrived while it was loading, then everything as it comes. */
  attach(target: ReplicaTarget): void {
    this.target = target
    const buffered = this.buffer
    this.buffer = []
    for (const message of buffered) this.receive(target, message)
    if (this.resyncWanted) this.requestResync()
    // Presence is not stored: ask the instances already holding the document for theirs.
    this.publish('awarenessQuery', new Uint8Array())
  }

  /** Other instances may write this document's store (see RoomPeers.shared). */
  get shared(): boolean {
    return !this.replicator.fanOut.alone
  }

  publishUpdate(update: Uint8Array): void {
    this.publish('update', update)
  }

  publishAwareness(update: Uint8Array): void {
    this.publish('awareness', update)
  }

  requestResync(): void {
    if (this.left) return
    if (this.target === null) {
      this.resyncWanted = true
      return
    }
    this.resyncWanted = false
    this.target.resyncFromStore()
  }

  async leave(): Promise<void> {
    if (this.left) return
    this.left = true
    this.target = null
    this.buffer = []
    await this.replicator.remove(this)
  }

  private publish(kind: 'update' | 'awareness' | 'awarenessQuery', data: Uint8Array): void {
    if (this.left) return
    this.replicator.fanOut.publish(this.channel, { stream: this.stream, seq: ++this.sent, kind, data }).catch((err: unknown) => {
      // Receivers notice the missing number with the next message, or resync when Redis is back.
      this.logger.warn({ err, ...this.key }, 'fan-out publish failed')
    })
  }

  private receive(target: ReplicaTarget, message: FanOutMessage): void {
    const last = this.lastSeen.get(message.instanceId)
    // The first stream heard from an instance may be under way: what came before is in the store,
    // loaded after subscribing. A later stream (that instance opened the document again) was heard
    // from its start, so it must begin at 1.
    const expected = last === undefined ? message.seq : last.stream === message.stream ? last.seq + 1 : 1
    if (last === undefined || last.stream !== message.stream || message.seq > last.seq)
      this.lastSeen.set(message.instanceId, { stream: message.stream, seq: message.seq })
    const gap = message.seq > expected
    if (message.kind === 'update') target.applyPeerUpdate(message.data)
    else if (message.kind === 'awareness') target.applyPeerAwareness(message.data)
    else if (message.kind === 'awarenessQuery') {
      const states = target.awarenessStates()
      if (states) this.publishAwareness(states)
    }
    if (gap) {
      this.logger.warn({ ...this.key, from: message.instanceId, expected, got: message.seq }, 'fan-out gap: resynchronising from the store')
      this.requestResync()
    }
  }
}
