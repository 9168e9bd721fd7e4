import { strToU8, zipSync } from 'fflate'
import { CONTENT_TYPES, DOCUMENT_RELS, paragraph, RELS, SECTION, STYLES, table, W, XML_HEAD } from '../../documentExport/docx.ts'
import { escapeXml, type ExportModel } from './model.ts'

/**
 * Word (.docx, Office Open XML) of the adopted version with its signature page: the same model as the
 * PDF and the ODT, written as WordprocessingML parts in a zip (the parts in documentExport/docx.ts, shared with the annual review).
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
  ].join('')
  const document = `${XML_HEAD}<w:document xmlns:w="${W}"><w:body>${body}${SECTION}</w:body></w:document>`
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<dc:title>${escapeXml(model.title)}</dc:title><dc:description>${escapeXml(model.fingerprints[0]?.value ?? '')}</dc:description></cp:coreProperties>`
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(document),
    'word/_rels/document.xml.rels': strToU8(DOCUMENT_RELS),
    'word/styles.xml': strToU8(STYLES),
    'docProps/core.xml': strToU8(core),
  })
}
