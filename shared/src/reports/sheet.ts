/**
 * A table of a report (docs/SPEC.md EXP): what the CSV and the XLSX writers lay out. A cell is text,
 * a number, a yes/no or empty; numbers stay numbers in both formats (EXP3).
 */
export type Cell = string | number | boolean | null

export interface Sheet {
  /** The tab's name in the XLSX (at most 31 characters, no `[]:*?/\`). */
  name: string
  columns: readonly string[]
  rows: Cell[][]
}

/** What a spreadsheet program reads as the start of a formula (or of a DDE call): `=`, `+`, `-`, `@`, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A cell made inert against formula injection (EXP3, OWASP « CSV injection »): text that a
 * spreadsheet would evaluate (`=HYPERLINK(…)`, `+1`, `-2+3`, `@SUM(…)`) gets a leading apostrophe,
 * so it is shown as written and never run. Numbers, yes/no and empty cells are left as they are: a
 * negative number is a number, not a formula.
 */
export function neutraliseCell(cell: Cell): Cell {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell
}
