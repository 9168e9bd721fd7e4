import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database, SignoffAuditTable } from '../db/schema.ts'
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

/** What an entry's hash covers: every stored field but the hash and the seal. */
type StoredFields = Omit<SignoffAuditTable, 'hash' | 'seal'>

/** An entry's hash covers every stored field, the previous entry's hash included. */
export function entryHash(row: StoredFields): string {
  return sha256(
    canonicalJson([row.prev_hash, row.workspace_id, Number(row.seq), row.at, row.actor_id, row.action, row.doc_name, row.detail]),
  )
}

/**
 * An entry's seal: HMAC-SHA256 of its hash by the audit key, which lives outside the database
 * (AUDIT_KEY or `audit-key` in the data directory). Whoever rewrites the last entry and its hash in
 * the database cannot seal the new hash without the key (SIGN12).
 */
export const sealOf = (key: string, hash: string): string => createHmac('sha256', key).update(hash).digest('hex')

const sealHolds = (key: string, hash: string, seal: string): boolean => {
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
  await trx.insertInto('signoff_audit').values({ ...fields, hash, seal: sealOf(key, hash) }).execute()
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

/** The hash of the workspace's last audit entry (printed on exports, checked by `audit:verify --head`). */
export async function auditHead(db: Db, workspaceId: string): Promise<string | null> {
  const last = await db.selectFrom('signoff_audit').select('hash').where('workspace_id', '=', workspaceId).orderBy('seq', 'desc').limit(1).executeTakeFirst()
  return last?.hash ?? null
}

export interface AuditVerification {
  ok: boolean
  /** Entries checked (all workspaces). */
  checked: number
  /** Entries without a seal: written before seals existed, before the chain's first sealed entry. */
  unsealed: number
  /** The first entry whose content, hash, link, position or seal does not hold, if any. */
  firstTampered: { workspaceId: string; seq: number; reason: string } | null
  /** Published heads (`--head`) that no entry of the chain has: the chain was cut or rewritten after them. */
  missingHeads: string[]
}

export interface VerifyOptions {
  /** The audit key; null: seals are not checked (and the result says how many entries were unsealed). */
  key: string | null
  /** Head hashes published elsewhere (e.g. on an export's signature page) the chain must still hold. */
  heads?: readonly string[]
}

/**
 * Walks every workspace's chain in order: each entry must follow the previous one (seq + 1), name
 * its hash as `prev_hash`, hash to its stored `hash`, and carry the seal of that hash by the key
 * (once a chain has a sealed entry, every later one must be sealed). An edited, deleted or inserted
 * row breaks it; a rewritten last entry breaks its seal; a published head must still be in the chain.
 */
export async function verifyAuditChain(db: Db, { key, heads = [] }: VerifyOptions): Promise<AuditVerification> {
  const rows = await db.selectFrom('signoff_audit').selectAll().orderBy('workspace_id', 'asc').orderBy('seq', 'asc').execute()
  let previous = null as { workspace: string; seq: number; hash: string; sealed: boolean } | null
  let checked = 0
  let unsealed = 0
  const wanted = new Set(heads)
  const result = (firstTampered: AuditVerification['firstTampered']): AuditVerification => {
    const missingHeads = [...wanted]
    return { ok: firstTampered === null && missingHeads.length === 0, checked, unsealed, firstTampered, missingHeads }
  }
  for (const row of rows) {
    const seq = Number(row.seq)
    const sameChain: boolean = previous?.workspace === row.workspace_id
    const expectedSeq: number = sameChain ? previous!.seq + 1 : 1
    const expectedPrev = sameChain ? previous!.hash : GENESIS_HASH
    const fail = (reason: string) => result({ workspaceId: row.workspace_id, seq, reason })
    if (seq !== expectedSeq) return fail(`expected entry ${expectedSeq}, found ${seq} (an entry is missing or was inserted)`)
    if (row.prev_hash !== expectedPrev) return fail('does not link to the previous entry')
    if (entryHash(row) !== row.hash) return fail('content does not match its hash')
    const sealed = row.seal !== null
    if (key !== null) {
      if (sealed && !sealHolds(key, row.hash, row.seal!)) return fail('seal does not match its hash (rewritten without the audit key)')
      if (!sealed && sameChain && previous!.sealed) return fail('seal missing after sealed entries')
    }
    if (!sealed) unsealed++
    wanted.delete(row.hash)
    previous = { workspace: row.workspace_id, seq, hash: row.hash, sealed: sealed || (sameChain && previous!.sealed) }
    checked++
  }
  return result(null)
}
