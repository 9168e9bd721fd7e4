import { createRequire } from 'node:module'
import path from 'node:path'
import { meSchema } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient, signUp, uniqueEmail } from '../helpers/http.ts'
import { type ChildServer, removeDir, serverPerSuite, spawnServer, tempDataDir } from '../helpers/server.ts'

/** better-sqlite3, typed for the one read-only query these tests make. */
interface ReadOnlyDb {
  prepare(sql: string): { all(...params: unknown[]): Record<string, unknown>[] }
  close(): void
}
const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => ReadOnlyDb

const PASSWORD = 'motdepasse-solide-1'
const SESSION_COOKIE = /session_token/

const sessionCookies = (res: Response) => res.headers.getSetCookie().filter((c) => SESSION_COOKIE.test(c) && !/max-age=0/i.test(c))

async function expectUnauthenticated(res: Response): Promise<void> {
  expect(res.status).toBe(401)
  expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } })
}

describe('accounts and sessions', () => {
  const server = serverPerSuite()

  it('[AUTH1] sign-up creates the account and signs in: GET /api/me answers who I am', async () => {
    const client = new HttpClient(server.url)
    const email = uniqueEmail('claire')
    const res = await client.request('POST', '/api/auth/sign-up/email', { name: 'Claire Delattre', email, password: PASSWORD })
    expect(res.status).toBe(200)
    expect(sessionCookies(res)).toHaveLength(1)
    expect(sessionCookies(res)[0]).toMatch(/HttpOnly/i)
    expect(sessionCookies(res)[0]).toMatch(/SameSite=Lax/i)
    const me = meSchema.parse(await client.json('GET', '/api/me', undefined, 200))
    expect(me).toMatchObject({ name: 'Claire Delattre', email, locale: 'fr' })
  })

  it('[AUTH2] signed out, GET /api/me is 401 — and the old session cookie no longer works', async () => {
    const { client } = await signUp(server.url, 'Marc')
    const oldCookie = client.cookieHeader
    const res = await client.request('POST', '/api/auth/sign-out', {})
    expect(res.status).toBe(200)
    await expectUnauthenticated(await client.request('GET', '/api/me'))
    // Replaying the cookie captured before sign-out: the session is gone on the server, not just in the browser.
    await expectUnauthenticated(await fetch(new URL('/api/me', server.url), { headers: { cookie: oldCookie } }))
  })

  it('[AUTH3] sign-in sets a new session for the same user', async () => {
    const { client: first, email, userId } = await signUp(server.url, 'Sophie')
    const second = new HttpClient(server.url)
    const res = await second.request('POST', '/api/auth/sign-in/email', { email, password: PASSWORD })
    expect(res.status).toBe(200)
    expect(sessionCookies(res)).toHaveLength(1)
    expect(second.cookieHeader).not.toBe(first.cookieHeader)
    expect((await second.json<{ id: string }>('GET', '/api/me', undefined, 200)).id).toBe(userId)
  })

  it('[AUTH4] a wrong password or an unknown email is 401 with no session cookie, and the two are indistinguishable', async () => {
    const { email } = await signUp(server.url, 'Julien')
    const wrong = await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email, password: 'pas-le-bon-mot-de-passe' })
    const unknown = await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email: uniqueEmail('personne'), password: PASSWORD })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(sessionCookies(wrong)).toEqual([])
    expect(sessionCookies(unknown)).toEqual([])
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('[AUTH5] passwords are stored hashed, never in clear', async () => {
    const { userId } = await signUp(server.url, 'Amina')
    const db = new BetterSqlite3(path.join(server.dataDir, 'ensemble.sqlite'), { readonly: true, fileMustExist: true })
    try {
      const rows = db.prepare('SELECT password FROM account WHERE userId = ?').all(userId)
      expect(rows).toHaveLength(1)
      const stored = String(rows[0]!.password)
      expect(stored).not.toBe(PASSWORD)
      expect(stored).not.toContain(PASSWORD)
      // better-auth's scrypt format: hex salt, colon, hex derived key.
      expect(stored).toMatch(/^[0-9a-f]{16,}:[0-9a-f]{64,}$/)
      const all = db.prepare('SELECT password FROM account').all()
      expect(all.map((r) => r.password)).not.toContain(PASSWORD)
    } finally {
      db.close()
    }
  })

  it('[AUTH7] signed out, the REST API answers 401 JSON', async () => {
    const anonymous = new HttpClient(server.url)
    await expectUnauthenticated(await anonymous.request('GET', '/api/workspaces'))
    await expectUnauthenticated(await anonymous.request('POST', '/api/workspaces', { name: 'Alliance' }))
    await expectUnauthenticated(await anonymous.request('PATCH', '/api/me', { locale: 'en' }))
  })

  it('[AUTH8] a user may switch the interface language, and only to a supported one', async () => {
    const { client } = await signUp(server.url, 'Nicolas')
    expect(await client.json('PATCH', '/api/me', { locale: 'en' }, 200)).toMatchObject({ locale: 'en' })
    expect(await client.json('GET', '/api/me', undefined, 200)).toMatchObject({ locale: 'en' })
    const res = await client.request('PATCH', '/api/me', { locale: 'de' })
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', field: 'locale' } })
  })

  it('[AUTH9] sign-up refuses a name longer than the shared limit and creates no account', async () => {
    const email = uniqueEmail('long')
    const res = await new HttpClient(server.url).request('POST', '/api/auth/sign-up/email', { name: 'x'.repeat(5000), email, password: PASSWORD })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })
})

