import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { LIMITS } from '@ensemble/shared'
import { z } from 'zod'

/** Everything the server reads from its environment, parsed once. See docs/ARCHITECTURE.md §8. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** Origins allowed for websocket upgrades and state-changing REST calls; empty = the server's own origin. */
  allowedOrigins: string[]
  databaseUrl: string | null
  redisUrl: string | null
  seedDemo: boolean
  logLevel: string
  /** Public base URL (for auth callbacks and the default origin); derived from host/port when absent. */
  publicUrl: string | null
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you control). */
  trustProxy: boolean
  authSecret: string
  /** Seals the sign-off audit entries (SIGN12): AUDIT_KEY, or `audit-key` in the data directory; never in the database. */
  auditKey: string
  authRateLimit: { windowSeconds: number; signInMax: number; signInAddressMax: number; signUpMax: number }
  roomIdleMs: number
  /** How long a failing append is retried before its room gives up (STORAGE_RETRY_MS). */
  storageRetryMs: number
  /** Open websockets allowed per member and per process (LIM1); over them an upgrade gets 429 / 503. */
  connectionCaps: { perUser: number; total: number }
  /** Multiplies the per-member REST budgets and caps of LIMITS (LIM2–LIM6); 1 by default. */
  memberLimitsScale: number
  /** Directory of the built client; the server serves it when it exists. */
  clientDir: string
  /** `smtp://…` or `smtps://…` for digests; without it mail goes to the local outbox table. */
  smtpUrl: string | null
  /** Sender of digests. */
  mailFrom: string
  /** How many days an invitation link works (INVITATION_TTL_DAYS, default 7). */
  invitationTtlDays: number
  /** How many minutes a password reset link works (PASSWORD_RESET_TTL_MINUTES, default 60). */
  passwordResetTtlMinutes: number
  /** How often (ms) the digest scheduler looks for due digests. */
  digestTickMs: number
  /** NODE_ENV=production: development routes (the mail outbox page) are off. */
  production: boolean
  /**
   * Document threads and the bounds of history work (LOOP3, LOOP4): HISTORY_THREADS threads,
   * HISTORY_QUEUE jobs waiting at most, HISTORY_JOBS_PER_MEMBER jobs of one member at once.
   */
  history: { threads?: number; queue?: number; perMember?: number }
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().optional(),
  ALLOWED_ORIGINS: z.string().default(''),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SEED_DEMO: z.enum(['0', '1', 'false', 'true']).default('1'),
  LOG_LEVEL: z.string().default('info'),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  AUTH_SECRET: z.string().min(32).optional(),
  AUDIT_KEY: z.string().min(32).optional(),
  AUTH_SIGNIN_MAX: z.coerce.number().int().min(1).default(5),
  AUTH_SIGNIN_ADDRESS_MAX: z.coerce.number().int().min(1).default(30),
  AUTH_SIGNUP_MAX: z.coerce.number().int().min(1).default(10),
  AUTH_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  ROOM_IDLE_MS: z.coerce.number().int().min(0).optional(),
  STORAGE_RETRY_MS: z.coerce.number().int().min(0).optional(),
  WS_MAX_PER_USER: z.coerce.number().int().min(1).default(LIMITS.maxConnectionsPerUser),
  WS_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(LIMITS.maxConnections),
  MEMBER_LIMITS_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
  CLIENT_DIR: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Ensemble <ensemble@localhost>'),
  DIGEST_TICK_MS: z.coerce.number().int().min(10).default(60_000),
  INVITATION_TTL_DAYS: z.coerce.number().min(0.0001).max(90).default(7),
  PASSWORD_RESET_TTL_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(60),
  NODE_ENV: z.string().optional(),
  HISTORY_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  HISTORY_QUEUE: z.coerce.number().int().min(0).optional(),
  HISTORY_JOBS_PER_MEMBER: z.coerce.number().int().min(1).optional(),
})

const here = path.dirname(new URL(import.meta.url).pathname)

/** A secret (auth, audit key) is generated once per data directory, so it survives restarts without setup. */
export function loadOrCreateSecret(dataDir: string, name: 'auth-secret' | 'audit-key'): string {
  const file = path.join(dataDir, name)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const e = parsed.data
  // Default: `data/` at the repository root, whatever directory the server was started from.
  const dataDir = path.resolve(e.DATA_DIR ?? path.join(here, '../../data'))
  mkdirSync(dataDir, { recursive: true })
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    seedDemo: e.SEED_DEMO === '1' || e.SEED_DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    trustProxy: e.TRUST_PROXY === '1',
    authSecret: e.AUTH_SECRET ?? loadOrCreateSecret(dataDir, 'auth-secret'),
    auditKey: e.AUDIT_KEY ?? loadOrCreateSecret(dataDir, 'audit-key'),
    authRateLimit: {
      windowSeconds: e.AUTH_RATE_WINDOW_SECONDS,
      signInMax: e.AUTH_SIGNIN_MAX,
      signInAddressMax: e.AUTH_SIGNIN_ADDRESS_MAX,
      signUpMax: e.AUTH_SIGNUP_MAX,
    },
    roomIdleMs: e.ROOM_IDLE_MS ?? 30_000,
    storageRetryMs: e.STORAGE_RETRY_MS ?? LIMITS.storageRetryMs,
    connectionCaps: { perUser: e.WS_MAX_PER_USER, total: e.WS_MAX_CONNECTIONS },
    memberLimitsScale: e.MEMBER_LIMITS_SCALE,
    clientDir: path.resolve(e.CLIENT_DIR ?? path.join(here, '../../client/dist')),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    digestTickMs: e.DIGEST_TICK_MS,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    passwordResetTtlMinutes: e.PASSWORD_RESET_TTL_MINUTES,
    production: e.NODE_ENV === 'production',
    history: { threads: e.HISTORY_THREADS, queue: e.HISTORY_QUEUE, perMember: e.HISTORY_JOBS_PER_MEMBER },
  }
}
