import { changePasswordSchema, PASSWORD_PROBLEM_MESSAGES, signInSchema, signUpSchema, updateUserSchema, type ErrorCode } from '@ensemble/shared'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { CLIENT_IP_HEADER } from '../auth/auth.ts'
import { checkPassword } from '../auth/passwordPolicy.ts'
import { AppError, badRequest, notFound } from '../errors.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { describe } from './describe.ts'
import { overTls, secureCookies } from './secureCookies.ts'
import { documented, firstIssue } from './validate.ts'

/**
 * What reaches better-auth at `/api/auth/*`, and what comes back (ACCT9–ACCT13).
 *
 * better-auth serves some thirty endpoints; the product uses six, routed here each with the shared
 * schema its body must pass; only the parsed body is forwarded, so fields nobody checked (an
 * `image`, a `callbackURL`, `revokeOtherSessions`) never reach the library. Every other endpoint
 * is a 404, as if it did not exist. Answers lose any session token before a page script reads them.
 */

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
}

/**
 * better-auth answers errors as `{code, message}`; the API promises `{error:{code,message}}` with
 * one of our stable codes everywhere. Its own code (e.g. INVALID_EMAIL_OR_PASSWORD) is kept as `reason`.
 */
async function toApiError(res: Response): Promise<Response> {
  if (res.ok || res.status < 400) return res
  let body: { code?: unknown; message?: unknown; error?: unknown } = {}
  try {
    body = (await res.clone().json()) as typeof body
  } catch {
    // Empty or non-JSON body (e.g. the rate limiter's 429): the status alone decides.
  }
  if (body.error) return res
  const headers = new Headers(res.headers)
  headers.set('content-type', 'application/json')
  headers.delete('content-length')
  const error = {
    code: CODE_BY_STATUS[res.status] ?? 'internal_error',
    message: typeof body.message === 'string' ? body.message : res.statusText || 'Error.',
    ...(typeof body.code === 'string' ? { reason: body.code } : {}),
  }
  return new Response(JSON.stringify({ error }), { status: res.status, headers })
}

/** `value` without any `token` property, at any depth: a session token never reaches a page script (ACCT11). */
function withoutTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTokens)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'token')
        .map(([key, v]) => [key, withoutTokens(v)]),
    )
  }
  return value
}

async function stripTokens(res: Response): Promise<Response> {
  if (!res.headers.get('content-type')?.includes('application/json')) return res
  const text = await res.text()
  const headers = new Headers(res.headers)
  headers.delete('content-length')
  let body = text
  try {
    body = JSON.stringify(withoutTokens(JSON.parse(text)))
  } catch {
    // Not JSON after all: passed on as it was.
  }
  return new Response(body, { status: res.status, statusText: res.statusText, headers })
}

/**
 * The request body, checked: JSON (an empty body is `{}`), the endpoint's schema (none: nothing is
 * forwarded but `{}`), the password policy on the field holding a new password. What is forwarded.
 */
function authBody<S extends z.ZodType>(
  deps: AppDeps,
  schema: S | null,
  newPassword?: 'password' | 'newPassword',
): MiddlewareHandler<AppEnv, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const text = await c.req.raw.clone().text()
    let body: unknown = {}
    if (text) {
      try {
        body = JSON.parse(text)
      } catch {
        throw badRequest('The request body must be JSON.')
      }
    }
    let data: Record<string, string> = {}
    if (schema) {
      const result = schema.safeParse(body)
      if (!result.success) throw firstIssue(result.error, 'Invalid input.')
      data = result.data as Record<string, string>
    }
    if (newPassword) {
      // Sign-up names the person in its body; a password change names them through the session.
      const identity = c.req.path.endsWith('/sign-up/email') ? data : (await deps.auth.api.getSession({ headers: c.req.raw.headers }))?.user
      const problem = checkPassword(data[newPassword]!, { email: identity?.email, name: identity?.name })
      if (problem) throw new AppError(422, 'validation_failed', PASSWORD_PROBLEM_MESSAGES[problem], newPassword, problem)
    }
    c.req.addValidatedData('json', data)
    await next()
  }
  return (schema ? documented(middleware, 'json', schema) : middleware) as never
}

