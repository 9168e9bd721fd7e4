import { MESSAGES } from '../messages.ts'
import type { EditStep } from './types.ts'

/**
 * Step 5 (HOST4): an edit that adds content is refused once the document would grow beyond its
 * limit (LIMITS.maxDocumentBytes of its kind), then compensated like any refusal. Deletions and
 * edits that add nothing always pass: a full document can still be trimmed.
 */
export const limitDocumentSize: EditStep = {
  name: 'limitDocumentSize',
  run(context) {
    if (context.refusal || context.inserted.length === 0) return
    if (!context.room.size.admits(context.applied!.byteLength)) {
      context.refusal = { code: 'document_too_large', entity: '', message: MESSAGES.documentTooLarge }
    }
  },
}
