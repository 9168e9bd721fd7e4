import { z } from 'zod'
import { orderKeySchema } from '../layouts/order.ts'
import { LIMITS } from '../limits.ts'

/**
 * The internal diagnostic (docs/SPEC.md DIAG): each partner fills in its own MOFF matrix — forces,
 * faiblesses (internal), opportunités, menaces (external) — one item per point, with an optional
 * detail. An item belongs to its author partner for life: only that partner's members write it.
 */
export const DIAGNOSTIC_QUADRANTS = ['forces', 'faiblesses', 'opportunites', 'menaces'] as const
export const diagnosticQuadrantSchema = z.enum(DIAGNOSTIC_QUADRANTS)
export type DiagnosticQuadrant = z.infer<typeof diagnosticQuadrantSchema>

export const diagnosticItemSchema = z
  .object({
    /** The partner whose matrix holds it (the writer's own, checked by the server). */
    partnerId: z.string().min(1).max(64),
    quadrant: diagnosticQuadrantSchema,
    text: z.string().trim().min(1).max(LIMITS.diagnosticItemLength),
    detail: z.string().max(LIMITS.diagnosticDetailLength),
    order: orderKeySchema,
  })
  .strict()
export type DiagnosticItem = z.infer<typeof diagnosticItemSchema>

export const DIAGNOSTIC_ITEM_FIELDS = ['partnerId', 'quadrant', 'text', 'detail', 'order'] as const satisfies readonly (keyof DiagnosticItem)[]
