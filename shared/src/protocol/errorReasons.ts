/**
 * Finer, stable reasons within an error code (`{error:{code,reason}}`) that the interface words
 * itself, in French and English (client/src/i18n/serverErrorStrings.ts; a table-driven test checks
 * every one has both). The server's `message` is English, for logs and API users: the interface
 * never shows it in French (SPEC FR1).
 */
export const ERROR_REASONS = [
  // Accounts and links (ACCT).
  'password_too_short',
  'password_too_long',
  'password_blank',
  'password_personal',
  'password_common',
  'invitation_invalid',
  'invitation_other_email',
  'password_reset_invalid',
  // Members, partners, invitations.
  'last_admin',
  'representative_needs_partner',
  'partner_name_taken',
  'already_member',
  'already_invited',
  // Map of actors (MAP7).
  'actor_converted',
  // Comments.
  'too_many_mentions',
  'mention_unknown',
  'message_gone',
  'not_author',
  'thread_already_in_state',
  // Meetings and votes.
  'meeting_over',
  'ends_before_start',
  'vote_closed',
  'double_vote',
  // Ballots and proxies refused by the governance rules (GovProblemCode of shared/src/governance).
  'not_seated',
  'not_present',
  'no_proxy',
  'recused',
  'proxy_cap_exceeded',
  'proxy_invalid',
  'minutes_transition',
  'amendments_pending',
  'not_an_approval',
  'amendments_closed',
  'amendment_settled',
  'quote_not_found',
  // Sign-off.
  'proposal_open',
  'proposal_closed',
  'no_change',
  'not_adopted',
  'adopted_not_draft',
  'not_representative',
] as const
export type ErrorReason = (typeof ERROR_REASONS)[number]

export const isErrorReason = (value: unknown): value is ErrorReason => typeof value === 'string' && (ERROR_REASONS as readonly string[]).includes(value)
