import {
  addMemberSchema,
  changePasswordSchema,
  invitationAcceptedSchema,
  invitationCreatedSchema,
  invitationPreviewSchema,
  invitationResentSchema,
  invitationSchema,
  passwordResetDoneSchema,
  passwordResetPreviewSchema,
  passwordResetRequestedSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  updateUserSchema,
  commentMessageInputSchema,
  commentMessageSchema,
  commentThreadSchema,
  commentThreadWithMessagesSchema,
  createCommentThreadSchema,
  hideCommentMessageSchema,
  inboxItemSchema,
  orphanCommentThreadSchema,
  createPartnerSchema,
  createWorkspaceSchema,
  digestPreferenceSchema,
  memberSchema,
  outboxMailSchema,
  updateDigestPreferenceSchema,
  partnerSchema,
  signInSchema,
  signUpSchema,
  updateMemberSchema,
  updatePartnerSchema,
  workspaceSummarySchema,
  createVersionSchema,
  proposeSchema,
  voteSchema,
  agendaItemInputSchema,
  attendanceInputSchema,
  castBallotSchema,
  createMeetingSchema,
  decisionActionSchema,
  minutesTransitionSchema,
  openVoteSchema,
  recordDecisionSchema,
  rsvpInputSchema,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@ensemble/shared'
import { z } from 'zod'
import { updateMeSchema } from './routes/me.ts'

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  summary: string
  body?: z.ZodType
  response?: z.ZodType
  status?: number
}

const idResponse = z.object({ id: z.string() })
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })

