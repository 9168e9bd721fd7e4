import {
  colorForId,
  newId,
  type AddMemberInput,
  type Invitation,
  type Member,
  type Role,
  type UpdateMemberInput,
} from '@ensemble/shared'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import { conflict, notFound, validationFailed } from '../errors.ts'
import { systemClock, type Clock } from './clock.ts'
import { assertPartnerInWorkspace } from './partners.ts'

export interface Membership {
  workspaceId: string
  userId: string
  role: Role
  partnerId: string | null
}

type Db = Kysely<Database> | Transaction<Database>

export async function getMembership(db: Db, workspaceId: string, userId: string): Promise<Membership | null> {
  const row = await db
    .selectFrom('member')
    .select(['workspace_id', 'user_id', 'role', 'partner_id'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row ? { workspaceId: row.workspace_id, userId: row.user_id, role: row.role as Role, partnerId: row.partner_id } : null
}

export async function listMembers(db: Db, workspaceId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('member')
    .innerJoin('user', 'user.id', 'member.user_id')
    .leftJoin('partner', (j) => j.onRef('partner.id', '=', 'member.partner_id').onRef('partner.representative_id', '=', 'member.user_id'))
    .select(['member.user_id', 'user.name', 'user.email', 'member.role', 'member.partner_id', 'partner.id as represented'])
    .where('member.workspace_id', '=', workspaceId)
    .orderBy('member.created_at', 'asc')
    .orderBy('member.user_id', 'asc')
    .execute()
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    partnerId: r.partner_id,
    representative: r.represented !== null,
    color: colorForId(r.user_id),
  }))
}

export async function listInvitations(db: Db, workspaceId: string): Promise<Invitation[]> {
  const rows = await db.selectFrom('invitation').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'asc').execute()
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role as Role, partnerId: r.partner_id, representative: r.representative === 1 }))
}

async function setRepresentative(db: Db, workspaceId: string, partnerId: string | null, userId: string, representative: boolean): Promise<void> {
  if (representative) {
    if (!partnerId) throw validationFailed('A representative must belong to a partner.', 'representative')
    await db.updateTable('partner').set({ representative_id: userId }).where('id', '=', partnerId).where('workspace_id', '=', workspaceId).execute()
  } else {
    await db.updateTable('partner').set({ representative_id: null }).where('workspace_id', '=', workspaceId).where('representative_id', '=', userId).execute()
  }
}

/** Adds a registered user as a member, or records an invitation that sign-up will honour. */
export async function addMember(
  db: Kysely<Database>,
  workspaceId: string,
  invitedBy: string,
  input: AddMemberInput,
  clock: Clock = systemClock,
): Promise<{ userId: string } | { invitationId: string }> {
  const partnerId = input.partnerId ?? null
  if (partnerId) await assertPartnerInWorkspace(db, workspaceId, partnerId)
  if (input.representative && !partnerId) throw validationFailed('A representative must belong to a partner.', 'representative')
  const now = clock().toISOString()
  const user = await db.selectFrom('user').select('id').where('email', '=', input.email).executeTakeFirst()
  if (!user) {
    const pending = await db.selectFrom('invitation').select('id').where('workspace_id', '=', workspaceId).where('email', '=', input.email).executeTakeFirst()
    if (pending) throw conflict('This email has already been invited.', 'email')
    const id = newId()
    await db
      .insertInto('invitation')
      .values({ id, workspace_id: workspaceId, email: input.email, role: input.role, partner_id: partnerId, representative: input.representative ? 1 : 0, invited_by: invitedBy, created_at: now })
      .execute()
    return { invitationId: id }
  }
  if (await getMembership(db, workspaceId, user.id)) throw conflict('This person is already a member.', 'email')
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('member').values({ workspace_id: workspaceId, user_id: user.id, role: input.role, partner_id: partnerId, created_at: now }).execute()
    if (input.representative) await setRepresentative(trx, workspaceId, partnerId, user.id, true)
  })
  return { userId: user.id }
}

async function assertNotLastAdmin(db: Db, workspaceId: string, userId: string): Promise<void> {
  const admins = await db.selectFrom('member').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'admin').execute()
  if (admins.length === 1 && admins[0]!.user_id === userId) throw conflict('An alliance keeps at least one admin.', 'role')
}

export async function updateMember(db: Kysely<Database>, workspaceId: string, userId: string, input: UpdateMemberInput): Promise<Membership> {
  const current = await getMembership(db, workspaceId, userId)
  if (!current) throw notFound('Member')
  if (input.partnerId) await assertPartnerInWorkspace(db, workspaceId, input.partnerId)
  if (input.role && input.role !== 'admin' && current.role === 'admin') await assertNotLastAdmin(db, workspaceId, userId)
  const partnerId = input.partnerId === undefined ? current.partnerId : input.partnerId
  await db.transaction().execute(async (trx) => {
    const changes: { role?: string; partner_id?: string | null } = {}
    if (input.role) changes.role = input.role
    if (input.partnerId !== undefined) changes.partner_id = input.partnerId
    if (Object.keys(changes).length) await trx.updateTable('member').set(changes).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute()
    // Changing partner ends a representation of the previous one.
    if (input.partnerId !== undefined && input.partnerId !== current.partnerId) await setRepresentative(trx, workspaceId, null, userId, false)
    if (input.representative !== undefined) await setRepresentative(trx, workspaceId, partnerId, userId, input.representative)
  })
  return { ...current, role: input.role ?? current.role, partnerId }
}

export async function removeMember(db: Kysely<Database>, workspaceId: string, userId: string): Promise<void> {
  const current = await getMembership(db, workspaceId, userId)
  if (!current) throw notFound('Member')
  if (current.role === 'admin') await assertNotLastAdmin(db, workspaceId, userId)
  await db.transaction().execute(async (trx) => {
    await setRepresentative(trx, workspaceId, null, userId, false)
    await trx.deleteFrom('member').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute()
  })
}

export async function deleteInvitation(db: Kysely<Database>, workspaceId: string, invitationId: string): Promise<void> {
  const res = await db.deleteFrom('invitation').where('workspace_id', '=', workspaceId).where('id', '=', invitationId).executeTakeFirst()
  if (Number(res.numDeletedRows) === 0) throw notFound('Invitation')
}

/** Turns the invitations addressed to a newly registered email into memberships. */
export async function acceptInvitations(db: Kysely<Database>, userId: string, email: string, clock: Clock = systemClock): Promise<void> {
  const invitations = await db.selectFrom('invitation').selectAll().where('email', '=', email.toLowerCase()).execute()
  if (!invitations.length) return
  const now = clock().toISOString()
  await db.transaction().execute(async (trx) => {
    for (const inv of invitations) {
      if (!(await getMembership(trx, inv.workspace_id, userId))) {
        await trx.insertInto('member').values({ workspace_id: inv.workspace_id, user_id: userId, role: inv.role, partner_id: inv.partner_id, created_at: now }).execute()
        if (inv.representative && inv.partner_id) await setRepresentative(trx, inv.workspace_id, inv.partner_id, userId, true)
      }
      await trx.deleteFrom('invitation').where('id', '=', inv.id).execute()
    }
  })
}
