import PDFDocument from 'pdfkit'

/**
 * A PDF written by pdfkit (standard fonts, pure JavaScript), A4 with 2 cm margins as the sign-off
 * exports have it: `draw` lays the pages out, the bytes come back once pdfkit ends. The annual
 * review's; signoff/export/pdf.ts still opens its own document with the same settings (it is being
 * reworked for drafts) and can take this one over.
 */
export function pdfFile(info: { Title: string; Subject: string }, draw: (pdf: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info })
  const chunks: Buffer[] = []
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    pdf.on('error', reject)
  })
  draw(pdf)
  pdf.end()
  return done
}
