import { MESSAGE, readServerError } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { realPathIds } from '../helpers/pathIds.ts'
import { connectDoc, fetchTicket, type DocClient } from '../helpers/collab.ts'
import { HttpClient, signUp, uniqueEmail } from '../helpers/http.ts'
import { removeDir, spawnServer, startTestServer, tempDataDir, type ChildServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { openRaw, report, syncFrame } from './support.ts'
import { ACTIVE_CONTENT_PAYLOADS } from './support/activeContent.ts'

/** Web-facing defences on a real server (WEB1–WEB4 of docs/SPEC.md). */
const FOREIGN = 'https://evil.example'
const PASSWORD = 'motdepasse-solide-1'
let server: TestServer
let alliance: Awaited<ReturnType<typeof createAlliance>>

beforeAll(async () => {
  server = await startTestServer()
  alliance = await createAlliance(server.url, ['editor'])
})
afterAll(async () => {
  await server.close()
  removeDir(server.dataDir)
})

describe('WEB1 cross-site websocket hijacking', () => {
  /** The HTTP status answered instead of a 101, or 101. */
  const upgradeStatus = (url: string, headers: Record<string, string>, origin?: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}) })
      ws.on('open', () => {
        ws.terminate()
        resolve(101)
      })
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      ws.on('error', () => resolve(0))
    })

  it('[WEB1] a foreign Origin with a valid session cookie and a valid ticket is refused before 101; a cookie alone never opens a socket', async () => {
    const base = `${server.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/agreement`
    const cookie = { cookie: alliance.admin.client.cookieHeader }
    const ticket = await fetchTicket(alliance.admin.client, alliance.workspaceId)
    expect(await upgradeStatus(`${base}?ticket=${ticket}`, cookie, FOREIGN)).toBe(403)
    expect(await upgradeStatus(`${base}?ticket=${await fetchTicket(alliance.admin.client, alliance.workspaceId)}`, cookie, 'null')).toBe(403)
    expect(await upgradeStatus(base, cookie, new URL(server.url).origin)).toBe(401)
    // The control: the same request from the server's own origin upgrades.
    expect(await upgradeStatus(`${base}?ticket=${await fetchTicket(alliance.admin.client, alliance.workspaceId)}`, cookie, new URL(server.url).origin)).toBe(
      101,
    )
  })
})

describe('WEB2 CSRF on every state-changing route', () => {
  it('[WEB2] every POST, PATCH and DELETE of the OpenAPI document, with a form, text/plain, JSON or no body type, from a foreign Origin → 403, nothing changed', async () => {
    const admin = alliance.admin.client
    const ws = alliance.workspaceId
    const ids = await realPathIds(alliance)
    const openapi = await admin.json<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json', undefined, 200)
    const routes = Object.entries(openapi.paths).flatMap(([template, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => ({ method: method.toUpperCase(), path: template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? name) })),
    )
    // better-auth's other state-changing endpoints sit behind the same guard.
    for (const path of ['/api/auth/update-user', '/api/auth/change-password', '/api/auth/revoke-sessions', '/api/auth/delete-user', '/api/auth/change-email'])
      routes.push({ method: 'POST', path })
    const before = await admin.json('GET', `/api/workspaces/${ws}`, undefined, 200)

    const bodies: [string, Record<string, string>, string | undefined][] = [
      ['form', { 'content-type': 'application/x-www-form-urlencoded' }, 'name=Pi%C3%A8ge&role=admin'],
      ['text/plain', { 'content-type': 'text/plain' }, '{"name":"Piège","role":"admin"}'],
      ['json', { 'content-type': 'application/json' }, '{"name":"Piège","role":"admin"}'],
      ['none', {}, undefined],
    ]
    const senders: [string, Record<string, string>][] = [
      ['foreign origin', { origin: FOREIGN }],
      ['opaque origin', { origin: 'null' }],
      ['cross-site, no origin', { 'sec-fetch-site': 'cross-site' }],
    ]
    let tried = 0
    for (const { method, path } of routes) {
      for (const [kind, type, body] of bodies) {
        for (const [sender, headers] of senders) {
          const res = await fetch(new URL(path, server.url), { method, headers: { cookie: admin.cookieHeader, ...type, ...headers }, body, redirect: 'manual' })
          const answer = {
            method,
            path,
            kind,
            sender,
            status: res.status,
            code: ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code,
          }
          expect(answer).toEqual({ method, path, kind, sender, status: 403, code: 'forbidden' })
          tried++
        }
      }
    }
    expect(await admin.json('GET', `/api/workspaces/${ws}`, undefined, 200)).toEqual(before)
    expect((await admin.request('GET', '/api/me')).status).toBe(200)
    report('WEB2', { routes: routes.length, requests: tried })
  })
})

