import { colorForId, type Member, type Role, type UpdateMemberInput } from '@ensemble/shared'
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

async function setRepresentative(db: Db, workspaceId: string, partnerId: string | null, userId: string, representative: boolean): Promise<void> {
  if (representative) {
    if (!partnerId) throw validationFailed('A representative must belong to a partner.', 'representative', 'representative_needs_partner')
    await db.updateTable('partner').set({ representative_id: userId }).where('id', '=', partnerId).where('workspace_id', '=', workspaceId).execute()
  } else {
    await db.updateTable('partner').set({ representative_id: null }).where('workspace_id', '=', workspaceId).where('representative_id', '=', userId).execute()
  }
}

/**
 * Makes a person a member with a role, a partner and possibly its representation. Only two callers:
 * accepting an invitation (which proved the address, ACCT3) and seeding the demo on the server.
 * People are never added through REST without their consent (ACCT2).
 */
export async function addMembership(
  db: Db,
  workspaceId: string,
  userId: string,
  grant: { role: Role; partnerId: string | null; representative: boolean },
  clock: Clock = systemClock,
): Promise<void> {
  await db
    .insertInto('member')
    .values({ workspace_id: workspaceId, user_id: userId, role: grant.role, partner_id: grant.partnerId, created_at: clock().toISOString() })
    .execute()
  if (grant.representative && grant.partnerId) await setRepresentative(db, workspaceId, grant.partnerId, userId, true)
}

async function assertNotLastAdmin(db: Db, workspaceId: string, userId: string): Promise<void> {
  const admins = await db.selectFrom('member').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'admin').execute()
  if (admins.length === 1 && admins[0]!.user_id === userId) throw conflict('An alliance keeps at least one admin.', 'role', 'last_admin')
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
    if (Object.keys(changes).length)
      await trx.updateTable('member').set(changes).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute()
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
