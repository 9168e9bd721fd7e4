import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { DocStore } from '../../../storage/docStore.ts'
import type { AuditHead } from '../head.ts'
import { checkChain, type AuditRow } from './chain.ts'
import { checkContents } from './content.ts'
import type { AuditProblem } from './problem.ts'
import { compareRound, roundRecords, type RoundRow, type StoredRound, type VoteRow } from './rounds.ts'

export interface AuditVerification {
  ok: boolean
  /** Entries read, all alliances. */
  entries: number
  /** Rounds whose rows were compared with their entries. */
  rounds: number
  /** Proposed versions rebuilt from the update log. */
  versions: number
  /** Adopted texts compared with what their document holds now. */
  adoptedTexts: number
  /** Each alliance's last entry, as found: to compare with the head partners hold. */
  heads: AuditHead[]
  /** Heads given (`--head`): without one, a chain whose last entries were deleted still verifies. */
  headsGiven: number
  /** Given heads that no sealed entry has: the chain was cut or rewritten after them. */
  missingHeads: string[]
  problems: AuditProblem[]
}

export interface VerifyOptions {
  /** The audit key (kept outside the database). */
  key: string
  /** Heads held outside the database, as hex prefixes of at least 16 digits (see head.ts `parseHead`). */
  heads?: readonly string[]
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

/**
 * Everything the sign-off audit trail claims, checked against the database (AUDIT1–AUDIT4): each
 * alliance's chain (every entry sealed by the key, linked, in place), every round and answer row
 * against the sealed entries, every proposed version and adopted text against the content hashes
 * the entries froze, and the heads partners hold (`--head`) against the chain. Reads only.
 */
export async function verifyAudit(db: Kysely<Database>, store: DocStore, { key, heads = [] }: VerifyOptions): Promise<AuditVerification> {
  const auditRows = await db.selectFrom('signoff_audit').selectAll().orderBy('workspace_id', 'asc').orderBy('seq', 'asc').execute()
  const roundRows = await db.selectFrom('signoff_round').selectAll().orderBy('proposed_at', 'asc').orderBy('id', 'asc').execute()
  const voteRows = await db.selectFrom('signoff_vote').selectAll().execute()
  const partners = await db.selectFrom('partner').select(['id', 'name']).execute()
  const partnerName = new Map(partners.map((p) => [p.id, p.name]))
  const label = (partnerId: string) => `${partnerName.get(partnerId) ?? '?'} (${partnerId})`

  const chains = groupBy<AuditRow>(auditRows, (r) => r.workspace_id)
  const roundsByWorkspace = groupBy<RoundRow>(roundRows, (r) => r.workspace_id)
  const votesByRound = groupBy<VoteRow>(voteRows, (v) => v.round_id)
  const contentHashOf = new Map(roundRows.map((r) => [r.id, r.content_hash]))

  const result: AuditVerification = {
    ok: false,
    entries: auditRows.length,
    rounds: 0,
    versions: 0,
    adoptedTexts: 0,
    heads: [],
    headsGiven: heads.length,
    missingHeads: [],
    problems: [],
  }
  const sealedHashes: string[] = []
  for (const workspaceId of new Set([...chains.keys(), ...roundsByWorkspace.keys()])) {
    const chain = checkChain(workspaceId, chains.get(workspaceId) ?? [], key)
    result.problems.push(...chain.problems)
    if (chain.head) result.heads.push(chain.head)
    sealedHashes.push(...chain.sealed.map((e) => e.hash))

    const records = roundRecords(chain.sealed)
    const stored = new Map<string, StoredRound>(
      (roundsByWorkspace.get(workspaceId) ?? []).map((row) => [
        row.id,
        { row, votes: votesByRound.get(row.id) ?? [], baseHash: row.base_round_id ? (contentHashOf.get(row.base_round_id) ?? '') : null },
      ]),
    )
    for (const roundId of new Set([...records.keys(), ...stored.keys()])) {
      const record = records.get(roundId)
      // Answers whose `proposed` entry does not hold: that entry's own problem says it already.
      if (!stored.has(roundId) && !record?.proposed) continue
      result.rounds++
      result.problems.push(...compareRound(workspaceId, record, stored.get(roundId), label))
    }

    const contents = await checkContents(db, store, workspaceId, chain.sealed)
    result.problems.push(...contents.problems)
    result.versions += contents.versions
    result.adoptedTexts += contents.adoptedTexts
  }
  result.missingHeads = heads.filter((prefix) => !sealedHashes.some((hash) => hash.startsWith(prefix)))
  result.ok = result.problems.length === 0 && result.missingHeads.length === 0
  return result
}
