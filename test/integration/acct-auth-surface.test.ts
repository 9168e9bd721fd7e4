import { request as httpRequest } from 'node:http'
import { CLOSE } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAlliance } from '../helpers/alliance.ts'
import { fetchTicket } from '../helpers/collab.ts'
import { HttpClient, signUp, uniqueEmail } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'

/**
 * The account surface as an attacker sends it (ACCT8–ACCT14 of docs/SPEC.md): request targets
 * written byte for byte (fetch would tidy them), every better-auth endpoint, oversized fields,
 * session tokens looked for in every answer, sessions and sockets after a password change.
 */
const PASSWORD = 'motdepasse-solide-1'

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request with exactly this target on the wire: no URL parsing, no normalisation. */
function rawRequest(base: string, method: string, target: string, body?: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const { hostname, port, origin } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method, path: target, headers: { origin, ...(body ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('the account surface', () => {
  const server = serverPerSuite()

  it('[ACCT8] POST /api/auth//sign-in/email and …/sign-up/email/ are refused before better-auth, its rate limiter or the schemas see them', async () => {
    const { email } = await signUp(server.url, 'Cible Double')
    // The right password through the double slash: refused, no session.
    const doubled = await rawRequest(server.url, 'POST', '/api/auth//sign-in/email', JSON.stringify({ email, password: PASSWORD }))
    expect(doubled.status).toBe(400)
    expect(JSON.parse(doubled.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } })
    expect(doubled.headers['set-cookie']).toBeUndefined()
    // A 5,000-character name through the trailing slash: refused, no account.
    const longName = uniqueEmail('longname')
    const trailing = await rawRequest(
      server.url,
      'POST',
      '/api/auth/sign-up/email/',
      JSON.stringify({ name: 'x'.repeat(5000), email: longName, password: PASSWORD }),
    )
    expect(trailing.status).toBe(400)
    expect(trailing.headers['set-cookie']).toBeUndefined()
    expect(await server.server.database.db.selectFrom('user').select('id').where('email', '=', longName).executeTakeFirst()).toBeUndefined()
  })

  it('[ACCT8] a table of non-canonical spellings across routes is a 400 JSON error; the canonical spelling works', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const cookie = admin.client.cookieHeader
    const signIn = JSON.stringify({ email: 'personne@example.org', password: PASSWORD })
    const routes: [method: string, canonical: string, body?: string][] = [
      ['GET', '/api/me'],
      ['GET', '/api/workspaces'],
      ['POST', '/api/workspaces', JSON.stringify({ name: 'Alliance fantôme' })],
      ['GET', `/api/workspaces/${workspaceId}/members`],
      ['POST', '/api/auth/sign-in/email', signIn],
      ['GET', '/api/auth/get-session'],
    ]
    /** Each spelling of `path`: doubled, trailing and dot segments, encoded separators, dots and letters, backslashes. */
    const spellings = (path: string): string[] => {
      const cut = path.lastIndexOf('/')
      const [head, last] = [path.slice(0, cut), path.slice(cut + 1)]
      return [
        `/${path}`,
        path.replace('/api/', '/api//'),
        `${head}//${last}`,
        `${path}/`,
        `${head}/./${last}`,
        `${head}/x/../${last}`,
        `${head}/%2e/${last}`,
        `${head}/%2E%2E/${last}`,
        `${head}%2F${last}`,
        `${head}%2f${last}`,
        `${head}%5C${last}`,
        `${head}/%${last.charCodeAt(0).toString(16)}${last.slice(1)}`,
        `${head}/${last}%00`,
        `${head}/${last}%zz`,
        `${head}\\${last}`,
        `http://127.0.0.1${path.replace('/api/', '/api//')}`,
      ]
    }
    const wrong: string[] = []
    let tried = 0
    for (const [method, path, body] of routes) {
      for (const target of spellings(path)) {
        const answer = await rawRequest(server.url, method, target, body, { cookie })
        tried++
        const code = (() => {
          try {
            return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code
          } catch {
            return undefined
          }
        })()
        if (answer.status !== 400 || code !== 'bad_request' || answer.headers['set-cookie'])
          wrong.push(`${method} ${target} → ${answer.status} ${answer.body.slice(0, 80)}`)
      }
      const canonical = await rawRequest(server.url, method, path, body, { cookie })
      expect({ path, status: canonical.status < 500 && canonical.status !== 400 }).toEqual({ path, status: true })
    }
    expect(wrong).toEqual([])
    expect(tried).toBe(routes.length * 16)
    // Case is part of the spelling: a route of another case does not exist.
    for (const target of ['/api/auth/Sign-In/email', '/api/AUTH/sign-in/email', '/API/auth/sign-in/email']) {
      expect({ target, status: (await rawRequest(server.url, 'POST', target, signIn)).status }).toEqual({ target, status: 404 })
    }
    // Nothing was created through any of them: the alliance, and the one the canonical POST made.
    expect((await admin.client.json<unknown[]>('GET', '/api/workspaces', undefined, 200)).length).toBe(2)
  })

  it('[ACCT8] a page of the app with one canonical spelling is redirected to it (308, query kept); one hiding a separator is refused', async () => {
    const cases: [string, string][] = [
      ['/alliances/', '/alliances'],
      ['//alliances', '/alliances'],
      ['/alliances/./abc/../def?onglet=1', '/alliances/def?onglet=1'],
      ['/invitation/abc/', '/invitation/abc'],
    ]
    for (const [target, location] of cases) {
      const answer = await rawRequest(server.url, 'GET', target)
      expect({ target, status: answer.status, location: answer.headers.location }).toEqual({ target, status: 308, location })
    }
    for (const target of ['/alliances%2Fabc', '/alliances/%2e%2e/api/me', '/api/../alliances', '//api/me']) {
      expect({ target, status: (await rawRequest(server.url, 'GET', target)).status }).toEqual({ target, status: 400 })
    }
  })

  it('[ACCT9] only the endpoints the product uses answer under /api/auth: every other better-auth endpoint is a 404 and changes nothing', async () => {
    const { client, email } = await signUp(server.url, 'Curieuse')
    const others: [string, string][] = [
      ['GET', '/api/auth/list-sessions'],
      ['POST', '/api/auth/revoke-session'],
      ['POST', '/api/auth/revoke-sessions'],
      ['POST', '/api/auth/revoke-other-sessions'],
      ['POST', '/api/auth/change-email'],
      ['POST', '/api/auth/delete-user'],
      ['GET', '/api/auth/delete-user/callback'],
      ['POST', '/api/auth/set-password'],
      ['POST', '/api/auth/forget-password'],
      ['POST', '/api/auth/request-password-reset'],
      ['POST', '/api/auth/reset-password'],
      ['GET', '/api/auth/reset-password/abc'],
      ['GET', '/api/auth/verify-email'],
      ['POST', '/api/auth/send-verification-email'],
      ['POST', '/api/auth/sign-in/social'],
      ['GET', '/api/auth/callback/github'],
      ['POST', '/api/auth/link-social'],
      ['POST', '/api/auth/unlink-account'],
      ['GET', '/api/auth/list-accounts'],
      ['POST', '/api/auth/get-access-token'],
      ['POST', '/api/auth/refresh-token'],
      ['GET', '/api/auth/account-info'],
      ['GET', '/api/auth/ok'],
      ['GET', '/api/auth/error'],
      ['GET', '/api/auth/sign-in/email'],
      ['POST', '/api/auth/get-session'],
    ]
    for (const [method, path] of others) {
      const res = await client.request(
        method,
        path,
        method === 'POST' ? { email: uniqueEmail('autre'), newEmail: uniqueEmail('autre'), newPassword: 'un-autre-mot-de-passe', token: 'x' } : undefined,
      )
      expect({ method, path, status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'not_found',
      })
    }
    // The session, the account and its password are as they were.
    expect(await client.json('GET', '/api/me', undefined, 200)).toMatchObject({ email })
    await new HttpClient(server.url).json('POST', '/api/auth/sign-in/email', { email, password: PASSWORD }, 200)
  })

  it('[ACCT10] every path that writes a user field applies the same bounds: update-user takes a bounded name and nothing else; sign-up keeps only its own fields', async () => {
    const { client } = await signUp(server.url, 'Nom Initial')
    const tooLong = await client.request('POST', '/api/auth/update-user', { name: 'x'.repeat(100_000) })
    expect(tooLong.status).toBe(422)
    expect(await tooLong.json()).toMatchObject({ error: { code: 'validation_failed', field: 'name' } })
    for (const name of ['   ', 'x'.repeat(121)]) expect((await client.request('POST', '/api/auth/update-user', { name })).status).toBe(422)
    expect((await client.request('POST', '/api/auth/update-user', { image: 'x'.repeat(10_000) })).status).toBe(422)
    expect(await client.json('GET', '/api/me', undefined, 200)).toMatchObject({ name: 'Nom Initial', locale: 'fr' })

    // A bounded name goes through; fields nobody checked are not written.
    await client.json(
      'POST',
      '/api/auth/update-user',
      { name: `  ${'é'.repeat(120)}  `, image: 'javascript:alert(1)', locale: 'de', emailVerified: true, email: 'autre@example.org' },
      200,
    )
    const me = await client.json<{ name: string; email: string; locale: string }>('GET', '/api/me', undefined, 200)
    expect(me).toMatchObject({ name: 'é'.repeat(120), locale: 'fr' })
    expect(me.email).not.toBe('autre@example.org')
    const session = await client.json<{ user: { image?: string | null; emailVerified: boolean } }>('GET', '/api/auth/get-session', undefined, 200)
    expect(session.user.image ?? null).toBeNull()
    expect(session.user.emailVerified).toBe(false)

    const extra = new HttpClient(server.url)
    const email = uniqueEmail('extra')
    await extra.json(
      'POST',
      '/api/auth/sign-up/email',
      { name: 'Champs en trop', email, password: PASSWORD, image: 'x'.repeat(50_000), locale: 'de', callbackURL: 'https://evil.example' },
      200,
    )
    const created = await extra.json<{ user: { image?: string | null } }>('GET', '/api/auth/get-session', undefined, 200)
    expect(created.user.image ?? null).toBeNull()
    expect(await extra.json('GET', '/api/me', undefined, 200)).toMatchObject({ locale: 'fr' })
  })

  it('[ACCT11] no JSON answer of /api/auth carries a session token: sign-up, sign-in, get-session, update-user, change-password', async () => {
    const client = new HttpClient(server.url)
    const email = uniqueEmail('jeton')
    const bodies: [string, string][] = []
    const keep = async (label: string, res: Response) => {
      expect({ label, status: res.status }).toEqual({ label, status: 200 })
      bodies.push([label, await res.text()])
    }
    await keep('sign-up', await client.request('POST', '/api/auth/sign-up/email', { name: 'Jeton', email, password: PASSWORD }))
    await keep('sign-in', await client.request('POST', '/api/auth/sign-in/email', { email, password: PASSWORD }))
    await keep('get-session', await client.request('GET', '/api/auth/get-session'))
    await keep('update-user', await client.request('POST', '/api/auth/update-user', { name: 'Jeton bis' }))
    await keep(
      'change-password',
      await client.request('POST', '/api/auth/change-password', {
        currentPassword: PASSWORD,
        newPassword: 'un-tout-autre-secret-2',
        revokeOtherSessions: true,
      }),
    )
    const token = decodeURIComponent(/session_token=([^;]+)/.exec(client.cookieHeader)![1]!).split('.')[0]!
    expect(token.length).toBeGreaterThan(16)
    for (const [label, body] of bodies) {
      expect({ label, hasTokenKey: /"token"\s*:/.test(body), hasToken: body.includes(token) }).toEqual({ label, hasTokenKey: false, hasToken: false })
    }
    expect(JSON.parse(bodies.find(([label]) => label === 'get-session')![1])).toMatchObject({ session: { userId: expect.any(String) }, user: { email } })
  })

  it('[ACCT12] a password change ends every other session of the user (their cookies and their websockets, 4403) and keeps the current one, whatever the client asks', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['editor'])
    const { client: current, email } = members[0]!
    const other = new HttpClient(server.url)
    const third = new HttpClient(server.url)
    for (const c of [other, third]) await c.json('POST', '/api/auth/sign-in/email', { email, password: PASSWORD }, 200)
    const socketOf = async (client: HttpClient) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws/${workspaceId}/plan?ticket=${await fetchTicket(client, workspaceId)}`)
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve())
        ws.once('error', reject)
      })
      return { ws, closed }
    }
    const otherSocket = await socketOf(other)
    const currentSocket = await socketOf(current)

    // The client asks to keep the other sessions: the server ends them anyway.
    const res = await current.request('POST', '/api/auth/change-password', {
      currentPassword: PASSWORD,
      newPassword: 'un-tout-autre-secret-3',
      revokeOtherSessions: false,
    })
    expect(res.status).toBe(200)
    expect(await otherSocket.closed).toBe(CLOSE.accessRevoked)
    expect((await other.request('GET', '/api/me')).status).toBe(401)
    expect((await third.request('GET', '/api/me')).status).toBe(401)
    expect((await current.request('GET', '/api/me')).status).toBe(200)
    expect(currentSocket.ws.readyState).toBe(WebSocket.OPEN)
    currentSocket.ws.terminate()
    expect((await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(401)
    await new HttpClient(server.url).json('POST', '/api/auth/sign-in/email', { email, password: 'un-tout-autre-secret-3' }, 200)
    // A wrong current password changes nothing and ends nothing.
    const spare = new HttpClient(server.url)
    await spare.json('POST', '/api/auth/sign-in/email', { email, password: 'un-tout-autre-secret-3' }, 200)
    expect(
      (await current.request('POST', '/api/auth/change-password', { currentPassword: 'pas-le-bon-secret', newPassword: 'encore-un-autre-secret-4' })).status,
    ).toBe(400)
    expect((await spare.request('GET', '/api/me')).status).toBe(200)
  })

  it('[ACCT13] the password policy refuses short, blank, personal and common passwords with a typed reason, at sign-up and at password change alike', async () => {
    const name = 'Hélène Dupont'
    const email = uniqueEmail('helene')
    const refused: [string, string][] = [
      ['1234567', 'password_too_short'],
      ['        ', 'password_blank'],
      ['password', 'password_common'],
      ['12345678', 'password_common'],
      ['Azerty123', 'password_common'],
      [email, 'password_personal'],
      [`${email.split('@')[0]}!`, 'password_personal'],
      ['helenedupont', 'password_personal'],
      ['DUPONT-2024!', 'password_personal'],
    ]
    const reasonOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { field?: string; reason?: string } }).error })
    for (const [password, reason] of refused) {
      const res = await new HttpClient(server.url).request('POST', '/api/auth/sign-up/email', { name, email, password })
      expect({ password, ...(await reasonOf(res)) }).toMatchObject({ password, status: 422, code: 'validation_failed', field: 'password', reason })
    }
    expect(await server.server.database.db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined()

    const client = new HttpClient(server.url)
    await client.json('POST', '/api/auth/sign-up/email', { name, email, password: PASSWORD }, 200)
    for (const [password, reason] of refused) {
      const res = await client.request('POST', '/api/auth/change-password', { currentPassword: PASSWORD, newPassword: password })
      expect({ password, ...(await reasonOf(res)) }).toMatchObject({ password, status: 422, code: 'validation_failed', field: 'newPassword', reason })
    }
    // The password is unchanged.
    await new HttpClient(server.url).json('POST', '/api/auth/sign-in/email', { email, password: PASSWORD }, 200)
  })

  it('[ACCT14] every API answer carries Cache-Control: no-store: /api/me, workspaces, auth session endpoints, errors', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const answers: [string, Response][] = [
      ['GET /api/me', await admin.client.request('GET', '/api/me')],
      ['GET /api/workspaces', await admin.client.request('GET', '/api/workspaces')],
      ['GET /api/workspaces/:id', await admin.client.request('GET', `/api/workspaces/${workspaceId}`)],
      ['GET members', await admin.client.request('GET', `/api/workspaces/${workspaceId}/members`)],
      ['GET invitations', await admin.client.request('GET', `/api/workspaces/${workspaceId}/invitations`)],
      ['GET get-session', await admin.client.request('GET', '/api/auth/get-session')],
      ['POST sign-in', await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email: 'x@example.org', password: 'y' })],
      ['GET /api/me signed out', await new HttpClient(server.url).request('GET', '/api/me')],
      ['GET unknown route', await admin.client.request('GET', '/api/nope')],
    ]
    for (const [label, res] of answers) expect({ label, cacheControl: res.headers.get('cache-control') }).toEqual({ label, cacheControl: 'no-store' })
  })
})
