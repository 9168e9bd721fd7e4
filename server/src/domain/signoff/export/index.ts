import { exportDocx } from './docx.ts'
import { exportModel, type ExportModel } from './model.ts'
import { exportOdt } from './odt.ts'
import { exportPdf } from './pdf.ts'
import type { AdoptedRecord } from '../adoptedRecord.ts'

/** The formats an adopted version exports to, each laying out the same model (signature page included). */
export const EXPORT_FORMATS = {
  pdf: { contentType: 'application/pdf', render: exportPdf },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', render: exportOdt },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: exportDocx },
} as const satisfies Record<string, { contentType: string; render: (model: ExportModel) => Uint8Array | Promise<Uint8Array> }>

export type ExportFormat = keyof typeof EXPORT_FORMATS

/** A model (adopted or draft) laid out in `format`. */
export const renderExport = (model: ExportModel, format: ExportFormat): Uint8Array | Promise<Uint8Array> => EXPORT_FORMATS[format].render(model)

/** The adopted version in `format`, with its file's content type. */
export async function exportAdopted(record: AdoptedRecord, format: ExportFormat): Promise<{ bytes: Uint8Array; contentType: string }> {
  const { contentType, render } = EXPORT_FORMATS[format]
  return { bytes: await render(exportModel(record)), contentType }
}
