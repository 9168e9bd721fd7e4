import type { MiddlewareHandler } from 'hono'
import { badRequest } from '../errors.ts'

/**
 * One spelling per resource (ACCT8). Routers, rate limiters and schema tables each compare paths
 * their own way: better-auth's router folds `//` and a trailing `/` that its rate limiter and our
 * schema table did not, so `POST /api/auth//sign-in/email` escaped the sign-in limit. Every request
 * is therefore checked on the exact target it sent, before anything else looks at it.
 */
export type PathVerdict =
  | { canonical: true }
  /** `redirect`: the one spelling of the same path, when there is one (`//`, trailing `/`, `.` and `..`). */
  | { canonical: false; redirect: string | null }

const UNRESERVED = /[A-Za-z0-9\-._~]/

/** Looks at the path of a raw request target (origin-form `/a/b?q`, or absolute-form `http://h/a/b?q`). */
export function checkRequestTarget(target: string): PathVerdict {
  let path = target
  const absolute = /^https?:\/\/[^/?#]*/i.exec(path)
  if (absolute) path = path.slice(absolute[0].length) || '/'
  const end = path.search(/[?#]/)
  if (end !== -1) path = path.slice(0, end)
  if (!path.startsWith('/') || path.includes('\\')) return { canonical: false, redirect: null }
  // Percent-escapes: malformed ones, and any that hide a separator, a dot, a control character or a
  // character that needs no escaping (`%73ign-in` is `sign-in` to a router that decodes first).
  for (const match of path.matchAll(/%(.{0,2})/g)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(match[1]!)) return { canonical: false, redirect: null }
    const code = Number.parseInt(match[1]!, 16)
    const char = String.fromCharCode(code)
    if (code < 0x20 || code === 0x7f || char === '/' || char === '\\' || UNRESERVED.test(char)) return { canonical: false, redirect: null }
  }
  const segments = path.split('/').slice(1)
  const resolved: string[] = []
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') resolved.pop()
    else resolved.push(segment)
  }
  const canonical = `/${resolved.join('/')}`
  return canonical === path ? { canonical: true } : { canonical: false, redirect: canonical }
}

/** The raw target as the client sent it (Node's request line), or the parsed URL's path outside Node. */
function rawTarget(c: Parameters<MiddlewareHandler>[0]): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming
  if (typeof incoming?.url === 'string') return incoming.url
  const url = new URL(c.req.url)
  return url.pathname + url.search
}

/**
 * Refuses non-canonical paths: the API with a 400 JSON error; a page of the app (GET or HEAD outside
 * `/api/`) that has one spelling is redirected to it (308), keeping the query.
 */
export const canonicalPath: MiddlewareHandler = async (c, next) => {
  const target = rawTarget(c)
  const verdict = checkRequestTarget(target)
  if (verdict.canonical) return next()
  const page = (c.req.method === 'GET' || c.req.method === 'HEAD') && verdict.redirect !== null && !/^\/api(\/|$)/.test(verdict.redirect)
  if (page && !/^(https?:\/\/[^/]*)?\/*api(\/|$)/i.test(target)) {
    const query = target.indexOf('?')
    return c.redirect(verdict.redirect! + (query === -1 ? '' : target.slice(query)), 308)
  }
  throw badRequest('This path is not written canonically (no //, trailing /, . or .. segment, or encoded separator).')
}
