import { z } from 'zod'
import { LIMITS } from '../limits.ts'

export const DOCUMENT_STATUSES = ['draft', 'proposed', 'adopted'] as const
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES)
export type DocumentStatus = z.infer<typeof documentStatusSchema>

/** The `meta` map of a rich-text document (vision, charter, agreement, convention). */
export const documentMetaSchema = z.object({
  title: z.string().max(LIMITS.actionTitleLength),
  status: documentStatusSchema,
  adoptedVersionId: z.string().max(64).nullable(),
})
export type DocumentMeta = z.infer<typeof documentMetaSchema>
