import type { Selectable } from 'kysely'
import type { SignoffAuditTable } from '../../../db/schema.ts'
import { entryHash, GENESIS_HASH, sealHolds, toEntry, type AuditEntry } from '../audit.ts'
import { auditHeadOf, type AuditHead } from '../head.ts'
import { problem, type AuditProblem } from './problem.ts'

export type AuditRow = Selectable<SignoffAuditTable>

/** One workspace's chain, checked. */
export interface ChainCheck {
  workspaceId: string
  /** Entries read. */
  entries: number
  /**
   * The entries whose own hash and seal hold, in order: the server wrote them, with the key. What
   * the sign-off rows are checked against, even when the chain around them is broken.
   */
  sealed: AuditEntry[]
  problems: AuditProblem[]
  /** The last entry found (whether or not it holds): compare it with the head partners hold. */
  head: AuditHead | null
}

/**
 * Walks one workspace's entries (`rows`, in `seq` order). Each entry must hash to its stored hash
 * and carry the key's seal of it — every entry, from the first: with the key present, an entry
 * without a seal is one written without the key (AUDIT1). Each must also follow the previous one
 * (next `seq`, its hash as `prev_hash`; the first follows the genesis hash), so deleted, inserted
 * or moved entries break the chain where they were. A break is reported once, and the walk goes on
 * from the entry found, so one deletion is one problem. A cut tail leaves a sound chain: only a
 * head held outside the database tells (see verify.ts).
 */
export function checkChain(workspaceId: string, rows: readonly AuditRow[], key: string): ChainCheck {
  const problems: AuditProblem[] = []
  const sealed: AuditEntry[] = []
  let previous: { seq: number; hash: string } | null = null
  for (const row of rows) {
    const seq = Number(row.seq)
    const at = { workspaceId, seq }
    const expectedSeq: number = previous ? previous.seq + 1 : 1
    if (seq !== expectedSeq) {
      problems.push(
        problem(
          at,
          `entrée n° ${expectedSeq} attendue, n° ${seq} trouvée : des entrées ont été supprimées, insérées ou déplacées`,
          `expected entry ${expectedSeq}, found ${seq}: entries were deleted, inserted or moved`,
        ),
      )
    } else if (row.prev_hash !== (previous?.hash ?? GENESIS_HASH)) {
      problems.push(problem(at, 'ne suit pas l’entrée précédente (prev_hash)', 'does not link to the previous entry (prev_hash)'))
    }
    if (entryHash(row) !== row.hash) {
      problems.push(problem(at, 'son contenu ne correspond pas à son empreinte', 'content does not match its hash'))
    } else if (row.seal === null) {
      problems.push(problem(at, 'n’a pas de sceau : écrite ou réécrite sans la clé d’audit', 'has no seal: written or rewritten without the audit key'))
    } else if (!sealHolds(key, row.hash, row.seal)) {
      problems.push(
        problem(
          at,
          'son sceau ne correspond pas à son empreinte : réécrite sans la clé d’audit, ou sceau copié d’une autre entrée',
          'seal does not match its hash: rewritten without the audit key, or a seal copied from another entry',
        ),
      )
    } else {
      sealed.push(toEntry(row))
    }
    previous = { seq, hash: row.hash }
  }
  const last = rows.at(-1)
  const head = last ? auditHeadOf({ workspaceId, seq: Number(last.seq), hash: last.hash, at: last.at }) : null
  return { workspaceId, entries: rows.length, sealed, problems, head }
}
