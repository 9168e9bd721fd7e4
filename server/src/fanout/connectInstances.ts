import { Redis } from 'ioredis'
import { RedisTicketStore, TicketStore, type TicketStorage } from '../auth/tickets.ts'
import type { Logger } from '../logger.ts'
import type { FanOut } from './fanOut.ts'
import { InProcessFanOut } from './inProcessFanOut.ts'
import { RedisFanOut, redisRetryStrategy } from './redisFanOut.ts'

/**
 * With REDIS_URL: fan-out between instances and tickets in Redis. Without: an in-process fan-out
 * nobody else listens to, and tickets in memory (one instance).
 */
export async function connectInstances(
  redisUrl: string | null,
  logger: Logger,
  now: () => number = Date.now,
): Promise<{ fanOut: FanOut; tickets: TicketStorage }> {
  if (!redisUrl) return { fanOut: new InProcessFanOut(undefined, logger), tickets: new TicketStore(undefined, now) }
  const fanOut = await RedisFanOut.connect(redisUrl, { logger })
  // Its own connection, failing fast when Redis is away: an upgrade or a ticket request then errs
  // instead of waiting for Redis.
  const redis = new Redis(redisUrl, {
    retryStrategy: redisRetryStrategy,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    connectionName: `ensemble-tickets-${fanOut.instanceId}`,
  })
  redis.on('error', () => {})
  try {
    await redis.connect()
  } catch (err) {
    redis.disconnect()
    await fanOut.close()
    throw err
  }
  logger.info({ instanceId: fanOut.instanceId }, 'multi-instance mode: fan-out and tickets in Redis')
  return { fanOut, tickets: new RedisTicketStore(redis, undefined, undefined, now) }
}
