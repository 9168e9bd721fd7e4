import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, SignoffAuditTable } from '../../db/schema.ts'
import { canonicalJson, sha256 } from '../history/canonical.ts'
import { auditHeadOf, type AuditHead } from './head.ts'

type Db = Kysely<Database> | Transaction<Database>

/** The hash the first entry of a workspace's chain follows. */
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditInput {
  workspaceId: string
  actorId: string | null
  action: string
  docName: string
  detail: Record<string, unknown>
  at: string
}

export interface AuditEntry extends AuditInput {
  seq: number
  prevHash: string
  hash: string
}

/** What an entry's hash covers: every stored field but the hash and the seal. */
type StoredFields = Omit<SignoffAuditTable, 'hash' | 'seal'>

/** An entry's hash covers every stored field, the previous entry's hash included. */
export function entryHash(row: StoredFields): string {
  return sha256(canonicalJson([row.prev_hash, row.workspace_id, Number(row.seq), row.at, row.actor_id, row.action, row.doc_name, row.detail]))
}

/**
 * An entry's seal: HMAC-SHA256 of its hash by the audit key, which lives outside the database
 * (AUDIT_KEY or `audit-key` in the data directory). Whoever rewrites entries and their hashes in
 * the database cannot seal the new hashes without the key (SIGN12), and a seal copied from another
 * entry does not match: the hash it seals covers the workspace, the position and the previous hash.
 */
export const sealOf = (key: string, hash: string): string => createHmac('sha256', key).update(hash).digest('hex')

/** Whether `seal` is the audit key's seal of `hash` (compared in constant time). */
export const sealHolds = (key: string, hash: string, seal: string): boolean => {
  const expected = Buffer.from(sealOf(key, hash), 'hex')
  const given = Buffer.from(seal, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * Appends an entry at the end of the workspace's chain, inside `trx` (the caller's transaction, so
 * the entry commits with what it records), sealed with `key`. Two writers racing for the same `seq`
 * collide on the primary key: the loser's transaction fails and is retried by `withAuditRetry`.
 */
export async function appendAudit(trx: Db, input: AuditInput, key: string): Promise<AuditEntry> {
  const last = await trx
    .selectFrom('signoff_audit')
    .select(['seq', 'hash'])
    .where('workspace_id', '=', input.workspaceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const fields: StoredFields = {
    workspace_id: input.workspaceId,
    seq: last ? Number(last.seq) + 1 : 1,
    at: input.at,
    actor_id: input.actorId,
    action: input.action,
    doc_name: input.docName,
    detail: canonicalJson(input.detail),
    prev_hash: last?.hash ?? GENESIS_HASH,
  }
  const hash = entryHash(fields)
  await trx
    .insertInto('signoff_audit')
    .values({ ...fields, hash, seal: sealOf(key, hash) })
    .execute()
  return { ...input, seq: Number(fields.seq), prevHash: fields.prev_hash, hash }
}

/** Runs `work` in a transaction, again (a few times) when another writer took the same audit seq. */
export async function withAuditRetry<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(work)
    } catch (err) {
      const message = String((err as { message?: unknown })?.message ?? err)
      const collided = /UNIQUE constraint failed: signoff_audit|signoff_audit_pk/.test(message)
      if (!collided || attempt >= 4) throw err
    }
  }
}

export async function listAudit(db: Db, workspaceId: string, docName?: string): Promise<AuditEntry[]> {
  let q = db.selectFrom('signoff_audit').selectAll().where('workspace_id', '=', workspaceId)
  if (docName) q = q.where('doc_name', '=', docName)
  const rows = await q.orderBy('seq', 'asc').execute()
  return rows.map(toEntry)
}

/** A stored row as an entry; a detail that is not a JSON object reads as empty (its hash or seal tells the rest). */
export function toEntry(r: Selectable<SignoffAuditTable>): AuditEntry {
  let detail: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(r.detail)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) detail = parsed as Record<string, unknown>
  } catch {
    // Not JSON: only a forged row can hold that, and its seal does not hold.
  }
  return {
    workspaceId: r.workspace_id,
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    docName: r.doc_name,
    detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  }
}

/** The workspace's last audit entry (printed on exports and in confirmation emails, checked by `audit:verify --head`). */
export async function auditHead(db: Db, workspaceId: string): Promise<AuditHead | null> {
  const last = await db
    .selectFrom('signoff_audit')
    .select(['seq', 'hash', 'at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return last ? auditHeadOf({ workspaceId, seq: Number(last.seq), hash: last.hash, at: last.at }) : null
}
