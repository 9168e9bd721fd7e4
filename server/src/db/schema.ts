import type { Generated } from 'kysely'

/**
 * Ensemble's own relational tables (better-auth owns `user`, `session`, `account`, `verification`).
 * Timestamps of relational rows are ISO strings (portable across SQLite and PostgreSQL); the update
 * log uses epoch milliseconds because it is written on the hot path.
 */
export interface WorkspaceTable {
  id: string
  name: string
  created_by: string
  created_at: string
}

export interface PartnerTable {
  id: string
  workspace_id: string
  name: string
  type: string
  /** User id of the member who signs off for this partner (one per partner by construction). */
  representative_id: string | null
  created_at: string
}

export interface MemberTable {
  workspace_id: string
  user_id: string
  role: string
  partner_id: string | null
  created_at: string
}

export interface InvitationTable {
  id: string
  workspace_id: string
  email: string
  role: string
  partner_id: string | null
  representative: number
  invited_by: string
  created_at: string
  /** HMAC of the invitation link's token (migration 010); null on invitations made before links. */
  token_hash: string | null
  /** When the link stops working (ISO instant). */
  expires_at: string | null
  /** When the link was last sent (ISO instant). */
  sent_at: string | null
}

/**
 * A password reset link (migration 014): the address it was asked for and a keyed hash of its
 * token, never the token. Written for every request, with or without an account (ACCT16).
 */
export interface PasswordResetTable {
  id: string
  /** The address asked about, in lower case. */
  email: string
  token_hash: string
  created_at: string
  /** When the link stops working (ISO instant). */
  expires_at: string
}

export interface DocUpdateTable {
  id: Generated<number>
  workspace_id: string
  doc_name: string
  data: Uint8Array
  author_id: string | null
  created_at: number
}

export interface DocSnapshotTable {
  workspace_id: string
  doc_name: string
  data: Uint8Array
  last_update_id: number
  updated_at: number
}

/** A large document's full state as last served (storage/docStore.ts KeptState; frames of `format`). */
export interface DocKeptStateTable {
  workspace_id: string
  doc_name: string
  format: number
  state_vector: Uint8Array
  snapshot: Uint8Array
  frame_v2: Uint8Array
  preview: Uint8Array | null
  updated_at: number
}

/** Who owns each Yjs client id of a document: the person whose changes first used it (HOST1). */
export interface DocClientOwnerTable {
  workspace_id: string
  doc_name: string
  client_id: number
  /** A user id, or SERVER_CLIENT_OWNER for the ids of the server's own changes. */
  owner_id: string
}

/** A discussion anchored to a clause, an action (or one of its fields), a body or a decision. */
export interface CommentThreadTable {
  id: string
  workspace_id: string
  target_kind: string
  doc_name: string
  target_id: string | null
  field: string | null
  /** The client's opaque anchor as JSON text (`{from, to, quote}`), or null. */
  anchor: string | null
  /** The quoted text, kept when the anchor disappears (orphaned thread). */
  quote: string | null
  status: string
  orphaned: number
  created_by: string
  created_at: string
  resolved_by: string | null
  resolved_at: string | null
  last_message_at: string
}

export interface CommentMessageTable {
  id: string
  thread_id: string
  author_id: string
  /** Markdown-light source; emptied when the author deletes the message. */
  body: string
  created_at: string
  edited_at: string | null
  deleted_at: string | null
  hidden_by: string | null
  hidden_at: string | null
}

export interface CommentMentionTable {
  message_id: string
  user_id: string
}

export interface InboxItemTable {
  id: string
  workspace_id: string
  user_id: string
  kind: string
  /** Set for comment items (`mention`, `reply`); null for `action.changed`. */
  thread_id: string | null
  message_id: string | null
  /** When it last asked for attention (a coalesced `action.changed` item moves forward). */
  created_at: string
  read_at: string | null
  /** `action.changed`: the document and action, the changed fields (JSON array), the latest editor. */
  doc_name: string | null
  target_id: string | null
  fields: string | null
  actor_id: string | null
}

/** A member's digest settings in one alliance (no row: the defaults). */
export interface DigestPreferenceTable {
  workspace_id: string
  user_id: string
  frequency: string
  language: string
  since: string
  last_sent_at: string | null
  updated_at: string
}

/** Mail kept locally when no SMTP server is configured (listed by the dev outbox page). */
export interface MailOutboxTable {
  id: string
  to_address: string
  subject: string
  text_body: string
  html_body: string
  /** JSON object of extra headers (List-Unsubscribe…). */
  headers: string
  created_at: string
}

/** Moderation trail: hiding a message keeps its body here (detail is JSON text). */
export interface CommentAuditTable {
  id: string
  workspace_id: string
  actor_id: string
  action: string
  message_id: string
  at: string
  detail: string
}