describe('sign-in rate limit', () => {
  // A real `pnpm start` process: under vitest (NODE_ENV=test, TEST=true) better-auth counts every client as
  // 127.0.0.1 and keeps its counters in a module-level map shared by every server of this process.
  // NODE_ENV=production and TEST=false restore per-address limits; TRUST_PROXY lets each request name its address.
  // An hour's window: no budget refills while the test runs, however slow the machine.
  const dataDir = tempDataDir()
  let server: ChildServer | null = null
  beforeAll(async () => {
    server = await spawnServer(dataDir, {
      AUTH_SIGNIN_MAX: '3',
      AUTH_SIGNIN_ADDRESS_MAX: '6',
      AUTH_RATE_WINDOW_SECONDS: '3600',
      TRUST_PROXY: '1',
      NODE_ENV: 'production',
      TEST: 'false',
    })
  })
  afterAll(async () => {
    if (server && server.child.exitCode === null) await server.kill('SIGTERM')
    removeDir(dataDir)
  })

  const signInFrom = async (ip: string, email: string, password: string) =>
    (await new HttpClient(server!.url).request('POST', '/api/auth/sign-in/email', { email, password }, { 'x-forwarded-for': ip })).status

  it('[AUTH6] [EDGE4] the 4th sign-in for one account within the window is 429 from any address, for a known and an unknown email alike', async () => {
    const { email } = await signUp(server!.url, 'Hélène')
    const unknown = uniqueEmail('inconnu')
    // Guesses spread over addresses still spend the one account's budget.
    expect([await signInFrom('203.0.113.10', email, 'mauvais-mot-de-passe'), await signInFrom('203.0.113.11', email, 'mauvais-mot-de-passe')]).toEqual([
      401, 401,
    ])
    expect(await signInFrom('203.0.113.12', email, PASSWORD)).toBe(200)
    for (const ip of ['203.0.113.10', '203.0.113.11', '203.0.113.12']) expect(await signInFrom(ip, unknown, 'mauvais-mot-de-passe')).toBe(401)
    // Limit reached: even the right password is refused, from a fresh address too, and an unknown email gets the same answer.
    expect([await signInFrom('203.0.113.13', email, PASSWORD), await signInFrom('203.0.113.13', unknown, PASSWORD)]).toEqual([429, 429])
  })

  it('[EDGE4] one office behind one address is not locked out by a colleague’s typos; past the address’s own budget it is', async () => {
    const office = '198.51.100.40'
    const [typist, colleague] = [await signUp(server!.url, 'Maladroit'), await signUp(server!.url, 'Collègue')]
    for (let i = 0; i < 3; i++) expect(await signInFrom(office, typist.email, 'mauvais-mot-de-passe')).toBe(401)
    expect(await signInFrom(office, typist.email, PASSWORD)).toBe(429)
    // Four attempts from the office so far: the colleague signs in from the same address.
    expect(await signInFrom(office, colleague.email, PASSWORD)).toBe(200)
    // Someone spraying many accounts from one address: the address's budget (6) runs out, whatever the accounts.
    expect(await signInFrom(office, uniqueEmail('essai'), 'mauvais-mot-de-passe')).toBe(401)
    const refused = await new HttpClient(server!.url).request(
      'POST',
      '/api/auth/sign-in/email',
      { email: colleague.email, password: PASSWORD },
      { 'x-forwarded-for': office },
    )
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
    // Another address is not affected, nor is the colleague's account.
    expect(await signInFrom('198.51.100.41', colleague.email, PASSWORD)).toBe(200)
  })
})
