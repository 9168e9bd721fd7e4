import * as Y from 'yjs'
import { z } from 'zod'
import { contentOf } from '../layouts/richTextLayout.ts'
import { LIMITS } from '../limits.ts'

/**
 * The minutes' life (GOV16, GOV21): draft → amendments (attendees propose changes until a date,
 * the chair accepts or rejects each) → locked, by an adopted `minutes` decision of a later meeting
 * of the same body. `approved` is the state minutes approved before GOV21 kept; it locks as well.
 */

/** Minutes go draft → amendments (attendees propose changes until a date) → approved, by a decision, which locks them. */
export const MINUTES_STATUSES = ['draft', 'amendments', 'approved', 'locked'] as const
export const minutesStatusSchema = z.enum(MINUTES_STATUSES)
export type MinutesStatus = z.infer<typeof minutesStatusSchema>

export const AMENDMENT_STATUSES = ['pending', 'accepted', 'rejected'] as const
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number]

const amendmentText = z.string().trim().min(1).max(LIMITS.textFieldLength)

export const proposeAmendmentSchema = z.object({
  /** The new wording (replacing `quote`), or a passage to add at the end when there is no quote. */
  text: amendmentText,
  /** The passage of the minutes it changes, as it reads now. */
  quote: amendmentText.nullable().default(null),
})
export type ProposeAmendmentInput = z.infer<typeof proposeAmendmentSchema>

export const decideAmendmentSchema = z.object({ status: z.enum(['accepted', 'rejected']) })

export interface MinutesAmendment {
  id: string
  meetingId: string
  authorId: string
  text: string
  quote: string | null
  status: AmendmentStatus
  createdAt: string
  decidedBy: string | null
  decidedAt: string | null
}

/** Minutes that accept no edit any more. */
export const minutesLocked = (status: MinutesStatus): boolean => status === 'approved' || status === 'locked'

/** Whether a new amendment may be proposed on `today` (ISO date): during the period, its last day included. */
export const amendmentsOpen = (meeting: { minutesStatus: MinutesStatus; amendmentsUntil: string | null }, today: string): boolean =>
  meeting.minutesStatus === 'amendments' && meeting.amendmentsUntil !== null && today <= meeting.amendmentsUntil

/** The plain text of a text node, an embed counting as one character (as Yjs indexes do). */
const plainText = (text: Y.XmlText): string =>
  text
    .toDelta()
    .map((d: { insert: unknown }) => (typeof d.insert === 'string' ? d.insert : '\uFFFC'))
    .join('')

/**
 * Applies an accepted amendment to the minutes document: the first passage reading `quote`
 * (within one paragraph) becomes `text`, keeping its formatting around it; without a quote, `text`
 * is added as a last paragraph. False, changing nothing, when the quoted passage is no longer there.
 */
export function applyAmendment(doc: Y.Doc, quote: string | null, text: string): boolean {
  const content = contentOf(doc)
  if (quote === null) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(text)])
    content.push([paragraph])
    return true
  }
  for (const node of content.createTreeWalker((n) => n instanceof Y.XmlText)) {
    const textNode = node as Y.XmlText
    const at = plainText(textNode).indexOf(quote)
    if (at < 0) continue
    // Explicit marks (none is `{}`): left undefined, Yjs would take those of the character before.
    const attributes = formatAt(textNode, at) ?? {}
    textNode.delete(at, quote.length)
    textNode.insert(at, text, attributes)
    return true
  }
  return false
}

/** The marks of the character at `index`, so the new wording reads like the passage it replaces. */
function formatAt(text: Y.XmlText, index: number): Record<string, unknown> | undefined {
  let offset = 0
  for (const d of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof d.insert === 'string' ? d.insert.length : 1
    if (index < offset + length) return d.attributes
    offset += length
  }
  return undefined
}
