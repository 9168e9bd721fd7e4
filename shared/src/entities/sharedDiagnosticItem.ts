import { z } from 'zod'
import { orderKeySchema } from '../layouts/order.ts'
import { LIMITS } from '../limits.ts'
import { diagnosticQuadrantSchema } from './diagnosticItem.ts'

/**
 * An item of the alliance's shared matrix (DIAG4): written by steering, or picked from a partner's
 * matrix, in which case it keeps the source item's id and partner (its provenance) while its text
 * may then be reworded.
 */
export const sharedDiagnosticItemSchema = z
  .object({
    quadrant: diagnosticQuadrantSchema,
    text: z.string().trim().min(1).max(LIMITS.diagnosticItemLength),
    detail: z.string().max(LIMITS.diagnosticDetailLength),
    order: orderKeySchema,
    sourceItemId: z.string().min(1).max(64).nullable(),
    sourcePartnerId: z.string().min(1).max(64).nullable(),
  })
  .strict()
export type SharedDiagnosticItem = z.infer<typeof sharedDiagnosticItemSchema>

export const SHARED_DIAGNOSTIC_ITEM_FIELDS = [
  'quadrant',
  'text',
  'detail',
  'order',
  'sourceItemId',
  'sourcePartnerId',
] as const satisfies readonly (keyof SharedDiagnosticItem)[]
