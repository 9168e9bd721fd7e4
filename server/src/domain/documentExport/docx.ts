import { strToU8, zipSync } from 'fflate'
import { escapeXml } from './xml.ts'

/**
 * WordprocessingML written by hand and zipped with fflate (no template, no other dependency): the
 * parts every Word file of the server shares, for the sign-off exports (signoff/export/docx.ts) and
 * the annual review (reports/review/docx.ts). Styles: Title, Subtitle, Heading1, Heading2,
 * TableHeader, Hash.
 */
export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

/** One run per line of `text`, joined by line breaks. */
const runs = (text: string): string =>
  text
    .split('\n')
    .map((line) => `<w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join('<w:r><w:br/></w:r>')

export const paragraph = (text: string, style?: string, pageBreakBefore = false): string => {
  const props = style || pageBreakBefore ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${pageBreakBefore ? '<w:pageBreakBefore/>' : ''}</w:pPr>` : ''
  return `<w:p>${props}${runs(text)}</w:p>`
}

const BORDER =
  '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>'

/** A table: one header row (repeated on each page), one row per line, borders drawn without a table style. */
export function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
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

export const STYLES =
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

export const CONTENT_TYPES =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>'

export const RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>'

export const DOCUMENT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>'

/** A4 with 2 cm margins (twentieths of a point). */
export const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The .docx file of `body` (paragraphs and tables from `paragraph` and `table`), with its title and description in the core properties. */
export function docxFile(meta: { title: string; description: string }, body: readonly string[]): Uint8Array {
  const document = `${XML_HEAD}<w:document xmlns:w="${W}"><w:body>${body.join('')}${SECTION}</w:body></w:document>`
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<dc:title>${escapeXml(meta.title)}</dc:title><dc:description>${escapeXml(meta.description)}</dc:description></cp:coreProperties>`
  return zipSync({
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(RELS),
    'word/document.xml': strToU8(document),
    'word/_rels/document.xml.rels': strToU8(DOCUMENT_RELS),
    'word/styles.xml': strToU8(STYLES),
    'docProps/core.xml': strToU8(core),
  })
}
