import { strToU8, zipSync } from 'fflate'
import { escapeXml, type ExportModel } from './model.ts'

const xml = (text: string): string => escapeXml(text).replace(/\n/g, '<text:line-break/>')
const paragraph = (text: string, style = 'Standard'): string => `<text:p text:style-name="${style}">${xml(text)}</text:p>`
const row = (cells: readonly string[]): string =>
  `<table:table-row>${cells.map((v) => `<table:table-cell office:value-type="string">${paragraph(v)}</table:table-cell>`).join('')}</table:table-row>`

/** OpenDocument text (.odt) of the adopted version with its signature page: a zip of XML parts. */
export function exportOdt(model: ExportModel): Uint8Array {
  const { signatures } = model
  const body = [
    `<text:h text:style-name="Title" text:outline-level="1">${xml(model.title)}</text:h>`,
    paragraph(model.subtitle),
    ...model.blocks.map((b) => (b.heading ? `<text:h text:outline-level="2">${xml(b.text)}</text:h>` : paragraph(b.text))),
    `<text:h text:style-name="Signatures" text:outline-level="1">${xml(signatures.heading)}</text:h>`,
    `<table:table table:name="signatures"><table:table-column table:number-columns-repeated="${signatures.columns.length}"/>`,
    row(signatures.columns),
    ...signatures.rows.map((s) => row([s.partner, s.representative, s.answer, s.answeredAt])),
    `</table:table>`,
    ...model.fingerprints.flatMap(({ label, value }) => [paragraph(label), paragraph(value, 'Hash')]),
  ].join('')
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
  const styles =
    '<office:automatic-styles>' +
    '<style:style style:name="Signatures" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>' +
    '<style:style style:name="Hash" style:family="paragraph"><style:text-properties style:font-name="Courier" fo:font-family="Courier" fo:font-size="9pt"/></style:style>' +
    '</office:automatic-styles>'
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns} office:version="1.3">${styles}<office:body><office:text>${body}</office:text></office:body></office:document-content>`
  const manifest =
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>'
  const meta = `<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><dc:title>${xml(model.title)}</dc:title><dc:description>${xml(model.fingerprints[0]?.value ?? '')}</dc:description></office:meta></office:document-meta>`
  // The mimetype entry comes first and uncompressed, as ODF requires.
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(content),
    'meta.xml': strToU8(meta),
    'META-INF/manifest.xml': strToU8(manifest),
  })
}
