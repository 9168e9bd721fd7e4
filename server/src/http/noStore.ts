import type { MiddlewareHandler } from 'hono'

/**
 * `Cache-Control: no-store` on every API answer (ACCT14): they describe a signed-in person (who
 * they are, their alliances, their session), and a shared computer's cache or a proxy must not keep
 * them. Set last, over whatever the route or better-auth said.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  try {
    c.res.headers.set('Cache-Control', 'no-store')
  } catch {
    // A response with immutable headers (one passed through from fetch): copied once, then marked.
    c.res = new Response(c.res.body, c.res)
    c.res.headers.set('Cache-Control', 'no-store')
  }
}
