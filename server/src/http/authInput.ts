import type { MiddlewareHandler } from 'hono'
import { signInSchema, signUpSchema } from '@ensemble/shared'
import type { z } from 'zod'
import { badRequest, validationFailed } from '../errors.ts'
import type { AppEnv } from './context.ts'

/** better-auth validates less than we promise: the shared schemas are applied first. */
const SCHEMAS: Record<string, z.ZodType> = {
  '/api/auth/sign-up/email': signUpSchema,
  '/api/auth/sign-in/email': signInSchema,
}

/**
 * Checks the JSON body of auth POSTs before better-auth sees it: malformed JSON is a 400 (not a 500
 * from inside the library), and sign-up/sign-in bodies must pass the shared schemas. The body is
 * re-attached so better-auth reads it unchanged.
 */
export const checkAuthInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST') return next()
  const text = await c.req.raw.clone().text()
  if (!text) return next()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw badRequest('The request body must be JSON.')
  }
  const schema = SCHEMAS[c.req.path]
  if (schema) {
    const result = schema.safeParse(body)
    if (!result.success) {
      const issue = result.error.issues[0]!
      const field = issue.path.join('.') || undefined
      throw validationFailed(`${field ? `${field}: ` : ''}${issue.message}`, field)
    }
  }
  await next()
}