/** A named point of a document's update log (the document as it was right after row `log_id`). */
export interface DocumentVersionTable {
  id: string
  workspace_id: string
  doc_name: string
  name: string
  /** bigint on PostgreSQL: read through Number(). */
  log_id: number | string
  content_hash: string
  created_by: string
  created_at: string
}

/** A proposal of a version for adoption (or for an amendment of the adopted text). */
export interface SignoffRoundTable {
  id: string
  workspace_id: string
  doc_name: string
  version_id: string
  kind: string
  status: string
  content_hash: string
  base_round_id: string | null
  /** JSON array of the clauses partners approve (every clause for an adoption). */
  clauses: string
  /** The adoption rule the charter gave when the round was proposed (SIGN9). */
  adoption_rule: string
  proposed_by: string
  proposed_at: string
  closed_at: string | null
}

export interface SignoffVoteTable {
  round_id: string
  partner_id: string
  user_id: string
  vote: string
  comment: string | null
  clause: string | null
  thread_id: string | null
  at: string
}

/** Append-only sign-off trail, each entry chained to the previous one of its workspace by hash. */
export interface SignoffAuditTable {
  workspace_id: string
  seq: number | string
  at: string
  actor_id: string | null
  action: string
  doc_name: string
  detail: string
  prev_hash: string
  hash: string
  /** HMAC-SHA256 of `hash` by the audit key, which the database does not hold (SIGN12). */
  seal: string | null
}

/** The subset of better-auth's user table Ensemble reads. */
export interface UserTable {
  id: string
  name: string
  email: string
  locale: string | null
}

/** Governance meetings (migration 004). */
export interface MeetingTable {
  id: string
  workspace_id: string
  body_id: string
  title: string
  starts_at: string
  ends_at: string
  place: string | null
  video_url: string | null
  status: string
  minutes_status: string
  amendments_until: string | null
  /** The adopted `minutes` decision of a later meeting that approved (and locked) the minutes. */
  approved_by: string | null
  created_by: string
  created_at: string
}

export interface MeetingRsvpTable {
  meeting_id: string
  user_id: string
  answer: string
  at: string
}

/** An amendment an attendee proposes to a meeting's minutes during the amendments period (GOV21). */
export interface MinutesAmendmentTable {
  id: string
  meeting_id: string
  author_id: string
  text: string
  /** The passage it replaces, if any. */
  quote: string | null
  status: string
  created_at: string
  decided_by: string | null
  decided_at: string | null
}

export interface AgendaItemTable {
  id: string
  meeting_id: string
  title: string
  notes: string
  order_key: string
  action_id: string | null
  /** A document awaiting sign-off this item is about (GOV20). */
  doc_name: string | null
  created_at: string
}

export interface MeetingAttendanceTable {
  meeting_id: string
  user_id: string
  status: string
  proxy_to: string | null
  recused: number
  /** Arrival order: members fill their partner's seats in this order (GOV5). */
  seq: number
  at: string
}

export interface MeetingVoteTable {
  id: string
  meeting_id: string
  agenda_item_id: string | null
  question: string
  decision_type: string
  rule: string
  secret: number
  status: string
  opened_by: string
  opened_at: string
  closed_at: string | null
}

export interface MeetingBallotTable {
  vote_id: string
  for_id: string
  voter_id: string
  choice: string
  at: string
}

export interface DecisionTable {
  id: string
  workspace_id: string
  meeting_id: string
  body_id: string
  agenda_item_id: string | null
  vote_id: string | null
  title: string
  decision_type: string
  outcome: string
  /** The vote result with its quorum snapshot, JSON. */
  result: string
  /** Actions created from this decision, JSON array of ids. */
  action_ids: string
  decided_at: string
  recorded_by: string
}

export interface Database {
  workspace: WorkspaceTable
  partner: PartnerTable
  member: MemberTable
  invitation: InvitationTable
  password_reset: PasswordResetTable
  doc_updates: DocUpdateTable
  doc_snapshots: DocSnapshotTable
  doc_kept_states: DocKeptStateTable
  doc_client_owners: DocClientOwnerTable
  user: UserTable
  comment_thread: CommentThreadTable
  comment_message: CommentMessageTable
  comment_mention: CommentMentionTable
  inbox_item: InboxItemTable
  comment_audit: CommentAuditTable
  document_version: DocumentVersionTable
  signoff_round: SignoffRoundTable
  signoff_vote: SignoffVoteTable
  signoff_audit: SignoffAuditTable
  digest_preference: DigestPreferenceTable
  mail_outbox: MailOutboxTable
  meeting: MeetingTable
  meeting_rsvp: MeetingRsvpTable
  agenda_item: AgendaItemTable
  meeting_attendance: MeetingAttendanceTable
  meeting_vote: MeetingVoteTable
  meeting_ballot: MeetingBallotTable
  decision: DecisionTable
  minutes_amendment: MinutesAmendmentTable
}
