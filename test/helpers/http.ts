/**
 * A tiny HTTP client that keeps the session cookie like a browser would, for REST tests.
 * `origin` is sent on every request (as browsers do for POST); pass null to omit it.
 */
export class HttpClient {
  private cookies = new Map<string, string>()

  constructor(
    readonly baseUrl: string,
    private readonly origin: string | null = new URL(baseUrl).origin,
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers }
    if (this.cookies.size) h.cookie = this.cookieHeader
    if (this.origin && !('origin' in h)) h.origin = this.origin
    if (body !== undefined && !('content-type' in h)) h['content-type'] = 'application/json'
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (value === '' || /max-age=0/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return res
  }

  async json<T = any>(method: string, path: string, body?: unknown, expectStatus?: number): Promise<T> {
    const res = await this.request(method, path, body)
    const text = await res.text()
    if (expectStatus !== undefined && res.status !== expectStatus) {
      throw new Error(`${method} ${path}: expected ${expectStatus}, got ${res.status}: ${text}`)
    }
    return (text ? JSON.parse(text) : undefined) as T
  }
}

let counter = 0
export const uniqueEmail = (name: string) => `${name}.${process.pid}.${Date.now()}.${++counter}@example.org`

/** Signs a new user up (which also signs them in) and returns a client holding their session. */
export async function signUp(baseUrl: string, name: string): Promise<{ client: HttpClient; userId: string; email: string }> {
  const client = new HttpClient(baseUrl)
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, ''))
  await client.json('POST', '/api/auth/sign-up/email', { name, email, password: 'motdepasse-solide-1' }, 200)
  const me = await client.json<{ id: string }>('GET', '/api/me', undefined, 200)
  return { client, userId: me.id, email }
}
