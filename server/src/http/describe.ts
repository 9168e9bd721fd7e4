import { apiErrorSchema } from '@ensemble/shared'
import type { MiddlewareHandler } from 'hono'
import { describeRoute, resolver } from 'hono-openapi'
import { z } from 'zod'
import type { AppEnv } from './context.ts'

/** A non-JSON answer (a file, an event stream, nothing), as the OpenAPI document shows it. */
export interface OtherAnswer {
  description: string
  content?: Record<string, { schema: object }>
}

/** A success answer: a shared zod schema (JSON), or another kind of answer. */
export type Answer = z.ZodType | OtherAnswer

/** An empty answer (204). */
export const noContent: OtherAnswer = { description: 'No content' }

/** A file or a stream of `mediaType`. */
export const fileAnswer = (mediaType: string, description: string): OtherAnswer => ({ description, content: { [mediaType]: { schema: { type: 'string' } } } })

/**
 * JSON whose shape is a shared TypeScript type without a zod schema yet (the governance meetings'
 * views): the document names the type; the typed client reads it from the route itself.
 */
export const jsonAnswer = (sharedType: string): OtherAnswer => ({
  description: `JSON: ${sharedType}`,
  content: { 'application/json': { schema: { type: 'object' } } },
})

/** Every route may answer an error in the one shape of the API (errors.ts, app.ts's onError). */
const errorAnswer = { description: 'Error: {error:{code,message,field?,reason?}}', content: { 'application/json': { schema: resolver(apiErrorSchema) } } }

/**
 * What a route does and answers, for the OpenAPI document: the first middleware of every route
 * (its schemas for the request come from its validators, validate.ts). `answers` maps each success
 * status to its shared schema.
 */
export function describe(summary: string, answers: Record<number, Answer>): MiddlewareHandler<AppEnv> {
  const responses = Object.fromEntries(
    Object.entries(answers).map(([status, answer]) => [
      status,
      answer instanceof z.ZodType ? { description: 'OK', content: { 'application/json': { schema: resolver(answer) } } } : answer,
    ]),
  )
  return describeRoute({ summary, responses: { ...responses, default: errorAnswer } })
}
