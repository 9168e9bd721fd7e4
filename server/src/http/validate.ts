import { isPasswordProblem, PASSWORD_PROBLEM_MESSAGES } from '@ensemble/shared'
import type { Context } from 'hono'
import type { z } from 'zod'
import { AppError, badRequest, validationFailed } from '../errors.ts'

/** Parses a JSON body with a shared zod schema; the first issue becomes a 422 naming its field (and its reason, for a password). */
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
    // A password policy rule gives its reason, which the forms word themselves (ACCT13).
    if (isPasswordProblem(issue?.message)) throw new AppError(422, 'validation_failed', PASSWORD_PROBLEM_MESSAGES[issue.message], field, issue.message)
    throw validationFailed(issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input.', field)
  }
  return result.data
}
