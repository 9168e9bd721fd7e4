import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import { canonicalJson, sha256 } from '../history/canonical.ts'

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

interface StoredFields {
  workspace_id: string
  seq: number | string
  at: string
  actor_id: string | null
  action: string
  doc_name: string
  detail: string
  prev_hash: string
}

/** An entry's hash covers every stored field, the previous entry's hash included. */
export function entryHash(row: StoredFields): string {
  return sha256(
    canonicalJson([row.prev_hash, row.workspace_id, Number(row.seq), row.at, row.actor_id, row.action, row.doc_name, row.detail]),
  )
}

/**
 * Appends an entry at the end of the workspace's chain, inside `trx` (the caller's transaction, so
 * the entry commits with what it records). Two writers racing for the same `seq` collide on the
 * primary key: the loser's transaction fails and is retried by `withAuditRetry`.
 */
export async function appendAudit(trx: Db, input: AuditInput): Promise<AuditEntry> {
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
  await trx.insertInto('signoff_audit').values({ ...fields, hash }).execute()
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
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    docName: r.doc_name,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }))
}

export interface AuditVerification {
  ok: boolean
  /** Entries checked (all workspaces). */
  checked: number
  /** The first entry whose content, hash, link or position does not hold, if any. */
  firstTampered: { workspaceId: string; seq: number; reason: string } | null
}

/**
 * Walks every workspace's chain in order: each entry must follow the previous one (seq + 1), name
 * its hash as `prev_hash`, and hash to its stored `hash`. An edited, deleted or inserted row breaks it.
 */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const rows = await db.selectFrom('signoff_audit').selectAll().orderBy('workspace_id', 'asc').orderBy('seq', 'asc').execute()
  let previous: { workspace: string; seq: number; hash: string } | null = null
  let checked = 0
  for (const row of rows) {
    const seq = Number(row.seq)
    const sameChain: boolean = previous?.workspace === row.workspace_id
    const expectedSeq: number = sameChain ? previous!.seq + 1 : 1
    const expectedPrev = sameChain ? previous!.hash : GENESIS_HASH
    const fail = (reason: string): AuditVerification => ({ ok: false, checked, firstTampered: { workspaceId: row.workspace_id, seq, reason } })
    if (seq !== expectedSeq) return fail(`expected entry ${expectedSeq}, found ${seq} (an entry is missing or was inserted)`)
    if (row.prev_hash !== expectedPrev) return fail('does not link to the previous entry')
    if (entryHash(row) !== row.hash) return fail('content does not match its hash')
    previous = { workspace: row.workspace_id, seq, hash: row.hash }
    checked++
  }
  return { ok: true, checked, firstTampered: null }
}
