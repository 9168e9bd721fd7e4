import { createHmac, randomBytes } from 'node:crypto'
import {
  INVITATION_INVALID,
  INVITATION_OTHER_EMAIL,
  invitationTokenSchema,
  newId,
  type AddMemberInput,
  type Invitation,
  type InvitationPreview,
  type Role,
} from '@ensemble/shared'
import type { Kysely, Selectable } from 'kysely'
import type { Database, InvitationTable } from '../db/schema.ts'
import { AppError, conflict, notFound, validationFailed } from '../errors.ts'
import { systemClock, type Clock } from './clock.ts'
import { addMembership, getMembership } from './members.ts'
import { assertPartnerInWorkspace } from './partners.ts'

/**
 * Invitations (ACCT1–ACCT7). Adding someone to an alliance only records an invitation and mails its
 * link; the person becomes a member when they open the link signed in with the invited address.
 * The link holds a random token; the database keeps an HMAC of it under the server secret, so
 * neither a copy of the database nor a write into it yields a working link.
 */
export interface InvitationKeys {
  /** The server secret the token hashes are keyed with. */
  secret: string
  /** How long a link works. */
  ttlMs: number
  clock?: Clock
}

/** A link freshly made: the token goes into the mail and nowhere else. */
export interface IssuedLink {
  invitationId: string
  workspaceId: string
  email: string
  role: Role
  partnerId: string | null
  token: string
  expiresAt: string
}

const tokenHash = (secret: string, token: string): string => createHmac('sha256', secret).update(`invitation.v1\n${token}`).digest('base64url')
const newToken = (): string => randomBytes(32).toString('base64url')

/** The one answer for a link that cannot be used, whatever the reason (ACCT6). */
export const invitationInvalid = () =>
  new AppError(404, 'not_found', 'This invitation link is not valid (expired, already used or withdrawn).', undefined, INVITATION_INVALID)

const present = (r: Selectable<InvitationTable>, now: string): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  partnerId: r.partner_id,
  representative: r.representative === 1,
  invitedAt: r.created_at,
  sentAt: r.sent_at,
  expiresAt: r.expires_at,
  expired: !r.token_hash || !r.expires_at || r.expires_at <= now,
})

export async function listInvitations(db: Kysely<Database>, workspaceId: string, clock: Clock = systemClock): Promise<Invitation[]> {
  const rows = await db.selectFrom('invitation').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'asc').orderBy('id', 'asc').execute()
  const now = clock().toISOString()
  return rows.map((r) => present(r, now))
}

/**
 * Records an invitation with a fresh link. The same work runs whether the address has an account
 * or not (ACCT2): one query for an existing membership by address, one for a pending invitation,
 * one insert. Nothing here reads whether the address is registered.
 */
export async function createInvitation(
  db: Kysely<Database>,
  workspaceId: string,
  invitedBy: string,
  input: AddMemberInput,
  keys: InvitationKeys,
): Promise<IssuedLink> {
  const partnerId = input.partnerId ?? null
  if (partnerId) await assertPartnerInWorkspace(db, workspaceId, partnerId)
  if (input.representative && !partnerId) throw validationFailed('A representative must belong to a partner.', 'representative', 'representative_needs_partner')
  const member = await db
    .selectFrom('member')
    .innerJoin('user', 'user.id', 'member.user_id')
    .select('member.user_id')
    .where('member.workspace_id', '=', workspaceId)
    .where('user.email', '=', input.email)
    .executeTakeFirst()
  if (member) throw conflict('This person is already a member.', 'email', 'already_member')
  const pending = await db.selectFrom('invitation').select('id').where('workspace_id', '=', workspaceId).where('email', '=', input.email).executeTakeFirst()
  if (pending) throw conflict('This email has already been invited.', 'email', 'already_invited')
  const now = (keys.clock ?? systemClock)()
  const token = newToken()
  const expiresAt = new Date(now.getTime() + keys.ttlMs).toISOString()
  const id = newId()
  const insert = db
    .insertInto('invitation')
    .values({
      id,
      workspace_id: workspaceId,
      email: input.email,
      role: input.role,
      partner_id: partnerId,
      representative: input.representative ? 1 : 0,
      invited_by: invitedBy,
      created_at: now.toISOString(),
      token_hash: tokenHash(keys.secret, token),
      expires_at: expiresAt,
      sent_at: now.toISOString(),
    })
    .execute()
  await insert.catch(async (err: unknown) => {
    // Two admins inviting the same address at once: the unique key keeps one, the other is told so.
    const raced = await db.selectFrom('invitation').select('id').where('workspace_id', '=', workspaceId).where('email', '=', input.email).executeTakeFirst()
    throw raced ? conflict('This email has already been invited.', 'email', 'already_invited') : err
  })
  return { invitationId: id, workspaceId, email: input.email, role: input.role as Role, partnerId, token, expiresAt }
}

