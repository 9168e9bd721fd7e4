import { LIMITS, PASSWORD_PROBLEM_MESSAGES, PASSWORD_RESET_INVALID, type PasswordResetPreview } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { findResetLink, issueResetLink, spendResetLinks, type ResetLinkKeys } from '../domain/passwordResets.ts'
import { AppError, RateLimitedError } from '../errors.ts'
import { MemberRates } from '../http/memberRates.ts'
import type { Logger } from '../logger.ts'
import type { Mailer } from '../mail/mailer.ts'
import { composePasswordResetMail } from '../mail/passwordResetMail.ts'
import type { Auth } from './auth.ts'
import { checkPassword } from './passwordPolicy.ts'

type ResetRateKind = keyof typeof LIMITS.passwordReset

export interface PasswordResetsOptions {
  db: Kysely<Database>
  auth: Auth
  mailer: Mailer
  logger: Logger
  keys: ResetLinkKeys
  /** The server's public base URL: the page a link opens is `/nouveau-mot-de-passe/<token>`. */
  publicUrl: string
  /** Called for each session a reset ends, so its websockets close (AUTHZ3). */
  onSessionEnded: (sessionId: string) => void
  /** Milliseconds, for the buckets (tests let a window pass without waiting). */
  now?: () => number
}

/** The one answer for a link that cannot be used, whatever the reason (ACCT18). */
const resetInvalid = () =>
  new AppError(404, 'not_found', 'This password reset link is not valid (expired, already used or replaced).', undefined, PASSWORD_RESET_INVALID)

/**
 * Password reset by a mailed link (docs/SPEC.md ACCT16–ACCT20), the product's own rather than
 * better-auth's (whose 1.3 endpoints keep the token in clear and do less work for an unknown
 * address). Asking answers at once and the same way for every address; the mail goes in the
 * background, and every address gets one, with a link only when an account uses it. Setting a
 * password through a link proves the address: it is marked verified, every session of the account
 * ends with its websockets, and every link of the address is spent.
 */
export class PasswordResets {
  private readonly rates: MemberRates<ResetRateKind>
  private readonly inFlight = new Set<Promise<void>>()

  constructor(private readonly o: PasswordResetsOptions) {
    this.rates = new MemberRates<ResetRateKind>(LIMITS.passwordReset, o.now ?? performance.now.bind(performance))
  }

  /**
   * Mails a link to `email` if an account uses it, a notice otherwise. The same statements run in
   * the same order either way (find the account, write a link row); the answer does not wait for
   * the mail. Budgeted per client address, then per address asked about (ACCT17).
   */
  async request(email: string, clientIp: string): Promise<void> {
    const address = email.trim().toLowerCase()
    this.take('perAddress', address)
    const auth = await this.o.auth.$context
    const found = await auth.internalAdapter.findUserByEmail(address)
    const link = await issueResetLink(this.o.db, address, this.o.keys)
    const mail = found
      ? composePasswordResetMail({ to: address, account: true, link: `${this.o.publicUrl}/nouveau-mot-de-passe/${link.token}`, expiresAt: link.expiresAt })
      : composePasswordResetMail({ to: address, account: false, signUpLink: `${this.o.publicUrl}/inscription` })
    this.inBackground(this.o.mailer.send(mail), clientIp)
  }

  /** Takes a token of the client's request budget: checked before the body is even read. */
  admitRequest(clientIp: string): void {
    this.take('perClient', clientIp)
  }

  /** Takes a token of the client's budget of link uses (reads and resets). */
  admitLinkUse(clientIp: string): void {
    this.take('linkUses', clientIp)
  }

  /** The address a working link is for, and until when it works. */
  async preview(token: string): Promise<PasswordResetPreview> {
    const link = await findResetLink(this.o.db, token, this.o.keys)
    if (!link) throw resetInvalid()
    const auth = await this.o.auth.$context
    if (!(await auth.internalAdapter.findUserByEmail(link.email))) throw resetInvalid()
    return { email: link.email, expiresAt: link.expiresAt }
  }

  /**
   * Sets the password of the account the link names (ACCT18, ACCT19). The policy is checked before
   * the link is spent, so a refused password leaves it working.
   */
  async reset(token: string, newPassword: string): Promise<{ email: string }> {
    const link = await findResetLink(this.o.db, token, this.o.keys)
    if (!link) throw resetInvalid()
    const auth = await this.o.auth.$context
    const found = await auth.internalAdapter.findUserByEmail(link.email)
    // A row written for an address without an account was never mailed a link.
    if (!found) throw resetInvalid()
    const { user } = found
    const problem = checkPassword(newPassword, { email: user.email, name: user.name })
    if (problem) throw new AppError(422, 'validation_failed', PASSWORD_PROBLEM_MESSAGES[problem], 'newPassword', problem)
    if (!(await spendResetLinks(this.o.db, link))) throw resetInvalid()

    const hash = await auth.password.hash(newPassword)
    const credential = (await auth.internalAdapter.findAccounts(user.id)).find((a) => a.providerId === 'credential')
    if (credential) await auth.internalAdapter.updatePassword(user.id, hash)
    else await auth.internalAdapter.createAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash })
    // The link reached this mailbox: the address is its owner's, whoever created the account.
    await auth.internalAdapter.updateUser(user.id, { emailVerified: true })
    const sessions = await auth.internalAdapter.listSessions(user.id)
    await auth.internalAdapter.deleteSessions(user.id)
    for (const session of sessions) this.o.onSessionEnded(session.id)
    this.o.logger.info({ userId: user.id, sessionsEnded: sessions.length }, 'password reset through a mailed link')
    return { email: user.email }
  }

  /** Waits for the mails in flight (the server closes after them). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight)
  }

  private take(kind: ResetRateKind, key: string): void {
    const wait = this.rates.take(kind, key)
    if (wait !== null) throw new RateLimitedError(wait)
  }

  private inBackground(sending: Promise<void>, clientIp: string): void {
    const task: Promise<void> = sending
      .catch((err: unknown) => this.o.logger.error({ err, clientIp }, 'password reset mail not sent'))
      .finally(() => this.inFlight.delete(task))
    this.inFlight.add(task)
  }
}
