import { newId, type Role, type WorkspaceSummary } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { notFound } from '../errors.ts'
import { systemClock, type Clock } from './clock.ts'

/** Creates a workspace (one alliance); its creator becomes its first admin. */
export async function createWorkspace(db: Kysely<Database>, userId: string, name: string, clock: Clock = systemClock): Promise<string> {
  const id = newId()
  const now = clock().toISOString()
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('workspace').values({ id, name, created_by: userId, created_at: now }).execute()
    await trx.insertInto('member').values({ workspace_id: id, user_id: userId, role: 'admin', partner_id: null, created_at: now }).execute()
  })
  return id
}

export async function listWorkspaces(db: Kysely<Database>, userId: string): Promise<WorkspaceSummary[]> {
  const rows = await db
    .selectFrom('member')
    .innerJoin('workspace', 'workspace.id', 'member.workspace_id')
    .select(['workspace.id', 'workspace.name', 'member.role', 'workspace.created_at'])
    .where('member.user_id', '=', userId)
    .orderBy('workspace.created_at', 'asc')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role as Role, createdAt: r.created_at }))
}

export async function getWorkspace(db: Kysely<Database>, workspaceId: string): Promise<{ id: string; name: string; createdAt: string }> {
  const row = await db.selectFrom('workspace').select(['id', 'name', 'created_at']).where('id', '=', workspaceId).executeTakeFirst()
  if (!row) throw notFound('Workspace')
  return { id: row.id, name: row.name, createdAt: row.created_at }
}

export async function renameWorkspace(db: Kysely<Database>, workspaceId: string, name: string): Promise<void> {
  await db.updateTable('workspace').set({ name }).where('id', '=', workspaceId).execute()
}