describe('WEB3 active content', () => {
  it('[WEB3] javascript: links, event-handler attributes, iframes and scripts written as raw Yjs XML are refused and never stored; pages carry a CSP without inline script', async () => {
    const editor = alliance.members[0]!
    const witness: DocClient = await connectDoc(alliance.admin.client, alliance.workspaceId, 'charter')
    await witness.synced()
    const payloads = ACTIVE_CONTENT_PAYLOADS
    for (const [name, write] of payloads) {
      const socket = await openRaw(
        `${server.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/charter?ticket=${await fetchTicket(editor.client, alliance.workspaceId)}`,
        new URL(server.url).origin,
      )
      const doc = new Y.Doc()
      write(doc)
      socket.ws.send(syncFrame(2, Y.encodeStateAsUpdate(doc)))
      await waitFor(() => socket.received.some((f) => f[0] === MESSAGE.serverError), { message: `${name} refused` })
      const error = socket.received.filter((f) => f[0] === MESSAGE.serverError).map(decodeError)[0]
      expect({ name, code: error?.code }).toEqual({ name, code: 'edit_invalid' })
      socket.ws.terminate()
    }
    const html = witness.doc.getXmlFragment('content').toString()
    expect(html).not.toMatch(/javascript:|data:text|onclick|onerror|iframe|script|style=/i)
    witness.destroy()

    for (const path of ['/', '/api/health', '/api/nope']) {
      const csp = (await fetch(new URL(path, server.url))).headers.get('content-security-policy') ?? ''
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? ''
      expect({ path, scriptSrc }).toEqual({ path, scriptSrc: "'self'" })
      expect(csp).toMatch(/object-src 'none'/)
      expect(csp).toMatch(/frame-ancestors 'none'/)
    }
    report('WEB3-server', { payloads: payloads.length, stored: 0 })
  })
})

const decodeError = (frame: Uint8Array) => {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarUint(decoder)
  return readServerError(decoder)
}

