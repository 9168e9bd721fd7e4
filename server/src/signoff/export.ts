import PDFDocument from 'pdfkit'
import { strToU8, zipSync } from 'fflate'
import { ROOT } from '@ensemble/shared'
import { nodeText, type DocNode } from '../history/documentJson.ts'
import type { AdoptedRecord } from './service.ts'

/** One line of the signature page: a partner, who approved for it, when. */
interface Signature {
  partner: string
  representative: string
  approvedAt: string
}

const signaturesOf = (record: AdoptedRecord): Signature[] =>
  record.round.votes.map((v) => ({ partner: v.partnerName, representative: v.userName ?? '—', approvedAt: v.at ? v.at.slice(0, 10) : '—' }))

/** The adopted text as paragraphs: headings marked, list items and table cells flattened to lines. */
function blocksOf(record: AdoptedRecord): { heading: boolean; text: string }[] {
  const content = (record.document[ROOT.content] ?? []) as DocNode[]
  return content.map((node) => ({ heading: node.type === 'heading', text: nodeText(node) }))
}

const LABELS = {
  adopted: 'Version adoptée / Adopted version',
  signatures: 'Page de signature / Signature page',
  partner: 'Partenaire / Partner',
  representative: 'Représentant·e / Representative',
  date: 'Date d’approbation / Approval date',
  hash: 'Empreinte du texte (SHA-256) / Content hash (SHA-256)',
  amendment: 'Avenant — empreinte précédente / Amendment — previous hash',
}

/** PDF of the adopted version with its signature page (pdfkit, standard fonts, pure JavaScript). */
export function exportPdf(record: AdoptedRecord): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: record.title, Subject: record.round.contentHash } })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    pdf.on('error', reject)
  })
  pdf.font('Helvetica-Bold').fontSize(18).text(record.title)
  pdf.font('Helvetica').fontSize(9).fillColor('#555').text(`${LABELS.adopted} : ${record.version.name} — ${record.round.closedAt?.slice(0, 10) ?? ''}`)
  pdf.fillColor('black').moveDown()
  for (const block of blocksOf(record)) {
    if (block.heading) pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(block.text)
    else pdf.font('Helvetica').fontSize(11).text(block.text, { align: 'justify' })
    pdf.moveDown(0.3)
  }
  pdf.addPage()
  pdf.font('Helvetica-Bold').fontSize(16).text(LABELS.signatures).moveDown()
  for (const s of signaturesOf(record)) {
    pdf.font('Helvetica-Bold').fontSize(11).text(s.partner)
    pdf.font('Helvetica').fontSize(10).text(`${LABELS.representative} : ${s.representative}`)
    pdf.text(`${LABELS.date} : ${s.approvedAt}`).moveDown(0.7)
  }
  pdf.moveDown().font('Helvetica-Bold').fontSize(10).text(LABELS.hash)
  pdf.font('Courier').fontSize(9).text(record.round.contentHash)
  if (record.round.baseHash) {
    pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text(LABELS.amendment)
    pdf.font('Courier').fontSize(9).text(record.round.baseHash)
  }
  pdf.end()
  return done
}

const xml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/\n/g, '<text:line-break/>')

const paragraph = (text: string, style = 'Standard'): string => `<text:p text:style-name="${style}">${xml(text)}</text:p>`

/** OpenDocument text (.odt) of the adopted version with its signature page: a zip of XML parts. */
export function exportOdt(record: AdoptedRecord): Uint8Array {
  const body = [
    `<text:h text:style-name="Title" text:outline-level="1">${xml(record.title)}</text:h>`,
    paragraph(`${LABELS.adopted} : ${record.version.name} — ${record.round.closedAt?.slice(0, 10) ?? ''}`),
    ...blocksOf(record).map((b) => (b.heading ? `<text:h text:outline-level="2">${xml(b.text)}</text:h>` : paragraph(b.text))),
    `<text:h text:style-name="Signatures" text:outline-level="1">${xml(LABELS.signatures)}</text:h>`,
    `<table:table table:name="signatures"><table:table-column table:number-columns-repeated="3"/>`,
    `<table:table-row>${[LABELS.partner, LABELS.representative, LABELS.date].map((h) => `<table:table-cell office:value-type="string">${paragraph(h)}</table:table-cell>`).join('')}</table:table-row>`,
    ...signaturesOf(record).map(
      (s) => `<table:table-row>${[s.partner, s.representative, s.approvedAt].map((v) => `<table:table-cell office:value-type="string">${paragraph(v)}</table:table-cell>`).join('')}</table:table-row>`,
    ),
    `</table:table>`,
    paragraph(LABELS.hash),
    paragraph(record.round.contentHash, 'Hash'),
    ...(record.round.baseHash ? [paragraph(LABELS.amendment), paragraph(record.round.baseHash, 'Hash')] : []),
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
  const meta = `<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><dc:title>${xml(record.title)}</dc:title><dc:description>${record.round.contentHash}</dc:description></office:meta></office:document-meta>`
  // The mimetype entry comes first and uncompressed, as ODF requires.
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(content),
    'meta.xml': strToU8(meta),
    'META-INF/manifest.xml': strToU8(manifest),
  })
}
