import type { MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { can, idSchema, type Locale, type Verb } from '@ensemble/shared'
import { z } from 'zod'
import { getMembership } from '../domain/members.ts'
import { forbidden, notFound, unauthenticated } from '../errors.ts'
import type { AppDeps, AppEnv, SessionUser } from './context.ts'
import { documented } from './validate.ts'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * CSRF defence for every state-changing route: a request whose Origin is present and not allowed,
 * or that the browser marks cross-site, is refused before any handler runs.
 */
export function originGuard(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin')
      const fetchSite = c.req.header('sec-fetch-site')
      if ((origin && !deps.allowedOrigins.includes(origin)) || (!origin && fetchSite === 'cross-site')) {
        throw forbidden('Cross-origin request refused.')
      }
    }
    await next()
  }
}

/** The client's address: the socket's, or the proxy's X-Forwarded-For when TRUST_PROXY=1. */
export function clientIp(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The last X-Forwarded-For entry is the one our proxy appended; earlier ones are client-supplied.
    const forwarded = deps.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined
    let ip = forwarded
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address
      } catch {
        ip = undefined // app.request() in tests has no socket
      }
    }
    c.set('clientIp', ip ?? 'unknown')
    await next()
  }
}

export function loadSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await deps.auth.api.getSession({ headers: c.req.raw.headers })
    const user = session?.user as (SessionUser & { locale?: string | null }) | undefined
    c.set('user', user ? { id: user.id, name: user.name, email: user.email, locale: (user.locale ?? 'fr') as Locale } : null)
    c.set('sessionId', session?.session.id ?? null)
    await next()
  }
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) throw unauthenticated()
  await next()
}

/**
 * Loads the caller's membership of `:workspaceId`. A workspace one is not a member of answers 404,
 * exactly like one that does not exist, so ids cannot be probed.
 */
export function requireMember(deps: AppDeps, verb: Verb = 'workspace.read'): MiddlewareHandler<AppEnv> {
  const check: MiddlewareHandler<AppEnv> = async (c, next) => {
    const user = c.get('user')
    if (!user) throw unauthenticated()
    const workspaceId = c.req.param('workspaceId') ?? ''
    const membership = idSchema.safeParse(workspaceId).success ? await getMembership(deps.db, workspaceId, user.id) : null
    if (!membership) throw notFound('Workspace')
    if (!can(membership, verb)) throw forbidden()
    c.set('membership', membership)
    await next()
  }
  // The OpenAPI document shows `{workspaceId}` as the id it is.
  return documented(check, 'param', workspaceParamSchema)
}

const workspaceParamSchema = z.object({ workspaceId: idSchema })
