import { idSchema, isPasswordProblem, PASSWORD_PROBLEM_MESSAGES } from '@ensemble/shared'
import type { Context, MiddlewareHandler } from 'hono'
import { resolver, uniqueSymbol } from 'hono-openapi'
import { z } from 'zod'
import { AppError, badRequest, notFound, validationFailed } from '../errors.ts'
import type { AppEnv } from './context.ts'

/**
 * The validators of a route, each a middleware placed in the route's chain (after the membership and
 * rate checks it must not overtake). Each parses one part of the request with a shared zod schema,
 * refuses it as the API always has (a body that is not JSON: 400; an issue: 422 naming its field; a
 * malformed id: 404, since it names nothing), hands the parsed value to the handler
 * (`c.req.valid('json' | 'query' | 'param')`), types the client's call (Hono's RPC types) and
 * describes itself in the OpenAPI document (hono-openapi reads the schema it carries).
 *
 * hono-openapi's own `validator()` is not used: Hono's validator reads a body only when it is sent as
 * `application/json`, and answers a malformed one with its own 400; the API reads any body as JSON.
 */
type Validated<Target extends 'json' | 'query' | 'param', In, Out> = MiddlewareHandler<
  AppEnv,
  string,
  { in: { [K in Target]: In }; out: { [K in Target]: Out } }
>

/** Attaches `schema` to `middleware` the way hono-openapi's validators carry theirs, for the document. */
export function documented<M extends MiddlewareHandler<AppEnv, string, object>>(middleware: M, target: 'json' | 'query' | 'param', schema: z.ZodType): M {
  return Object.assign(middleware, { [uniqueSymbol]: { target, ...resolver(schema) } })
}

/** Hands `data` to the handler, beside what an earlier validator of the same part gave (a path's document name and its ids). */
function addValidated(c: Context<AppEnv>, target: 'query' | 'param', data: object): void {
  const earlier = (c.req.valid as (target: string) => object | undefined)(target)
  c.req.addValidatedData(target, { ...earlier, ...data })
}

/** The first issue as the API's 422, naming its field; a password policy rule gives its reason, which forms word themselves (ACCT13). */
export function firstIssue(error: z.ZodError, fallback: string): AppError {
  const issue = error.issues[0]
  const field = issue?.path.length ? issue.path.join('.') : undefined
  if (isPasswordProblem(issue?.message)) return new AppError(422, 'validation_failed', PASSWORD_PROBLEM_MESSAGES[issue.message], field, issue.message)
  return validationFailed(issue ? `${field ? `${field}: ` : ''}${issue.message}` : fallback, field)
}

/** The JSON body, whatever its content type, parsed with `schema`. */
export function jsonBody<S extends z.ZodType>(schema: S): Validated<'json', z.input<S>, z.output<S>> {
  return documented<Validated<'json', z.input<S>, z.output<S>>>(
    async (c, next) => {
      let body: unknown
      try {
        body = await c.req.json()
      } catch {
        throw badRequest('The request body must be JSON.')
      }
      const result = schema.safeParse(body)
      if (!result.success) throw firstIssue(result.error, 'Invalid input.')
      c.req.addValidatedData('json', result.data as object)
      await next()
    },
    'json',
    schema,
  )
}

/**
 * The query string parsed with `schema`. A parameter named in `ids` holds an id: a malformed one is
 * the 404 of what it would name (e.g. `{ before: 'Version' }`), like a path id. `refusal`, when given,
 * is the one answer to any issue (a link whose token is bad is bad, whatever the issue).
 */
export function query<S extends z.ZodObject>(
  schema: S,
  { ids = {}, refusal }: { ids?: Partial<Record<keyof z.input<S>, string>>; refusal?: () => AppError } = {},
): Validated<'query', z.input<S>, z.output<S>> {
  return documented<Validated<'query', z.input<S>, z.output<S>>>(
    async (c, next) => {
      const result = schema.safeParse(c.req.query())
      if (!result.success) {
        if (refusal) throw refusal()
        const what = ids[result.error.issues[0]?.path[0] as keyof z.input<S>]
        throw what ? notFound(what) : firstIssue(result.error, 'Invalid query.')
      }
      addValidated(c, 'query', result.data)
      await next()
    },
    'query',
    schema,
  )
}

/**
 * Path parameters that hold ids, each with what it names (`{ threadId: 'Thread' }`): a malformed id
 * names nothing, so it is that thing's 404 (`Thread not found.`), checked in the order given.
 */
export function pathIds<const Names extends Record<string, string>>(
  names: Names,
): Validated<'param', { [K in keyof Names]: string }, { [K in keyof Names]: string }> {
  const schema = z.object(Object.fromEntries(Object.keys(names).map((name) => [name, idSchema])))
  return documented<Validated<'param', { [K in keyof Names]: string }, { [K in keyof Names]: string }>>(
    async (c, next) => {
      const ids: Record<string, string> = {}
      for (const [name, what] of Object.entries(names)) {
        const id = c.req.param(name) ?? ''
        if (!idSchema.safeParse(id).success) throw notFound(what)
        ids[name] = id
      }
      addValidated(c, 'param', ids)
      await next()
    },
    'param',
    schema,
  )
}

/** A path parameter checked by `check` (which throws the refusal), documented as `schema`. */
export function pathParam<const Name extends string>(
  name: Name,
  schema: z.ZodType<string>,
  check: (value: string) => string,
): Validated<'param', { [K in Name]: string }, { [K in Name]: string }> {
  return documented<Validated<'param', { [K in Name]: string }, { [K in Name]: string }>>(
    async (c, next) => {
      addValidated(c, 'param', { [name]: check(c.req.param(name) ?? '') })
      await next()
    },
    'param',
    z.object({ [name]: schema }),
  )
}