/** The public REST surface, described from the same zod schemas the routes validate with. */
const ROUTES: RouteDoc[] = [
  // ---- accounts: the only better-auth endpoints that answer (docs/SPEC.md ACCT9); no answer carries a session token (ACCT11) ----
  { method: 'post', path: '/api/auth/sign-up/email', summary: 'Create an account (sets the session cookie); password policy (ACCT13): 422 with reason password_too_short, password_blank, password_personal or password_common; joins no alliance', body: signUpSchema },
  { method: 'post', path: '/api/auth/sign-in/email', summary: 'Sign in (sets the session cookie); rate-limited', body: signInSchema },
  { method: 'post', path: '/api/auth/sign-out', summary: 'Sign out (invalidates the session, closes its websockets)' },
  { method: 'get', path: '/api/auth/get-session', summary: 'The session and its user, without the session token' },
  { method: 'post', path: '/api/auth/change-password', summary: 'Change the password (same policy as sign-up, field newPassword); ends every other session of the user and their websockets; rate-limited like sign-in', body: changePasswordSchema },
  { method: 'post', path: '/api/auth/update-user', summary: 'Change one’s name (bounded like at sign-up); no other field is written', body: updateUserSchema },
  { method: 'get', path: '/api/me', summary: 'The signed-in user', response: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: z.string() }) },
  { method: 'patch', path: '/api/me', summary: 'Change the interface language', body: updateMeSchema },
  { method: 'get', path: '/api/workspaces', summary: 'Alliances the user belongs to', response: z.array(workspaceSummarySchema) },
  { method: 'post', path: '/api/workspaces', summary: 'Create an alliance; the creator becomes admin', body: createWorkspaceSchema, response: idResponse, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}', summary: 'An alliance with its partners and members' },
  { method: 'patch', path: '/api/workspaces/{workspaceId}', summary: 'Rename an alliance (admin)', body: createWorkspaceSchema },
  { method: 'get', path: '/api/workspaces/{workspaceId}/partners', summary: 'Partners of an alliance', response: z.array(partnerSchema) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/partners', summary: 'Add a partner (admin)', body: createPartnerSchema, response: idResponse, status: 201 },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/partners/{partnerId}', summary: 'Rename or retype a partner (admin)', body: updatePartnerSchema, status: 204 },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/partners/{partnerId}', summary: 'Remove a partner (admin)', status: 204 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/members', summary: 'Members of an alliance', response: z.array(memberSchema) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/members', summary: 'Invite an email (admin): mails a single-use link; the same answer whether the address has an account or not (ACCT1, ACCT2)', body: addMemberSchema, response: invitationCreatedSchema, status: 201 },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/members/{userId}', summary: 'Change role, partner or representative (admin)', body: updateMemberSchema },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/members/{userId}', summary: 'Remove a member (admin)', status: 204 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/invitations', summary: 'Pending invitations with their expiry (admin)', response: z.array(invitationSchema) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/invitations/{invitationId}/resend', summary: 'Mail a new link; the previous one stops working (admin, ACCT7)', response: invitationResentSchema },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/invitations/{invitationId}', summary: 'Withdraw an invitation: its link stops working (admin)', status: 204 },
  { method: 'post', path: '/api/password-reset', summary: 'Ask for a password reset link (signed out): 202 {sent:true} whatever the address; the address is mailed in the background, a link only if an account uses it; budgeted per address and per client address, 429 with Retry-After (ACCT16, ACCT17)', body: passwordResetRequestSchema, response: passwordResetRequestedSchema, status: 202 },
  { method: 'get', path: '/api/password-reset/{token}', summary: 'The address a reset link is for and its expiry; an unusable link (expired, used, superseded, forged) is 404 with reason password_reset_invalid, whatever the reason (ACCT18)', response: passwordResetPreviewSchema },
  { method: 'post', path: '/api/password-reset/{token}', summary: 'Set a new password through a reset link (policy of ACCT13: 422 with a reason, the link still working); ends every session of the account and their websockets, spends every link of the address, marks it verified (ACCT18, ACCT19)', body: passwordResetSchema, response: passwordResetDoneSchema },
  { method: 'get', path: '/api/invitations/{token}', summary: 'What an invitation link invites to; no session needed; an unusable link (expired, used, withdrawn, forged) is 404 with reason invitation_invalid, whatever the reason (ACCT6)', response: invitationPreviewSchema },
  { method: 'post', path: '/api/invitations/{token}/accept', summary: 'Accept for the signed-in person, who must hold the invited address (403 invitation_other_email otherwise); marks the address verified (ACCT3, ACCT5)', response: invitationAcceptedSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/tickets', summary: 'A single-use websocket ticket (≤ 60 s)', response: z.object({ ticket: z.string(), expiresInMs: z.number() }) },
  { method: 'get', path: '/api/health', summary: 'Liveness and storage check' },
  // ---- comments and inbox ----
  { method: 'get', path: '/api/workspaces/{workspaceId}/comments/threads', summary: 'Comment threads; query filters docName, targetKind, targetId, status (members)', response: z.array(commentThreadSchema) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/comments/threads', summary: 'Open a thread on a text range, an action, an action field, a body or a decision, with its first message (commenter and above)', body: createCommentThreadSchema, response: commentThreadWithMessagesSchema, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/comments/threads/{threadId}', summary: 'A thread with its messages (members)', response: commentThreadWithMessagesSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/comments/threads/{threadId}/messages', summary: 'Reply (commenter and above); mentions are resolved by the server', body: commentMessageInputSchema, response: commentMessageSchema, status: 201 },
  { method: 'post', path: '/api/workspaces/{workspaceId}/comments/threads/{threadId}/resolve', summary: 'Resolve a thread (commenter and above)', response: commentThreadSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/comments/threads/{threadId}/reopen', summary: 'Reopen a resolved thread (commenter and above)', response: commentThreadSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/comments/threads/{threadId}/orphan', summary: 'Mark a thread orphaned when its anchor disappeared; its quote is kept', body: orphanCommentThreadSchema, response: commentThreadSchema },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/comments/messages/{messageId}', summary: 'Edit one’s own message', body: commentMessageInputSchema, response: commentMessageSchema },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/comments/messages/{messageId}', summary: 'Delete one’s own message (a placeholder stays)', response: commentMessageSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/comments/messages/{messageId}/hide', summary: 'Hide a message (admin; audited)', body: hideCommentMessageSchema, response: commentMessageSchema },
  { method: 'get', path: '/api/workspaces/{workspaceId}/comments/audit', summary: 'Moderation audit trail (admin)' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/inbox', summary: 'The caller’s mentions, replies and changes to actions they are accountable or responsible for (action.changed), newest first; ?unread=1 for unread only', response: z.array(inboxItemSchema) },
  { method: 'get', path: '/api/workspaces/{workspaceId}/inbox/unread-count', summary: 'Number of unread inbox items', response: z.object({ unread: z.number() }) },
  { method: 'post', path: '/api/workspaces/{workspaceId}/inbox/{itemId}/read', summary: 'Mark one inbox item read', status: 204 },
  { method: 'post', path: '/api/workspaces/{workspaceId}/inbox/read-all', summary: 'Mark every inbox item read', response: z.object({ updated: z.number() }) },
  // ---- digests ----
  { method: 'get', path: '/api/workspaces/{workspaceId}/me/digest', summary: 'The caller’s digest settings in this alliance (default weekly, in their language)', response: digestPreferenceSchema },
  { method: 'put', path: '/api/workspaces/{workspaceId}/me/digest', summary: 'Set digest frequency (off, daily, weekly) and/or language (fr, en)', body: updateDigestPreferenceSchema, response: digestPreferenceSchema },
  { method: 'get', path: '/api/unsubscribe', summary: 'Turn digests off with the signed token of a digest’s link (?token=…); no session needed; bad token → 400' },
  { method: 'get', path: '/api/dev/outbox', summary: 'Mail kept locally when no SMTP server is configured (outside production only)', response: z.array(outboxMailSchema) },
  { method: 'get', path: '/api/workspaces/{workspaceId}/events', summary: 'Live workspace events as Server-Sent Events (text/event-stream): ready, comment.*, inbox.changed' },
  // ---- history, versions, sign-off (docs/SPEC.md §HIST, SIGN) ----
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/history', summary: 'Who changed the document and when, in sessions (same author, pauses under ?gapMinutes=, default 10); the newest ?limit= (1–200, default 50) before ?before= (a row id), older page in Link rel="next"; 429 past the history jobs allowed (LOOP4)' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/actions/{actionId}/history', summary: 'Every change of every field of a plan action, with a sentence in French and English; paged like the history' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/versions', summary: 'Named versions of the document; the newest ?limit= before ?before= (a version id), older page in Link rel="next"' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/documents/{docName}/versions', summary: 'Name the current state, or a past log row, as a version (editor and above)', body: createVersionSchema, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/versions/{versionId}', summary: 'A version read-only: its record and the document JSON as it was' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/diff', summary: 'Word diff between two versions (?from=&to=, version ids or current), in the document’s layout; bounded, `omitted` counts what is left out; 413 for a document over its size limit' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/documents/{docName}/versions/{versionId}/restore', summary: 'Restore a version as a new edit on top (steering and admin; never an adopted document)' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff', summary: 'Sign-off rounds of a text, with one vote line per partner, as their sealed audit entries record them; `audit.problems` lists what the stored rows say otherwise (AUDIT5)' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff/proposals', summary: 'Propose a version for adoption or amendment (steering and admin): hash frozen, status proposed', body: proposeSchema, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff/rounds/{roundId}', summary: 'One sign-off round' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff/rounds/{roundId}/votes', summary: 'A partner’s representative approves, abstains or objects (an objection opens a comment thread on the clause)', body: voteSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff/rounds/{roundId}/withdraw', summary: 'Withdraw an open proposal (steering and admin)' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff/unlock', summary: 'Unlock an adopted text for an amendment (steering and admin)' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/signoff/audit', summary: 'The hash-chained sign-off audit trail of the document' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/export.pdf', summary: 'The adopted version as PDF with its signature page, content hash and audit chain head; 409 audit_mismatch when its stored sign-off or text does not match the sealed audit entries' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/export.odt', summary: 'The adopted version as OpenDocument text with its signature page, content hash and audit chain head; 409 audit_mismatch as for the PDF' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/documents/{docName}/export.docx', summary: 'The adopted version as Word (DOCX) with the same signature page; 409 audit_mismatch as for the PDF' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/events', summary: 'Live workspace events as Server-Sent Events (text/event-stream): ready, comment.*, inbox.changed, meeting.*' },
  // ---- governance meetings (docs/SPEC.md GOV10–GOV17) ----
  { method: 'get', path: '/api/workspaces/{workspaceId}/meetings', summary: 'Meetings, newest first; ?bodyId= filters by body (members)' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings', summary: 'Schedule a meeting of a body (admin, steering)', body: createMeetingSchema, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/meetings/decisions', summary: 'The decision register; filters bodyId, meetingId, outcome, decisionType, actionId, from, to (members)' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/meetings/decisions/{decisionId}', summary: 'One decision with its quorum snapshot and result (members)' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/decisions/{decisionId}/actions', summary: 'Create a plan action from an adopted decision, checked by the action rules (admin, steering)', body: decisionActionSchema, status: 201 },
  { method: 'get', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}', summary: 'A meeting with its agenda, attendance, RSVPs, quorum and votes (members)' },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}', summary: 'Change a meeting or its status (admin, steering)', body: updateMeetingSchema },
  { method: 'get', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/invitation.ics', summary: 'The meeting as an iCalendar invitation (text/calendar)' },
  { method: 'put', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/rsvp', summary: 'Answer the invitation (members, for themselves)', body: rsvpInputSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/agenda', summary: 'Add an agenda item (admin, steering)', body: agendaItemInputSchema, status: 201 },
  { method: 'patch', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/agenda/{itemId}', summary: 'Rename, annotate or reorder an agenda item (admin, steering)', body: updateAgendaItemSchema },
  { method: 'delete', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/agenda/{itemId}', summary: 'Remove an agenda item (admin, steering)' },
  { method: 'get', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/agenda/suggestions', summary: 'Blocked and overdue plan actions not yet on the agenda' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/agenda/suggestions', summary: 'Add every suggestion to the agenda (admin, steering)', status: 201 },
  { method: 'put', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/attendance', summary: 'Record one member’s attendance; answers the attendance and the quorum', body: attendanceInputSchema },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/votes', summary: 'Open a vote (admin, steering)', body: openVoteSchema, status: 201 },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/votes/{voteId}/ballots', summary: 'Cast a ballot for one’s seat or a proxy; refusals are 409 with a reason', body: castBallotSchema, status: 201 },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/votes/{voteId}/close', summary: 'Close a vote and record its decision (admin, steering)' },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/decisions', summary: 'Note a decision taken without a vote (admin, steering)', body: recordDecisionSchema, status: 201 },
  { method: 'post', path: '/api/workspaces/{workspaceId}/meetings/{meetingId}/minutes', summary: 'Move the minutes to amendments, approved or locked (admin, steering)', body: minutesTransitionSchema },
]

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })

export function buildOpenApi(): object {
  const paths: Record<string, Record<string, object>> = {}
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const success = String(r.status ?? 200)
    paths[r.path] ??= {}
    paths[r.path]![r.method] = {
      summary: r.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses: {
        [success]: r.response ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response) } } } : { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: jsonSchema(errorSchema) } } },
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Ensemble API', version: '0.1.0', description: 'REST surface of Ensemble. Live documents use the websocket at /ws/{workspaceId}/{docName} (see docs/PROTOCOL.md).' },
    paths,
  }
}
