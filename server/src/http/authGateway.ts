import {
  changePasswordSchema,
  PASSWORD_PROBLEM_MESSAGES,
  signInSchema,
  signUpSchema,
  updateUserSchema,
  isPasswordProblem,
  type ErrorCode,
} from '@ensemble/shared'
import type { Context } from 'hono'
import type { z } from 'zod'
import { CLIENT_IP_HEADER } from '../auth/auth.ts'
import { checkPassword } from '../auth/passwordPolicy.ts'
import { AppError, badRequest, notFound, validationFailed } from '../errors.ts'
import type { AppDeps, AppEnv } from './context.ts'
import { overTls, secureCookies } from './secureCookies.ts'

/**
 * What reaches better-auth at `/api/auth/*`, and what comes back (ACCT9–ACCT13).
 *
 * better-auth serves some thirty endpoints; the product uses six. Each one here has the shared
 * schema its body must pass; only the parsed body is forwarded, so fields nobody checked (an
 * `image`, a `callbackURL`, `revokeOtherSessions`) never reach the library. Every other endpoint
 * is a 404, as if it did not exist. Answers lose any session token before a page script reads them.
 */
interface Endpoint {
  schema?: z.ZodType
  /** The body field holding a new password, checked against the whole policy (ACCT13). */
  newPassword?: 'password' | 'newPassword'
}

const ENDPOINTS: Record<string, Endpoint> = {
  'POST /api/auth/sign-up/email': { schema: signUpSchema, newPassword: 'password' },
  'POST /api/auth/sign-in/email': { schema: signInSchema },
  'POST /api/auth/sign-out': {},
  'GET /api/auth/get-session': {},
  'POST /api/auth/change-password': { schema: changePasswordSchema, newPassword: 'newPassword' },
  'POST /api/auth/update-user': { schema: updateUserSchema },
}

/** The endpoints that answer, for the documentation and the tests. */
export const AUTH_ENDPOINTS = Object.keys(ENDPOINTS)

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
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'token').map(([key, v]) => [key, withoutTokens(v)]))
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

/** The request body, checked: JSON, the endpoint's schema, the password policy. Returns what to forward. */
async function checkedBody(c: Context<AppEnv>, deps: AppDeps, endpoint: Endpoint, path: string): Promise<string | undefined> {
  if (c.req.method !== 'POST') return undefined
  const text = await c.req.raw.clone().text()
  let body: unknown = {}
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      throw badRequest('The request body must be JSON.')
    }
  }
  if (!endpoint.schema) return '{}'
  const result = endpoint.schema.safeParse(body)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const field = issue.path.join('.') || undefined
    if (isPasswordProblem(issue.message)) throw new AppError(422, 'validation_failed', PASSWORD_PROBLEM_MESSAGES[issue.message], field, issue.message)
    throw validationFailed(`${field ? `${field}: ` : ''}${issue.message}`, field)
  }
  const data = result.data as Record<string, string>
  if (endpoint.newPassword) {
    // Sign-up names the person in its body; a password change names them through the session.
    const identity = path.endsWith('/sign-up/email') ? data : (await deps.auth.api.getSession({ headers: c.req.raw.headers }))?.user
    const problem = checkPassword(data[endpoint.newPassword]!, { email: identity?.email, name: identity?.name })
    if (problem) throw new AppError(422, 'validation_failed', PASSWORD_PROBLEM_MESSAGES[problem], endpoint.newPassword, problem)
  }
  return JSON.stringify(data)
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

export function authGateway(deps: AppDeps) {
  return async (c: Context<AppEnv>) => {
    const path = c.req.path
    const endpoint = ENDPOINTS[`${c.req.method} ${path}`]
    if (!endpoint) throw notFound('Route')
    const body = await checkedBody(c, deps, endpoint, path)

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
