import type { Kysely } from 'kysely'
import type { Auth } from '../auth/auth.ts'
import type { PasswordResets } from '../auth/passwordResets.ts'
import type { SignInRates } from '../auth/signInRates.ts'
import type { TicketStorage } from '../auth/tickets.ts'
import type { RoomRegistry } from '../collab/rooms.ts'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../domain/clock.ts'
import type { WorkspaceEventBus } from '../domain/comments/events.ts'
import type { CommentService } from '../domain/comments/service.ts'
import type { GovernanceDeps } from '../domain/meetings/governanceDeps.ts'
import type { Logger } from '../logger.ts'
import type { MemberLimits } from './memberLimits.ts'
import type { Mailer } from '../mail/mailer.ts'
import type { SignoffConfirmations } from '../domain/signoff/confirmation.ts'
import type { DocStore } from '../storage/docStore.ts'
import type { DocumentThreads } from '../workers/documentThreads.ts'

/** What every route can reach: built once in server.ts and passed down, never imported as a singleton. */
export interface AppDeps {
  db: Kysely<Database>
  auth: Auth
  tickets: TicketStorage
  logger: Logger
  allowedOrigins: string[]
  trustProxy: boolean
  clientDir: string
  /**
   * Called after a membership changes so open connections pick up the new role (or lose access);
   * resolves once this instance's connections have it (other instances follow through the fan-out).
   */
  onMembershipChanged: (workspaceId: string, userId: string) => Promise<void> | void
  /** Called after partners change so live-edit rules check seats and resources against the new list. */
  onPartnersChanged: (workspaceId: string) => void
  /** The document log (history and versions read it) and the live rooms (server changes go through them). */
  store: DocStore
  rooms: RoomRegistry
  /** Signs digest unsubscribe links and keys the hashes of invitation tokens. */
  authSecret: string
  /** Where mail goes (SMTP or the local outbox): invitations are sent through it. */
  mailer: Mailer
  /** The server's public base URL, for the links it mails. */
  publicUrl: string
  /** How long an invitation link works (INVITATION_TTL_DAYS). */
  invitationTtlMs: number
  /** Seals sign-off audit entries (SIGN12). */
  auditKey: string
  /** Mails each partner's representative when a sign-off round closes, with the audit head (AUDIT4). */
  signoffConfirmations?: SignoffConfirmations
  /** Time source of comments and digests (a fake clock in tests). */
  clock?: Clock
  /** The workspace event bus and comment service, when server.ts shares them (observers, Redis bridge). */
  workspaceEvents?: WorkspaceEventBus
  comments?: CommentService
  /** Development routes (the mail outbox) are mounted. */
  devRoutes?: boolean
  /** Live documents and rule refreshes for governance meetings; without it the meeting routes are absent. */
  governance?: GovernanceDeps
  /** Called after a sign-out so the websockets opened through that session close (AUTHZ3). */
  onSessionEnded?: (sessionId: string) => void
  /** Per-member budgets: token buckets, open event streams, unused tickets (LIM2–LIM6). */
  memberLimits: MemberLimits
  /** Password reset links: asked for, read and used signed out (ACCT16–ACCT20). */
  passwordResets: PasswordResets
  /** Sign-in budgets per account and per client address (EDGE4). */
  signInRates: SignInRates
  /** Where history replays, diffs and exports run (LOOP3); without it, in this thread. */
  threads?: DocumentThreads
  /** History jobs one member may have waiting or running at once (LOOP4). */
  historyJobsPerMember?: number
}

/** What a request carries (appEnv.ts), for the routes that import it from here. */
export type { AppEnv, SessionUser } from './appEnv.ts'
