import PDFDocument from 'pdfkit'
import type { ExportModel } from './model.ts'

/** PDF of the adopted version with its signature page (pdfkit, standard fonts, pure JavaScript). */
export function exportPdf(model: ExportModel): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: model.title, Subject: model.fingerprints[0]?.value ?? '' } })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    pdf.on('error', reject)
  })
  pdf.font('Helvetica-Bold').fontSize(18).text(model.title)
  pdf.font('Helvetica').fontSize(9).fillColor('#555').text(model.subtitle)
  pdf.fillColor('black').moveDown()
  for (const block of model.blocks) {
    if (block.heading) pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(block.text)
    else pdf.font('Helvetica').fontSize(11).text(block.text, { align: 'justify' })
    pdf.moveDown(0.3)
  }
  pdf.addPage()
  pdf.font('Helvetica-Bold').fontSize(16).text(model.signatures.heading).moveDown()
  const [, representative, answer, date] = model.signatures.columns
  for (const s of model.signatures.rows) {
    pdf.font('Helvetica-Bold').fontSize(11).text(s.partner)
    pdf.font('Helvetica').fontSize(10).text(`${representative} : ${s.representative}`)
    pdf.text(`${answer} : ${s.answer}`)
    pdf.text(`${date} : ${s.answeredAt}`).moveDown(0.7)
  }
  for (const { label, value } of model.fingerprints) {
    pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(10).text(label)
    pdf.font('Courier').fontSize(9).text(value)
  }
  pdf.end()
  return done
}
