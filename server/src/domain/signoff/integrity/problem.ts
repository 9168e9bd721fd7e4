import type { LocalizedText } from '@ensemble/shared'

/**
 * One thing the audit trail does not vouch for: an entry that does not hold (hash, seal, place in
 * the chain), or a stored row — round, answer, version, document update — that differs from what a
 * sealed entry records. Said in French and English, naming the entry and the row.
 */
export interface AuditProblem {
  workspaceId: string
  /** The audit entry concerned (null: a row no entry names). */
  seq: number | null
  roundId: string | null
  partnerId: string | null
  /** The stored row concerned, as `table key=value…` (null: the entry itself). */
  row: string | null
  message: LocalizedText
}

export const problem = (
  at: { workspaceId: string; seq?: number | null; roundId?: string | null; partnerId?: string | null; row?: string | null },
  fr: string,
  en: string,
): AuditProblem => ({
  workspaceId: at.workspaceId,
  seq: at.seq ?? null,
  roundId: at.roundId ?? null,
  partnerId: at.partnerId ?? null,
  row: at.row ?? null,
  message: { fr, en },
})

/** A stored or recorded value in a message: attacker-written text stays short and on one line. */
export function shown(value: unknown): string {
  const text = value === null || value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value)
  const line = text.replace(/\s+/g, ' ')
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}
