import type { Kysely } from 'kysely'
import { betterAuth } from 'better-auth'
import { getMigrations } from 'better-auth/db'
import type { SqlDialect } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import { acceptInvitations } from '../domain/members.ts'
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
 * Passwords are hashed (scrypt); sign-in and sign-up are rate-limited per client address.
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
        '/sign-in/email': { window: options.rateLimit.windowSeconds, max: options.rateLimit.signInMax },
        '/sign-up/email': { window: options.rateLimit.windowSeconds, max: options.rateLimit.signUpMax },
      },
    },
    advanced: {
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
    },
    telemetry: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await acceptInvitations(options.db, user.id, user.email)
          },
        },
      },
    },
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
