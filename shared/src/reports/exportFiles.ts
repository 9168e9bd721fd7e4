import { z } from 'zod'

/**
 * The files of the « Rapports » page (docs/SPEC.md EXP), named by their path segment:
 * `plan.csv`, `objectives.xlsx`, `indicators.csv`, `balance.xlsx` (EXP8)… and `bilan-annuel-2026.docx|.pdf`.
 * A new table is one more name in TABLE_REPORTS.
 */
export const TABLE_REPORTS = ['plan', 'objectives', 'indicators', 'balance'] as const
export type TableReport = (typeof TABLE_REPORTS)[number]
export const TABLE_FORMATS = ['csv', 'xlsx'] as const
export type TableFormat = (typeof TABLE_FORMATS)[number]
export const REVIEW_FORMATS = ['docx', 'pdf'] as const
export type ReviewFormat = (typeof REVIEW_FORMATS)[number]

/** Years an annual review can be asked for. */
export const REVIEW_YEARS = { min: 2000, max: 2100 } as const

export type ExportFile = { kind: 'table'; report: TableReport; format: TableFormat } | { kind: 'review'; year: number; format: ReviewFormat }

const TABLE_FILE = new RegExp(`^(${TABLE_REPORTS.join('|')})\\.(${TABLE_FORMATS.join('|')})$`)
const REVIEW_FILE = new RegExp(`^bilan-annuel-(\\d{4})\\.(${REVIEW_FORMATS.join('|')})$`)

/** The file name of an export (also its Content-Disposition name, ASCII only). */
export function exportFileName(file: ExportFile): string {
  return file.kind === 'table' ? `${file.report}.${file.format}` : `bilan-annuel-${file.year}.${file.format}`
}

/** Parses a file name of the route; null when it names no export. */
export function parseExportFile(name: string): ExportFile | null {
  const table = TABLE_FILE.exec(name)
  if (table) return { kind: 'table', report: table[1] as TableReport, format: table[2] as TableFormat }
  const review = REVIEW_FILE.exec(name)
  if (!review) return null
  const year = Number(review[1])
  if (year < REVIEW_YEARS.min || year > REVIEW_YEARS.max) return null
  return { kind: 'review', year, format: review[2] as ReviewFormat }
}

export const exportFileParamSchema = z.object({
  file: z
    .string()
    .max(40)
    .refine((name) => parseExportFile(name) !== null, {
      message: `Unknown export: ${TABLE_REPORTS.join('|')} .csv|.xlsx, or bilan-annuel-YYYY.docx|.pdf (${REVIEW_YEARS.min}–${REVIEW_YEARS.max})`,
    }),
})
