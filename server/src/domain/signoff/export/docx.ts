import { strToU8, zipSync } from 'fflate'
import { CONTENT_TYPES, DOCUMENT_RELS, paragraph, RELS, STYLES, table, W, XML_HEAD } from '../../documentExport/docx.ts'
import { escapeXml, type ExportModel } from './model.ts'

/** The header part's content type and relationship: only a draft has a header (its mark). */
const HEADER_TYPE = '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
const HEADER_REL = '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** The page header of a draft: its mark, on every page (SIGN15). */
const header = (mark: string): string =>
  `${XML_HEAD}<w:hdr xmlns:w="${W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="B00020"/></w:rPr><w:t xml:space="preserve">${escapeXml(mark)}</w:t></w:r></w:p></w:hdr>`

/** A4 with 2 cm margins (twentieths of a point), a draft's header on every page. */
const section = (marked: boolean): string =>
  `<w:sectPr>${marked ? '<w:headerReference w:type="default" r:id="rId2"/>' : ''}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>`

/**
 * Word (.docx, Office Open XML) of the adopted version with its signature page, or of a draft marked in
 * the header of every page: the same model as the PDF and the ODT, written as WordprocessingML parts in a
 * zip (the parts in documentExport/docx.ts, shared with the annual review).
 */
export function exportDocx(model: ExportModel): Uint8Array {
  const { signatures } = model
  const body = [
    paragraph(model.title, 'Title'),
    paragraph(model.subtitle, 'Subtitle'),
    ...model.blocks.map((b) => paragraph(b.text, b.heading ? 'Heading2' : undefined)),
    ...(signatures
      ? [
          paragraph(signatures.heading, 'Heading1', true),
          table(
            signatures.columns,
            signatures.rows.map((s) => [s.partner, s.representative, s.answer, s.answeredAt]),
          ),
        ]
      : []),
    ...model.fingerprints.flatMap(({ label, value }) => [paragraph(label, 'TableHeader'), paragraph(value, 'Hash')]),
  ].join('')
  const document = `${XML_HEAD}<w:document xmlns:w="${W}"${model.mark ? ` xmlns:r="${R}"` : ''}><w:body>${body}${section(model.mark !== null)}</w:body></w:document>`
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<dc:title>${escapeXml(model.title)}</dc:title><dc:description>${escapeXml(model.fingerprints[0]?.value ?? '')}</dc:description></cp:coreProperties>`
  return zipSync({
    '[Content_Types].xml': strToU8(model.mark ? CONTENT_TYPES.replace('</Types>', `${HEADER_TYPE}</Types>`) : CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(document),
    'word/_rels/document.xml.rels': strToU8(model.mark ? DOCUMENT_RELS.replace('</Relationships>', `${HEADER_REL}</Relationships>`) : DOCUMENT_RELS),
    ...(model.mark ? { 'word/header1.xml': strToU8(header(model.mark)) } : {}),
    'word/styles.xml': strToU8(STYLES),
    'docProps/core.xml': strToU8(core),
  })
}
