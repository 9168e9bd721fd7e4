import { strToU8, zipSync } from 'fflate'
import { escapeXml, type ExportModel } from './model.ts'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

/** One run per line of `text`, joined by line breaks. */
const runs = (text: string): string =>
  text
    .split('\n')
    .map((line) => `<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join('<w:r><w:br/></w:r>')

const paragraph = (text: string, style?: string, pageBreakBefore = false): string => {
  const props = style || pageBreakBefore ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${pageBreakBefore ? '<w:pageBreakBefore/>' : ''}</w:pPr>` : ''
  return `<w:p>${props}${runs(text)}</w:p>`
}

const BORDER =
  '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>'

/** The signature table: one header row, one row per partner, borders drawn without a table style. */
function table(columns: readonly string[], rows: string[][]): string {
  const width = Math.floor(9638 / columns.length)
  const row = (cells: readonly string[], header: boolean) =>
    `<w:tr>${header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${cells
      .map((c) => `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraph(c, header ? 'TableHeader' : undefined)}</w:tc>`)
      .join('')}</w:tr>`
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${width * columns.length}" w:type="dxa"/><w:tblBorders>${BORDER}</w:tblBorders></w:tblPr>` +
    `<w:tblGrid>${columns.map(() => `<w:gridCol w:w="${width}"/>`).join('')}</w:tblGrid>` +
    row(columns, true) +
    rows.map((cells) => row(cells, false)).join('') +
    '</w:tbl>'
  )
}

const style = (id: string, name: string, paragraphProps: string, runProps: string) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>${paragraphProps}</w:pPr><w:rPr>${runProps}</w:rPr></w:style>`

const STYLES =
  `${XML_HEAD}<w:styles xmlns:w="${W}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:cs="Liberation Sans"/><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr></w:style>' +
  style('Title', 'Title', '<w:spacing w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="36"/>') +
  style('Subtitle', 'Subtitle', '<w:jc w:val="left"/>', '<w:color w:val="555555"/><w:sz w:val="18"/>') +
  style(
    'Heading1',
    'heading 1',
    '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/>',
    '<w:b/><w:sz w:val="32"/>',
  ) +
  style(
    'Heading2',
    'heading 2',
    '<w:keepNext/><w:spacing w:before="200" w:after="80"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/>',
    '<w:b/><w:sz w:val="26"/>',
  ) +
  style('TableHeader', 'Table Header', '<w:jc w:val="left"/>', '<w:b/>') +
  style('Hash', 'Hash', '<w:jc w:val="left"/>', '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="18"/>') +
  '</w:styles>'

/** The header part's content type and relationship: only a draft has a header (its mark). */
const HEADER_TYPE = '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
const HEADER_REL = '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'

const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>'

const RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>'

const DOCUMENT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>'

const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** The page header of a draft: its mark, on every page (SIGN15). */
const header = (mark: string): string =>
  `${XML_HEAD}<w:hdr xmlns:w="${W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="B00020"/></w:rPr><w:t xml:space="preserve">${escapeXml(mark)}</w:t></w:r></w:p></w:hdr>`

/** A4 with 2 cm margins (twentieths of a point), a draft's header on every page. */
const section = (marked: boolean): string =>
  `<w:sectPr>${marked ? '<w:headerReference w:type="default" r:id="rId2"/>' : ''}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>`

/**
 * Word (.docx, Office Open XML) of the adopted version with its signature page, or of a draft marked in
 * the header of every page: the same model as the
 * PDF and the ODT, written as WordprocessingML parts in a zip (no template, no dependency but fflate).
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
