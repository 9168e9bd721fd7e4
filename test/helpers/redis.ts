import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'
import { describe } from 'vitest'
import { waitFor } from './waitFor.ts'

/**
 * Redis for integration tests, like test/helpers/postgres.ts: the shared Redis is TEST_REDIS_URL or
 * redis://127.0.0.1:6379. When it does not answer, Redis tests are skipped with a warning — except
 * under CI=true, where they fail. Outage tests start their own `redis-server` (startRedisServer) on
 * a free port and stop it at will; never the shared one.
 */
const SHARED_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const isCi = process.env.CI === 'true' || process.env.CI === '1'

/** Sends PING over a raw socket (the test package does not depend on a Redis client). */
export function pingRedis(url: string, timeoutMs = 1000): Promise<string | null> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname || '127.0.0.1', port: Number(port || 6379) })
    let answer = ''
    const done = (reason: string | null) => {
      socket.destroy()
      resolve(reason)
    }
    socket.setTimeout(timeoutMs, () => done('timeout'))
    socket.on('error', (err) => done(err.message))
    socket.on('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      answer += chunk.toString()
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG') ? null : `unexpected answer ${answer.trim()}`)
    })
  })
}

const sharedReason = await pingRedis(SHARED_URL)
const redisServerBinary = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0

if (sharedReason !== null || !redisServerBinary) {
  const banner = [
    '',
    '='.repeat(78),
    sharedReason !== null ? `Redis not reachable at ${SHARED_URL} (${sharedReason}) — skipping Redis tests.` : '',
    !redisServerBinary ? 'No `redis-server` binary on PATH — skipping Redis outage tests.' : '',
    'Set TEST_REDIS_URL, or install Redis, to run them.',
    '='.repeat(78),
    '',
  ]
    .filter(Boolean)
    .join('\n')
  if (isCi) throw new Error(`${banner}\nCI=true: Redis tests must run in CI, failing instead of skipping.`)
  console.warn(banner)
}

/** The shared Redis URL, or null when Redis tests are skipped. */
export const redisUrl: string | null = sharedReason === null ? SHARED_URL : null
export const redisAvailable = redisUrl !== null

/** `describe`, skipped (after the warning above) when Redis is not reachable outside CI. */
export const describeRedis = describe.skipIf(!redisAvailable)
/** `describe` for tests that start their own redis-server. */
export const describeRedisServer = describe.skipIf(!redisServerBinary)

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface OwnRedis {
  url: string
  port: number
  readonly running: boolean
  /** Stops the server (SIGKILL by default: an outage, not a goodbye). */
  stop(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port (empty: it keeps nothing). */
  start(): Promise<void>
  close(): Promise<void>
}

/** A private redis-server on a free port, without persistence, to stop and restart during a test. */
export async function startRedisServer(): Promise<OwnRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  const start = async () => {
    if (child) return
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    child = proc
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    void exited.then(() => {
      if (child === proc) child = null
    })
    await waitFor(async () => (await pingRedis(url, 200)) === null, { timeoutMs: 10_000, message: `redis-server on ${port}` })
  }
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = child
    if (!proc) return
    proc.kill(signal)
    await exited
    child = null
  }
  await start()
  return {
    url,
    port,
    get running() {
      return child !== null
    },
    stop,
    start,
    close: () => stop('SIGTERM'),
  }
}
