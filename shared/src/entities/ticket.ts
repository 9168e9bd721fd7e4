import { z } from 'zod'

/** `POST /api/workspaces/:id/tickets`: a single-use websocket ticket and how long it works (LIMITS.ticketTtlMs). */
export const ticketSchema = z.object({ ticket: z.string(), expiresInMs: z.number().int() })
export type Ticket = z.infer<typeof ticketSchema>
