import { randomBytes } from 'node:crypto'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Fan-out between server instances (DESIGN §7): what one instance accepted reaches the clients of
 * every other instance holding the same document. Implementations: in-process (one instance, tests)
 * and Redis pub/sub (several instances). Every implementation runs the same contract suite
 * (test/contracts/fanOut.contract.ts).
 *
 * A transport only carries messages; it does not order, store or replay them. Redis drops what is
 * published while a subscriber is disconnected: the sequence numbers (per publisher stream) let
 * receivers notice a gap, and `onReconnect` tells them they may have missed anything;
 * either way they resynchronise from the shared store (see replicator.ts).
 */
export interface FanOutMessage {
  /** The instance that published it (never delivered back to that instance). */
  instanceId: string
  /**
   * Who numbers `seq`: a random id per publisher (one document's link on one instance, the control
   * channel, the event bridge). A new stream starts again at 1, so a publisher keeps no counter
   * once it is gone (a document unloaded and opened again gets a new stream).
   */
  stream: string
  /** 1, 2, 3… within the stream. */
  seq: number
  /** `update` (a stored Yjs update), `awareness`, or a control message (`membershipChanged`, `workspaceChanged`). */
  kind: string
  data: Uint8Array
}

export type FanOutHandler = (message: FanOutMessage) => void

export interface FanOut {
  /** This instance's id, stamped on everything it publishes. */
  readonly instanceId: string
  /** No other instance can be reached (a single instance): nobody else writes to this instance's store. */
  readonly alone: boolean
  /** Sends to every other instance subscribed to `channel`. Resolves once handed to the transport. */
  publish(channel: string, message: Omit<FanOutMessage, 'instanceId'>): Promise<void>
  /** Resolves once messages published on `channel` from now on will reach `handler`. */
  subscribe(channel: string, handler: FanOutHandler): Promise<void>
  unsubscribe(channel: string, handler: FanOutHandler): Promise<void>
  /** Called after the transport came back from an outage (messages may have been lost meanwhile). */
  onReconnect(handler: () => void): () => void
  close(): Promise<void>
}

export const newInstanceId = (): string => randomBytes(9).toString('base64url')

/** A publisher's stream id (see FanOutMessage.stream). */
export const newStreamId = (): string => randomBytes(6).toString('base64url')

export function encodeFanOutMessage(message: FanOutMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, message.instanceId)
  encoding.writeVarString(encoder, message.stream)
  encoding.writeVarUint(encoder, message.seq)
  encoding.writeVarString(encoder, message.kind)
  encoding.writeVarUint8Array(encoder, message.data)
  return encoding.toUint8Array(encoder)
}

export function decodeFanOutMessage(bytes: Uint8Array): FanOutMessage {
  const decoder = decoding.createDecoder(bytes)
  const instanceId = decoding.readVarString(decoder)
  const stream = decoding.readVarString(decoder)
  const seq = decoding.readVarUint(decoder)
  const kind = decoding.readVarString(decoder)
  const data = decoding.readVarUint8Array(decoder)
  return { instanceId, stream, seq, kind, data }
}

/** Handlers per channel, shared by the implementations. */
export class HandlerSets {
  private readonly sets = new Map<string, Set<FanOutHandler>>()

  /** True when this is the channel's first handler. */
  add(channel: string, handler: FanOutHandler): boolean {
    let set = this.sets.get(channel)
    const first = !set
    if (!set) this.sets.set(channel, (set = new Set()))
    set.add(handler)
    return first
  }

  /** True when the channel has no handler left. */
  delete(channel: string, handler: FanOutHandler): boolean {
    const set = this.sets.get(channel)
    if (!set) return false
    set.delete(handler)
    if (set.size > 0) return false
    this.sets.delete(channel)
    return true
  }

  deliver(channel: string, message: FanOutMessage, onError: (err: unknown) => void): void {
    for (const handler of [...(this.sets.get(channel) ?? [])]) {
      try {
        handler(message)
      } catch (err) {
        onError(err)
      }
    }
  }

  channels(): string[] {
    return [...this.sets.keys()]
  }

  clear(): void {
    this.sets.clear()
  }
}
