import type { Kysely } from 'kysely'
import { betterAuth } from 'better-auth'
import { getMigrations } from 'better-auth/db'
import type { SqlDialect } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import type { Logger } from '../logger.ts'

/** Header the server sets from the socket's address; better-auth keys its rate limits on it. */
export const CLIENT_IP_HEADER = 'x-ensemble-client-ip'

export interface AuthOptions {
  db: Kysely<Database>
  dialect: SqlDialect
  secret: string
  baseURL: string
  trustedOrigins: string[]
  rateLimit: { windowSeconds: number; signInMax: number; signUpMax: number }
  logger: Logger
}

/**
 * Accounts and sessions through better-auth, in the same database as everything else.
 * Passwords are hashed (scrypt); sign-up and password changes are rate-limited per client
 * address; sign-in per account and per address (auth/signInRates.ts, EDGE4). Which endpoints answer, and what they accept, is decided in front of it (http/authGateway.ts).
 * Signing up joins no alliance: invitations are accepted through their link (ACCT4).
 */
export function createAuth(options: AuthOptions) {
  const secure = options.baseURL.startsWith('https://')
  return betterAuth({
    appName: 'Ensemble',
    basePath: '/api/auth',
    baseURL: options.baseURL,
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: { db: options.db, type: options.dialect },
    emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, defaultValue: 'fr', input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'memory',
      window: options.rateLimit.windowSeconds,
      max: 300,
      customRules: {
        // Sign-in is counted per account and per address in front of better-auth (auth/signInRates.ts).
        '/sign-in/email': false,
        '/sign-up/email': { window: options.rateLimit.windowSeconds, max: options.rateLimit.signUpMax },
        // The current password is guessed here too: the sign-in limit applies.
        '/change-password': { window: options.rateLimit.windowSeconds, max: options.rateLimit.signInMax },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
    },
    telemetry: { enabled: false },
    logger: {
      log: (level, message, ...args) => options.logger[level]({ args }, `auth: ${message}`),
    },
  })
}

export type Auth = ReturnType<typeof createAuth>

/** Creates or updates better-auth's own tables (user, session, account, verification). */
export async function migrateAuth(auth: Auth): Promise<void> {
  const { runMigrations } = await getMigrations(auth.options)
  await runMigrations()
}