/** Ends every session of the user but `keepToken`, with their websockets (ACCT12). */
async function endOtherSessions(deps: AppDeps, userId: string, keepToken: string): Promise<void> {
  const ctx = await deps.auth.$context
  for (const session of await ctx.internalAdapter.listSessions(userId)) {
    if (session.token === keepToken) continue
    await ctx.internalAdapter.deleteSession(session.token)
    deps.onSessionEnded?.(session.id)
  }
}

/** Forwards a checked request to better-auth, and its answer back without session tokens. */
function forward(deps: AppDeps) {
  return async (c: Context<AppEnv>) => {
    const path = c.req.path
    const body = c.req.method === 'POST' ? JSON.stringify((c.req.valid as (target: 'json') => unknown)('json')) : undefined

    // Sign-out ends the websockets opened through that session (AUTHZ3); a password change, the
    // other sessions and their websockets: note whose session it is before better-auth runs.
    const signingOut = path === '/api/auth/sign-out'
    const changingPassword = path === '/api/auth/change-password'
    const current = signingOut || changingPassword ? await deps.auth.api.getSession({ headers: c.req.raw.headers }) : null

    // better-auth keys its rate limits on the client address, which only the server knows.
    const headers = new Headers(c.req.raw.headers)
    headers.set(CLIENT_IP_HEADER, c.get('clientIp'))
    if (body !== undefined) {
      headers.set('content-type', 'application/json')
      headers.delete('content-length')
    }
    const forwarded = new Request(c.req.url, { method: c.req.method, headers, body })
    let res = await deps.auth.handler(forwarded).then(toApiError)
    if (res.ok && current && signingOut) deps.onSessionEnded?.(current.session.id)
    if (res.ok && current && changingPassword) await endOtherSessions(deps, current.user.id, current.session.token)
    res = await stripTokens(res)
    return overTls(c.req.raw, deps.trustProxy) ? secureCookies(res) : res
  }
}

/** better-auth's answer, as it is, less any session token. */
const authAnswer = {
  description: 'better-auth’s answer (the user, the session), without any session token',
  content: { 'application/json': { schema: { type: 'object' } } },
}

/** Mounted at /api/auth: the six endpoints that answer, before any session is loaded (their own rate limits are better-auth's). */
export function authRoutes(deps: AppDeps) {
  const send = forward(deps)
  return new Hono<AppEnv>()
    .post(
      '/sign-up/email',
      describe(
        'Create an account (sets the session cookie); password policy (ACCT13): 422 with reason password_too_short, password_blank, password_personal or password_common; joins no alliance',
        { 200: authAnswer },
      ),
      authBody(deps, signUpSchema, 'password'),
      send,
    )
    .post(
      '/sign-in/email',
      describe('Sign in (sets the session cookie); rate-limited per account and per client address (EDGE4): 429 with Retry-After', { 200: authAnswer }),
      authBody(deps, signInSchema),
      async (c, next) => {
        deps.signInRates.admit(c.req.valid('json').email, c.get('clientIp'))
        await next()
      },
      send,
    )
    .post('/sign-out', describe('Sign out (invalidates the session, closes its websockets)', { 200: authAnswer }), authBody(deps, null), send)
    .get('/get-session', describe('The session and its user, without the session token', { 200: authAnswer }), send)
    .post(
      '/change-password',
      describe(
        'Change the password (same policy as sign-up, field newPassword); ends every other session of the user and their websockets; rate-limited like sign-in',
        { 200: authAnswer },
      ),
      authBody(deps, changePasswordSchema, 'newPassword'),
      send,
    )
    .post(
      '/update-user',
      describe('Change one’s name (bounded like at sign-up); no other field is written', { 200: authAnswer }),
      authBody(deps, updateUserSchema),
      send,
    )
    .on(['GET', 'POST'], '/*', () => {
      throw notFound('Route')
    })
}
