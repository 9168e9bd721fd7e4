import { type Cell, neutraliseCell, type Sheet } from './sheet.ts'

/**
 * CSV for French spreadsheets (EXP2): UTF-8 with a byte order mark (without it Excel reads the
 * accents as Latin-1), `;` between cells (French Excel's list separator: `,` is its decimal mark, so
 * a comma-separated file opens as one column), a decimal comma in numbers (what French Excel reads as
 * a number), CRLF line ends and RFC 4180 quoting. Every cell goes through `neutraliseCell` (EXP3).
 */
export const CSV_SEPARATOR = ';'
export const CSV_BOM = '\uFEFF'

const NEEDS_QUOTES = /[";\r\n]/

function csvCell(cell: Cell): string {
  const safe = neutraliseCell(cell)
  if (safe === null) return ''
  if (typeof safe === 'number') return Number.isFinite(safe) ? String(safe).replace('.', ',') : ''
  if (typeof safe === 'boolean') return safe ? 'oui' : 'non'
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function toCsv(sheet: Sheet): string {
  const lines = [sheet.columns, ...sheet.rows].map((row) => row.map(csvCell).join(CSV_SEPARATOR))
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`
}
