import type { Context } from 'hono'
import type { z } from 'zod'
import { badRequest, validationFailed } from '../errors.ts'

/** Parses a JSON body with a shared zod schema; the first issue becomes a 422 naming its field. */
export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw badRequest('The request body must be JSON.')
  }
  const result = schema.safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.length ? issue.path.join('.') : undefined
    throw validationFailed(issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input.', field)
  }
  return result.data
}
