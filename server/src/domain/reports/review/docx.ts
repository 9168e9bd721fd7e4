import { docxFile, paragraph, table } from '../../documentExport/docx.ts'
import type { ReviewDocument } from './model.ts'

/** The annual review as Word: a title page, then each section on its own page (documentExport/docx.ts). */
export function reviewDocx(review: ReviewDocument): Uint8Array {
  const body = [
    paragraph(review.title, 'Title'),
    ...review.cover.map((line) => paragraph(line, 'Subtitle')),
    ...review.sections.flatMap((section) => [
      paragraph(section.heading, 'Heading1', true),
      ...section.blocks.map((block) => (block.kind === 'paragraph' ? paragraph(block.text) : table(block.columns, block.rows))),
    ]),
  ]
  return docxFile({ title: review.title, description: review.cover[0] ?? '' }, body)
}
