import { pdfFile } from '../../documentExport/pdf.ts'
import type { ReviewDocument } from './model.ts'

const CELL_PADDING = 3

/** A table drawn row by row, cells wrapped in equal columns, a new page (header repeated) when a row would not fit. */
function drawTable(pdf: PDFKit.PDFDocument, columns: readonly string[], rows: readonly (readonly string[])[]): void {
  const left = pdf.page.margins.left
  const width = pdf.page.width - left - pdf.page.margins.right
  const columnWidth = width / columns.length
  const bottom = () => pdf.page.height - pdf.page.margins.bottom
  const heightOf = (cells: readonly string[]) =>
    Math.max(...cells.map((c) => pdf.heightOfString(c || ' ', { width: columnWidth - 2 * CELL_PADDING }))) + 2 * CELL_PADDING
  const drawRow = (cells: readonly string[], header: boolean) => {
    pdf.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(9)
    const height = heightOf(cells)
    if (pdf.y + height > bottom()) {
      pdf.addPage()
      if (!header) drawRow(columns, true)
      pdf.font('Helvetica').fontSize(9)
    }
    const top = pdf.y
    if (header) pdf.rect(left, top, width, height).fill('#e8e8e8').fillColor('black')
    cells.forEach((cell, i) => {
      pdf.text(cell, left + i * columnWidth + CELL_PADDING, top + CELL_PADDING, { width: columnWidth - 2 * CELL_PADDING })
    })
    pdf.lineWidth(0.5).strokeColor('#808080').rect(left, top, width, height).stroke()
    for (let i = 1; i < columns.length; i++)
      pdf
        .moveTo(left + i * columnWidth, top)
        .lineTo(left + i * columnWidth, top + height)
        .stroke()
    pdf.x = left
    pdf.y = top + height
  }
  drawRow(columns, true)
  for (const row of rows) drawRow(row, false)
  pdf.x = left
  pdf.moveDown(0.5)
}

/** The annual review as PDF (pdfkit): a title page, then each section from a new page. */
export function reviewPdf(review: ReviewDocument): Promise<Uint8Array> {
  return pdfFile({ Title: review.title, Subject: review.cover[0] ?? '' }, (pdf) => {
    pdf.moveDown(8).font('Helvetica-Bold').fontSize(26).text(review.title).moveDown()
    pdf.font('Helvetica').fontSize(12).fillColor('#444')
    for (const line of review.cover) pdf.text(line).moveDown(0.3)
    pdf.fillColor('black')
    for (const section of review.sections) {
      pdf.addPage()
      pdf.font('Helvetica-Bold').fontSize(16).text(section.heading).moveDown(0.5)
      for (const block of section.blocks) {
        if (block.kind === 'paragraph') pdf.font('Helvetica').fontSize(11).text(block.text).moveDown(0.4)
        else drawTable(pdf, block.columns, block.rows)
      }
    }
  })
}
