import { type ExportFile, toCsv } from '@ensemble/shared'
import { DOCX_CONTENT_TYPE } from '../documentExport/docx.ts'
import { type ReportContext, reportData } from './data.ts'
import { reviewDocx } from './review/docx.ts'
import { reviewDocument } from './review/model.ts'
import { reviewPdf } from './review/pdf.ts'
import { TABLES } from './sheets.ts'
import { toXlsx, XLSX_CONTENT_TYPE } from './xlsx.ts'

const utf8 = new TextEncoder()

/** The Content-Type of each format of the exports. */
export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: XLSX_CONTENT_TYPE,
  docx: DOCX_CONTENT_TYPE,
  pdf: 'application/pdf',
} as const satisfies Record<ExportFile['format'], string>

/** The file's bytes, from the plan document's JSON and what the event loop gathered (runs on a document thread). */
export async function renderReport(plan: Record<string, unknown>, context: ReportContext, file: ExportFile): Promise<Uint8Array> {
  const data = reportData(plan, context)
  if (file.kind === 'review') {
    const review = reviewDocument(data, file.year)
    return file.format === 'docx' ? reviewDocx(review) : reviewPdf(review)
  }
  const sheets = TABLES[file.report].sheets.map((sheet) => sheet(data))
  return file.format === 'csv' ? utf8.encode(toCsv(sheets[0]!)) : toXlsx(sheets)
}