describe('WEB4 sessions and cookies', () => {
  const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => /session_token=[^;]/.test(c)) ?? ''

  it('[WEB4] sign-in issues a new session id (a planted one is ignored), sign-out invalidates it, cookies are HttpOnly and SameSite', async () => {
    const { client, email } = await signUp(server.url, 'Fixée')
    const first = client.cookieHeader
    // An attacker planted a cookie before sign-in: signing in replaces it.
    const planted = new HttpClient(server.url)
    const signIn = await planted.request(
      'POST',
      '/api/auth/sign-in/email',
      { email, password: PASSWORD },
      { cookie: 'better-auth.session_token=planted-by-attacker.sig' },
    )
    expect(signIn.status).toBe(200)
    const cookie = sessionCookie(signIn)
    expect(cookie).not.toMatch(/planted-by-attacker/)
    expect(cookie).toMatch(/;\s*HttpOnly/i)
    expect(cookie).toMatch(/;\s*SameSite=Lax/i)
    expect(planted.cookieHeader).not.toBe(first)
    // Sign-out invalidates that session (the other one stays).
    const stale = planted.cookieHeader
    await planted.json('POST', '/api/auth/sign-out', {}, 200)
    expect((await fetch(new URL('/api/me', server.url), { headers: { cookie: stale } })).status).toBe(401)
    expect((await client.request('GET', '/api/me')).status).toBe(200)
  })

  it('[WEB4] behind TLS the session cookie is Secure: with an https PUBLIC_URL', async () => {
    const publicUrl = 'https://ensemble.example'
    const tls = await startTestServer({ PUBLIC_URL: publicUrl })
    try {
      // The server listens on plain HTTP (TLS ends before it); its public URL says https.
      const client = new HttpClient(`http://127.0.0.1:${tls.server.port}`, publicUrl)
      const res = await client.request('POST', '/api/auth/sign-up/email', { name: 'Sécurisée', email: uniqueEmail('tls'), password: PASSWORD })
      expect(res.status).toBe(200)
      expect(sessionCookie(res)).toMatch(/;\s*Secure/i)
      expect(sessionCookie(res)).toMatch(/;\s*HttpOnly/i)
    } finally {
      await tls.close()
      removeDir(tls.dataDir)
    }
  })

  describe('behind a TLS proxy, and brute force', () => {
    // A real process: under vitest better-auth counts every client as one address (see rest-auth.test.ts).
    const dataDir = tempDataDir()
    let child: ChildServer | null = null
    beforeAll(async () => {
      child = await spawnServer(dataDir, { AUTH_SIGNIN_MAX: '3', TRUST_PROXY: '1', NODE_ENV: 'production', TEST: 'false' })
    })
    afterAll(async () => {
      if (child && child.child.exitCode === null) await child.kill('SIGTERM')
      removeDir(dataDir)
    })

    it('[WEB4] with TRUST_PROXY and X-Forwarded-Proto: https the cookie is Secure; over plain HTTP it is not', async () => {
      const email = uniqueEmail('proxy')
      const client = new HttpClient(child!.url)
      const viaProxy = await client.request(
        'POST',
        '/api/auth/sign-up/email',
        { name: 'Proxy', email, password: PASSWORD },
        { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.1' },
      )
      expect(viaProxy.status).toBe(200)
      expect(sessionCookie(viaProxy)).toMatch(/;\s*Secure/i)
      const plain = await new HttpClient(child!.url).request(
        'POST',
        '/api/auth/sign-in/email',
        { email, password: PASSWORD },
        { 'x-forwarded-for': '198.51.100.2' },
      )
      expect(sessionCookie(plain)).not.toMatch(/;\s*Secure/i)
    })

    it('[WEB4] brute force on sign-in is 429 with byte-identical answers for a known and an unknown user', async () => {
      const { email } = await signUp(child!.url, 'Cible')
      const unknown = uniqueEmail('inconnu')
      const attempt = async (ip: string, who: string) => {
        const res = await new HttpClient(child!.url).request(
          'POST',
          '/api/auth/sign-in/email',
          { email: who, password: 'devine-moi-123' },
          { 'x-forwarded-for': ip },
        )
        return { status: res.status, body: await res.text(), cookie: sessionCookie(res) }
      }
      // Below the limit: the same 401 for both.
      const [known401, unknown401] = [await attempt('203.0.113.50', email), await attempt('203.0.113.51', unknown)]
      expect(known401).toEqual(unknown401)
      expect(known401.status).toBe(401)
      // Past the limit: the same 429 for both, and no cookie.
      let knownAnswer = known401
      let unknownAnswer = unknown401
      for (let i = 0; i < 4; i++) {
        knownAnswer = await attempt('203.0.113.50', email)
        unknownAnswer = await attempt('203.0.113.51', unknown)
      }
      expect(knownAnswer.status).toBe(429)
      expect(knownAnswer).toEqual(unknownAnswer)
      report('WEB4-bruteforce', { attemptsPerAddress: 5, status: knownAnswer.status })
    })
  })
})
