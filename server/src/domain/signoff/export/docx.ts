import { docxFile, paragraph, table } from '../../documentExport/docx.ts'
import type { ExportModel } from './model.ts'

/**
 * Word (.docx, Office Open XML) of the adopted version with its signature page: the same model as the
 * PDF and the ODT, written as WordprocessingML parts in a zip (documentExport/docx.ts).
 */
export function exportDocx(model: ExportModel): Uint8Array {
  const { signatures } = model
  const body = [
    paragraph(model.title, 'Title'),
    paragraph(model.subtitle, 'Subtitle'),
    ...model.blocks.map((b) => paragraph(b.text, b.heading ? 'Heading2' : undefined)),
    paragraph(signatures.heading, 'Heading1', true),
    table(
      signatures.columns,
      signatures.rows.map((s) => [s.partner, s.representative, s.answer, s.answeredAt]),
    ),
    ...model.fingerprints.flatMap(({ label, value }) => [paragraph(label, 'TableHeader'), paragraph(value, 'Hash')]),
  ]
  return docxFile({ title: model.title, description: model.fingerprints[0]?.value ?? '' }, body)
}
