import { familyOf, newId, type CreatePartnerInput, type Partner, type PartnerType, type UpdatePartnerInput } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { conflict, notFound } from '../errors.ts'
import { systemClock, type Clock } from './clock.ts'

export async function createPartner(db: Kysely<Database>, workspaceId: string, input: CreatePartnerInput, clock: Clock = systemClock): Promise<string> {
  const existing = await db.selectFrom('partner').select('id').where('workspace_id', '=', workspaceId).where('name', '=', input.name).executeTakeFirst()
  if (existing) throw conflict('A partner with this name already exists in this alliance.', 'name', 'partner_name_taken')
  const id = newId()
  await db
    .insertInto('partner')
    .values({ id, workspace_id: workspaceId, name: input.name, type: input.type, representative_id: null, created_at: clock().toISOString() })
    .execute()
  return id
}

export async function listPartners(db: Kysely<Database>, workspaceId: string): Promise<Partner[]> {
  const rows = await db
    .selectFrom('partner')
    .select(['id', 'name', 'type', 'representative_id'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type as PartnerType,
    family: familyOf(r.type as PartnerType),
    representativeId: r.representative_id,
  }))
}

/** Throws 404 unless the partner belongs to the workspace (ids from another workspace look absent). */
export async function assertPartnerInWorkspace(db: Kysely<Database>, workspaceId: string, partnerId: string): Promise<void> {
  const row = await db.selectFrom('partner').select('id').where('id', '=', partnerId).where('workspace_id', '=', workspaceId).executeTakeFirst()
  if (!row) throw notFound('Partner')
}

export async function updatePartner(db: Kysely<Database>, workspaceId: string, partnerId: string, input: UpdatePartnerInput): Promise<void> {
  await assertPartnerInWorkspace(db, workspaceId, partnerId)
  if (input.name) {
    const clash = await db
      .selectFrom('partner')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', input.name)
      .where('id', '!=', partnerId)
      .executeTakeFirst()
    if (clash) throw conflict('A partner with this name already exists in this alliance.', 'name', 'partner_name_taken')
  }
  await db.updateTable('partner').set(input).where('id', '=', partnerId).execute()
}

export async function deletePartner(db: Kysely<Database>, workspaceId: string, partnerId: string): Promise<void> {
  await assertPartnerInWorkspace(db, workspaceId, partnerId)
  await db.transaction().execute(async (trx) => {
    // Members stay in the alliance without a partner rather than disappearing with it.
    await trx.updateTable('member').set({ partner_id: null }).where('workspace_id', '=', workspaceId).where('partner_id', '=', partnerId).execute()
    await trx.updateTable('invitation').set({ partner_id: null }).where('workspace_id', '=', workspaceId).where('partner_id', '=', partnerId).execute()
    await trx.deleteFrom('partner').where('id', '=', partnerId).execute()
  })
}
