import { neutraliseCell, type Sheet } from '@ensemble/shared'
import writeXlsxFile, { type Cell as XlsxCell } from 'write-excel-file/node'

/**
 * The sheets as one .xlsx (write-excel-file: Office Open XML zipped with fflate, pure JavaScript;
 * docs/ARCHITECTURE.md). Text goes in as text cells, never formulas, and is neutralised too (EXP3)
 * so a sheet copied or saved as CSV from Excel stays inert; numbers stay numbers; the header row is
 * bold and stays in view.
 */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const cell = (value: Sheet['rows'][number][number]): XlsxCell => {
  const safe = neutraliseCell(value)
  if (safe === null) return null
  if (typeof safe === 'number') return { value: safe, type: Number }
  if (typeof safe === 'boolean') return { value: safe ? 'oui' : 'non', type: String }
  return { value: safe, type: String }
}

export async function toXlsx(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const buffer = await writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      stickyRowsCount: 1,
      columns: sheet.columns.map((c) => ({ width: Math.min(60, Math.max(12, c.length + 2)) })),
      data: [sheet.columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' as const })), ...sheet.rows.map((row) => row.map(cell))],
    })),
    { fontFamily: 'Calibri', fontSize: 11 },
  ).toBuffer()
  // A copy that owns its buffer: handed back from the document thread without another copy.
  return new Uint8Array(buffer)
}
