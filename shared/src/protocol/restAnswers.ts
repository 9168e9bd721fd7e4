import { z } from 'zod'

/** Answers several REST routes share (the error answer is `apiErrorSchema`, errorCodes.ts). */

/** A creation answers the new id (`201 {id}`). */
export const createdSchema = z.object({ id: z.string() })

/** A change with nothing more to say answers `{ok: true}`. */
export const okSchema = z.object({ ok: z.literal(true) })

/** `GET /api/health`: the process answers and its storage too. */
export const healthSchema = z.object({ status: z.literal('ok') })