/** A new link for a pending invitation: the previous one stops working at once (ACCT7). */
export async function renewInvitation(db: Kysely<Database>, workspaceId: string, invitationId: string, keys: InvitationKeys): Promise<IssuedLink> {
  const row = await db.selectFrom('invitation').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', invitationId).executeTakeFirst()
  if (!row) throw notFound('Invitation')
  const now = (keys.clock ?? systemClock)()
  const token = newToken()
  const expiresAt = new Date(now.getTime() + keys.ttlMs).toISOString()
  await db
    .updateTable('invitation')
    .set({ token_hash: tokenHash(keys.secret, token), expires_at: expiresAt, sent_at: now.toISOString() })
    .where('id', '=', invitationId)
    .execute()
  return { invitationId, workspaceId, email: row.email, role: row.role as Role, partnerId: row.partner_id, token, expiresAt }
}

/** Withdraws an invitation: its link stops working (ACCT6). */
export async function deleteInvitation(db: Kysely<Database>, workspaceId: string, invitationId: string): Promise<void> {
  const res = await db.deleteFrom('invitation').where('workspace_id', '=', workspaceId).where('id', '=', invitationId).executeTakeFirst()
  if (Number(res.numDeletedRows) === 0) throw notFound('Invitation')
}

/** The invitation a token names while its link works; null for any token that cannot be used. */
async function findUsable(db: Kysely<Database>, token: string, keys: InvitationKeys): Promise<Selectable<InvitationTable> | null> {
  if (!invitationTokenSchema.safeParse(token).success) return null
  const row = await db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash(keys.secret, token)).executeTakeFirst()
  if (!row?.expires_at || row.expires_at <= (keys.clock ?? systemClock)().toISOString()) return null
  return row
}

/** What the link's holder is invited to, before they sign in or up. */
export async function previewInvitation(db: Kysely<Database>, token: string, keys: InvitationKeys): Promise<InvitationPreview> {
  const row = await findUsable(db, token, keys)
  if (!row) throw invitationInvalid()
  const workspace = await db.selectFrom('workspace').select('name').where('id', '=', row.workspace_id).executeTakeFirstOrThrow()
  const inviter = await db.selectFrom('user').select('name').where('id', '=', row.invited_by).executeTakeFirst()
  const partner = row.partner_id ? await db.selectFrom('partner').select('name').where('id', '=', row.partner_id).executeTakeFirst() : undefined
  return {
    workspaceName: workspace.name,
    email: row.email,
    role: row.role as Role,
    partnerName: partner?.name ?? null,
    invitedBy: inviter?.name ?? '',
    expiresAt: row.expires_at!,
  }
}

/**
 * Accepts the invitation a token names for the signed-in person, who must hold the invited address
 * (ACCT3, ACCT5). The link is spent in the same transaction that creates the membership, so two
 * concurrent uses make one member; the address is then known to be theirs (email verified).
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  user: { id: string; email: string },
  keys: InvitationKeys,
): Promise<{ workspaceId: string }> {
  const row = await findUsable(db, token, keys)
  if (!row) throw invitationInvalid()
  if (row.email !== user.email.toLowerCase()) {
    throw new AppError(
      403,
      'forbidden',
      'This invitation was sent to another address: sign in with that address to accept it.',
      undefined,
      INVITATION_OTHER_EMAIL,
    )
  }
  await db.transaction().execute(async (trx) => {
    const spent = await trx.deleteFrom('invitation').where('id', '=', row.id).where('token_hash', '=', row.token_hash).executeTakeFirst()
    if (Number(spent.numDeletedRows) !== 1) throw invitationInvalid()
    if (!(await getMembership(trx, row.workspace_id, user.id))) {
      await addMembership(
        trx,
        row.workspace_id,
        user.id,
        { role: row.role as Role, partnerId: row.partner_id, representative: row.representative === 1 },
        keys.clock,
      )
    }
  })
  return { workspaceId: row.workspace_id }
}
