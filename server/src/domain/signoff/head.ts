/**
 * The head of an alliance's audit chain: its last entry. Printed on every export's signature page
 * and in each partner's confirmation email, it is the value partners hold outside the database, so
 * `audit:verify --head <value>` can tell a chain whose last entries were deleted (AUDIT4).
 */
export interface AuditHead {
  workspaceId: string
  seq: number
  /** The entry's SHA-256, 64 hexadecimal digits. */
  hash: string
  /** The first 16 digits in groups of four (`1a2b-3c4d-5e6f-7a8b`): read aloud, typed back, 64 bits. */
  short: string
  /** When the entry was written (ISO). */
  at: string
}

/** Hex digits of the short form: 64 bits, far beyond guessing, and short enough to read out. */
const SHORT_DIGITS = 16

export const shortHash = (hash: string): string =>
  hash
    .slice(0, SHORT_DIGITS)
    .match(/.{1,4}/g)!
    .join('-')

export const auditHeadOf = (entry: { workspaceId: string; seq: number; hash: string; at: string }): AuditHead => ({
  workspaceId: entry.workspaceId,
  seq: entry.seq,
  hash: entry.hash,
  short: shortHash(entry.hash),
  at: entry.at,
})

/** `2025-02-12 10:42:13 UTC`: the entry's time as printed beside its head. */
export const headTime = (at: string): string => `${at.slice(0, 10)} ${at.slice(11, 19)} UTC`

/**
 * A head as a partner types it back (`--head`): the full hash or its short form, any case, with or
 * without dashes and spaces. Returns the hex prefix to look for, or null when it is not one (fewer
 * than 16 digits could match an entry by chance).
 */
export function parseHead(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '').toLowerCase()
  return /^[0-9a-f]+$/.test(digits) && digits.length >= SHORT_DIGITS && digits.length <= 64 ? digits : null
}
