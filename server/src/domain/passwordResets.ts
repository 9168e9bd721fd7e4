import { createHmac, randomBytes } from 'node:crypto'
import { newId, passwordResetTokenSchema } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { systemClock, type Clock } from './clock.ts'

/**
 * Password reset links (ACCT16–ACCT20), on the model of invitation links: the link holds 32 random
 * bytes, the database an HMAC of them under the server secret and an expiry, so neither a copy of
 * the database nor a write into it yields a working link. A link is spent by the reset that uses
 * it, and that reset also ends every other link of the address.
 */
export interface ResetLinkKeys {
  /** The server secret the token hashes are keyed with. */
  secret: string
  /** How long a link works (PASSWORD_RESET_TTL_MINUTES). */
  ttlMs: number
  clock?: Clock
}

/** A working link, as found by its token. */
export interface ResetLink {
  id: string
  email: string
  tokenHash: string
  expiresAt: string
}

// A different label from invitation tokens: a hash of one kind can never name a link of the other.
const tokenHash = (secret: string, token: string): string => createHmac('sha256', secret).update(`password-reset.v1\n${token}`).digest('base64url')
const now = (keys: ResetLinkKeys): Date => (keys.clock ?? systemClock)()

/**
 * Records a new link for `email` (lower case) and returns its token, which goes into the mail and
 * nowhere else. The same statements run whether the address has an account or not. Expired links
 * are deleted first, so the table holds only links that still work (their number is bounded by the
 * request budgets of ACCT17 over one lifetime).
 */
export async function issueResetLink(db: Kysely<Database>, email: string, keys: ResetLinkKeys): Promise<{ token: string; expiresAt: string }> {
  const at = now(keys)
  await db.deleteFrom('password_reset').where('expires_at', '<=', at.toISOString()).execute()
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(at.getTime() + keys.ttlMs).toISOString()
  await db
    .insertInto('password_reset')
    .values({ id: newId(), email, token_hash: tokenHash(keys.secret, token), created_at: at.toISOString(), expires_at: expiresAt })
    .execute()
  return { token, expiresAt }
}

/** The link a token names while it works; null for any token that cannot be used, whatever the reason. */
export async function findResetLink(db: Kysely<Database>, token: string, keys: ResetLinkKeys): Promise<ResetLink | null> {
  if (!passwordResetTokenSchema.safeParse(token).success) return null
  const row = await db.selectFrom('password_reset').selectAll().where('token_hash', '=', tokenHash(keys.secret, token)).executeTakeFirst()
  if (!row || row.expires_at <= now(keys).toISOString()) return null
  return { id: row.id, email: row.email, tokenHash: row.token_hash, expiresAt: row.expires_at }
}

/**
 * Spends `link` and every other link of its address, in one transaction. False when another use
 * spent it first: of two concurrent resets through one link, exactly one goes through.
 */
export async function spendResetLinks(db: Kysely<Database>, link: ResetLink): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const spent = await trx.deleteFrom('password_reset').where('id', '=', link.id).where('token_hash', '=', link.tokenHash).executeTakeFirst()
    if (Number(spent.numDeletedRows) !== 1) return false
    await trx.deleteFrom('password_reset').where('email', '=', link.email).execute()
    return true
  })
}
