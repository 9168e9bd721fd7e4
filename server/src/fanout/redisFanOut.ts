import { Redis, type RedisOptions } from 'ioredis'
import type { CollabLogger } from '../collab/logger.ts'
import { silentLogger } from '../collab/logger.ts'
import { decodeFanOutMessage, encodeFanOutMessage, HandlerSets, newInstanceId, type FanOut, type FanOutHandler, type FanOutMessage } from './fanOut.ts'

export interface RedisFanOutOptions {
  logger?: CollabLogger
  /** Prefix of every channel name (default `ensemble:`). */
  prefix?: string
  /** How long `connect` waits for Redis at start. */
  connectTimeoutMs?: number
}

/** Reconnects every 100 ms, backing off to 1 s, forever: an outage delays fan-out, it does not end it. */
export const redisRetryStrategy = (times: number): number => Math.min(times * 100, 1000)

/**
 * Redis pub/sub fan-out: one connection publishes, one subscribes (a subscribed Redis connection
 * can do nothing else). Messages are binary (fanOut.ts's encoding) on `<prefix>doc:<channel>`.
 *
 * Redis does not keep what it cannot deliver: while the subscriber is disconnected, messages are
 * lost. When it is back (ioredis resubscribes by itself) the `onReconnect` handlers run, and the
 * rooms resynchronise from the store. Publications made while the publisher is disconnected wait in
 * ioredis's offline queue and go out on reconnection.
 */
export class RedisFanOut implements FanOut {
  readonly instanceId = newInstanceId()
  /** Other instances may share the store behind Redis, whether or not any is up right now. */
  readonly alone = false
  private readonly handlers = new HandlerSets()
  private readonly reconnectHandlers = new Set<() => void>()
  private readonly prefix: string
  private readonly logger: CollabLogger
  private readonly pub: Redis
  private readonly sub: Redis
  private subscriberWasReady = false
  private subscriberLost = false
  private closed = false
  private lastErrorLog = 0

  private constructor(url: string, options: RedisFanOutOptions) {
    this.logger = options.logger ?? silentLogger
    this.prefix = options.prefix ?? 'ensemble:'
    const common: RedisOptions = { retryStrategy: redisRetryStrategy, maxRetriesPerRequest: null, lazyConnect: true }
    this.pub = new Redis(url, { ...common, connectionName: `ensemble-pub-${this.instanceId}` })
    this.sub = new Redis(url, { ...common, autoResubscribe: true, connectionName: `ensemble-sub-${this.instanceId}` })
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (err: unknown) => this.logError(err, name))
    }
    this.sub.on('messageBuffer', (channel: Buffer, payload: Buffer) => this.receive(channel.toString(), payload))
    this.sub.on('close', () => {
      if (this.subscriberWasReady && !this.closed) {
        if (!this.subscriberLost) this.logger.warn({ instanceId: this.instanceId }, 'Redis subscriber disconnected: fan-out paused')
        this.subscriberLost = true
      }
    })
    this.sub.on('ready', () => {
      const lost = this.subscriberLost
      this.subscriberWasReady = true
      this.subscriberLost = false
      if (!lost || this.closed) return
      this.logger.warn({ instanceId: this.instanceId }, 'Redis subscriber reconnected: resynchronising rooms')
      for (const handler of [...this.reconnectHandlers]) {
        try {
          handler()
        } catch (err) {
          this.logger.error({ err }, 'fan-out reconnect handler failed')
        }
      }
    })
  }

  /** Connects both connections; fails if Redis does not answer within `connectTimeoutMs`. */
  static async connect(url: string, options: RedisFanOutOptions = {}): Promise<RedisFanOut> {
    const fanOut = new RedisFanOut(url, options)
    const timeoutMs = options.connectTimeoutMs ?? 10_000
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      await Promise.race([
        Promise.all([fanOut.pub.connect(), fanOut.sub.connect()]),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis not reachable within ${timeoutMs} ms`)), timeoutMs)
        }),
      ])
    } catch (err) {
      await fanOut.close()
      throw err
    } finally {
      clearTimeout(timer)
    }
    return fanOut
  }

  async publish(channel: string, message: Omit<FanOutMessage, 'instanceId'>): Promise<void> {
    if (this.closed) return
    const payload = encodeFanOutMessage({ ...message, instanceId: this.instanceId })
    await this.pub.publish(this.prefix + channel, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength))
  }

  async subscribe(channel: string, handler: FanOutHandler): Promise<void> {
    if (this.closed) return
    if (!this.handlers.add(channel, handler)) return
    const subscribed = this.sub.subscribe(this.prefix + channel)
    if (this.sub.status === 'ready') {
      await subscribed
    } else {
      // Redis is away: the subscription goes out on reconnection, and the reconnect handlers then
      // resynchronise whatever was loaded meanwhile. Do not hold the caller until then.
      subscribed.catch((err: unknown) => this.logError(err, 'subscriber'))
    }
  }

  async unsubscribe(channel: string, handler: FanOutHandler): Promise<void> {
    if (!this.handlers.delete(channel, handler) || this.closed) return
    const done = this.sub.unsubscribe(this.prefix + channel)
    if (this.sub.status === 'ready') await done
    else done.catch(() => {})
  }

  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler)
    return () => this.reconnectHandlers.delete(handler)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.handlers.clear()
    this.reconnectHandlers.clear()
    await Promise.all([this.pub, this.sub].map((client) => quit(client)))
  }

  private receive(fullChannel: string, payload: Buffer): void {
    if (this.closed || !fullChannel.startsWith(this.prefix)) return
    let message: FanOutMessage
    try {
      message = decodeFanOutMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength))
    } catch (err) {
      this.logger.error({ err, channel: fullChannel }, 'undecodable fan-out message ignored')
      return
    }
    if (message.instanceId === this.instanceId) return
    const channel = fullChannel.slice(this.prefix.length)
    this.handlers.deliver(channel, message, (err) => this.logger.error({ err, channel }, 'fan-out handler failed'))
  }

  /** At most one error line per second: a Redis outage retries ten times a second. */
  private logError(err: unknown, connection: string): void {
    const now = Date.now()
    if (this.closed || now - this.lastErrorLog < 1000) return
    this.lastErrorLog = now
    this.logger.warn({ error: err instanceof Error ? err.message : String(err), connection, instanceId: this.instanceId }, 'Redis connection error')
  }
}

/** Ends a connection: politely (pending replies first) when it is up, at once when it is not. */
async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())
    await Promise.race([
      client.quit().then(
        () => undefined,
        () => undefined,
      ),
      timeout,
    ])
  }
  client.disconnect()
}
