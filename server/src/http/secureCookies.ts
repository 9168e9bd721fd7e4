/**
 * Behind a TLS-terminating proxy (TRUST_PROXY=1, `X-Forwarded-Proto: https`) the server itself
 * speaks plain HTTP, so better-auth, configured from PUBLIC_URL, may not mark its cookies Secure.
 * The browser did use HTTPS: the session cookie must then never travel over plain HTTP (WEB4).
 */
export function overTls(request: Request, trustProxy: boolean): boolean {
  if (new URL(request.url).protocol === 'https:') return true
  return trustProxy && request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'
}

/** The response with `Secure` added to every cookie it sets that lacks it. */
export function secureCookies(res: Response): Response {
  const cookies = res.headers.getSetCookie()
  if (cookies.every((cookie) => /;\s*secure(\s*;|\s*$)/i.test(cookie))) return res
  const headers = new Headers(res.headers)
  headers.delete('set-cookie')
  for (const cookie of cookies) headers.append('set-cookie', /;\s*secure(\s*;|\s*$)/i.test(cookie) ? cookie : `${cookie}; Secure`)
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
}
