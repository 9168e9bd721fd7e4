import { ERROR_CODES } from '@ensemble/shared'
import { waitFor } from '../helpers/waitFor.ts'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { HttpClient, signUp } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'

const FOREIGN_ORIGIN = 'https://evil.example'

/** What a leaked stack trace or internal detail would look like in a body. */
const LEAK = /\bat .+\(.+:\d+:\d+\)|\.ts:\d+|node_modules|\bstack\b|SqliteError|TypeError|ReferenceError|SELECT |INSERT /i

async function expectErrorBody(res: Response, status: number): Promise<{ code: string; message: string; field?: string }> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(text).not.toMatch(LEAK)
  const body = JSON.parse(text) as { error: { code: string; message: string; field?: string; reason?: string } }
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).every((k) => ['code', 'message', 'field', 'reason'].includes(k))).toBe(true)
  if (body.error.reason !== undefined) expect(body.error.reason).toMatch(/^[A-Za-z0-9_]+$/)
  expect(ERROR_CODES).toContain(body.error.code)
  expect(body.error.message.length).toBeGreaterThan(0)
  return body.error
}

describe('errors and web hardening', () => {
  const server = serverPerSuite()

  it('[API1] an unknown API route is a 404 JSON error, whatever the method and session', async () => {
    const { client } = await signUp(server.url, 'Claire')
    for (const [c, method, path] of [
      [client, 'GET', '/api/nope'],
      [client, 'POST', '/api/workspaces/x/unknown'],
      [client, 'DELETE', '/api/me/nothing'],
      [new HttpClient(server.url), 'GET', '/api/does/not/exist'],
    ] as const) {
      expect(await expectErrorBody(await c.request(method, path), 404)).toMatchObject({ code: 'not_found' })
    }
  })

  it('[API2] a state-changing request from a foreign Origin is 403 and changes nothing', async () => {
    const { client } = await signUp(server.url, 'Marc')
    const cookie = client.cookieHeader
    const post = (headers: Record<string, string>) =>
      fetch(new URL('/api/workspaces', server.url), {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Piège' }),
      })

    expect(await expectErrorBody(await post({ origin: FOREIGN_ORIGIN }), 403)).toMatchObject({ code: 'forbidden' })
    // No Origin but the browser says the request is cross-site: refused too.
    expect(await expectErrorBody(await post({ 'sec-fetch-site': 'cross-site' }), 403)).toMatchObject({ code: 'forbidden' })
    expect(await client.json('GET', '/api/workspaces', undefined, 200)).toEqual([])

    // Sign-in and sign-up from a foreign origin are refused as well (no session fixation from another site).
    const signIn = await fetch(new URL('/api/auth/sign-in/email', server.url), {
      method: 'POST',
      headers: { origin: FOREIGN_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.org', password: 'motdepasse' }),
    })
    expect(signIn.status).toBe(403)
    expect(signIn.headers.getSetCookie().filter((c) => /session_token=[^;]/.test(c))).toEqual([])

    // The same request from the server's own origin (or localhost) goes through.
    expect((await post({ origin: new URL(server.url).origin })).status).toBe(201)
    const port = new URL(server.url).port
    expect((await post({ origin: `http://localhost:${port}` })).status).toBe(201)
  })

  it('[API3] GET /api/openapi.json is an OpenAPI 3.1 document describing the REST surface', async () => {
    const res = await fetch(new URL('/api/openapi.json', server.url))
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      info: { title: string; version: string }
      paths: Record<
        string,
        Record<
          string,
          {
            responses: Record<string, unknown>
            parameters?: { name: string; in: string; required: boolean }[]
            requestBody?: { content: Record<string, { schema: object }> }
          }
        >
      >
    }
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
    expect(doc.info.title).toEqual(expect.any(String))
    expect(doc.info.version).toEqual(expect.any(String))
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/workspaces',
        '/api/workspaces/{workspaceId}/members',
        '/api/workspaces/{workspaceId}/partners',
        '/api/workspaces/{workspaceId}/tickets',
        '/api/me',
      ]),
    )
    expect(Object.keys(doc.paths['/api/workspaces']!).sort()).toEqual(['get', 'post'])
    const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path).toMatch(/^\//)
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      for (const [method, op] of Object.entries(item)) {
        expect(methods.has(method), `${method} ${path}`).toBe(true)
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0)
        // Every path template variable is declared as a required path parameter.
        const declared = (op.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort()
        expect(declared, `${method} ${path}`).toEqual(templated)
        for (const p of op.parameters ?? []) if (p.in === 'path') expect(p.required).toBe(true)
        if (op.requestBody) expect(op.requestBody.content['application/json']!.schema).toEqual(expect.any(Object))
      }
    }
    const addMember = doc.paths['/api/workspaces/{workspaceId}/members']!.post!
    expect(JSON.stringify(addMember.requestBody)).toContain('"email"')
  })

  it('[API4] GET /api/health answers {status: "ok"}', async () => {
    const res = await fetch(new URL('/api/health', server.url))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('[API5] responses carry a content-security-policy and the other security headers, errors included', async () => {
    const { client } = await signUp(server.url, 'Sophie')
    const responses = [
      await fetch(new URL('/api/health', server.url)),
      await client.request('GET', '/api/workspaces'),
      await client.request('GET', '/api/nope'),
      await new HttpClient(server.url).request('GET', '/api/me'),
      await client.request('POST', '/api/workspaces', 'pas du json'),
    ]
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy')
      expect(csp, res.url).toBeTruthy()
      expect(csp).toMatch(/default-src 'self'/)
      expect(csp).toMatch(/frame-ancestors 'none'/)
      expect(csp).toMatch(/object-src 'none'/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('[API6] error bodies are {error: {code, message, field?, reason?}} and never carry a stack trace', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['observer'])
    const { client: outsider } = await signUp(server.url, 'Intrus')
    const anonymous = new HttpClient(server.url)
    const base = `/api/workspaces/${workspaceId}`
    const cases: [HttpClient, string, string, unknown, number][] = [
      [anonymous, 'GET', '/api/me', undefined, 401],
      [admin.client, 'POST', '/api/workspaces', '{"name":', 400],
      [admin.client, 'POST', '/api/workspaces', { name: 7 }, 422],
      [admin.client, 'POST', `${base}/partners`, { name: 'Association Littoral', type: 'association' }, 409],
      [admin.client, 'POST', `${base}/partners`, { name: 'X', type: { $gt: '' } }, 422],
      [admin.client, 'PATCH', `${base}/members/${admin.userId}`, { role: 'observer' }, 409],
      [members[0]!.client, 'POST', `${base}/partners`, { name: 'Y', type: 'association' }, 403],
      [outsider, 'GET', base, undefined, 404],
      [admin.client, 'POST', `${base}/members`, { email: `${'a'.repeat(300)}@example.org`, role: 'editor' }, 422],
      // A malformed percent-escape is refused at the door, before any route (ACCT8).
      [admin.client, 'GET', '/api/workspaces/%E0%A4%A', undefined, 400],
    ]
    for (const [client, method, path, body, status] of cases) {
      await expectErrorBody(await client.request(method, path, body), status)
    }
  })

  it('[API7] a request body over 256 KB is refused with 413 before it is parsed', async () => {
    const { client } = await signUp(server.url, 'Julien')
    const res = await client.request('POST', '/api/workspaces', { name: 'x'.repeat(300 * 1024) })
    expect(await expectErrorBody(res, 413)).toMatchObject({ code: 'payload_too_large' })
    expect(await client.json('GET', '/api/workspaces', undefined, 200)).toEqual([])
  })

  it('[API7] …and so is a chunked body over 256 KB (no Content-Length), and nothing is created', async () => {
    const { client } = await signUp(server.url, 'Amina')
    const bytes = new TextEncoder().encode(JSON.stringify({ name: 'x'.repeat(300 * 1024) }))
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024))
        controller.close()
      },
    })
    // The server answers 413 as soon as the limit is crossed and stops reading; the client may see
    // that answer or, still uploading, only the closed connection. Either way nothing is created.
    let outcome: string
    try {
      const res = await fetch(new URL('/api/workspaces', server.url), {
        method: 'POST',
        headers: { cookie: client.cookieHeader, origin: new URL(server.url).origin, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit)
      outcome = (await expectErrorBody(res, 413)).code
    } catch (err) {
      outcome = String((err as { cause?: { code?: string } }).cause?.code ?? err)
    }
    expect(['payload_too_large', 'UND_ERR_SOCKET']).toContain(outcome)
    // The pool may hand back the socket the server just closed: retry on a fresh one.
    const workspaces = await waitFor(() => client.json('GET', '/api/workspaces', undefined, 200), { message: 'workspace list' })
    expect(workspaces).toEqual([])
  })

  it('[API8] malformed JSON sent to the auth endpoints is a 400, not a 500', async () => {
    const res = await new HttpClient(server.url).request('POST', '/api/auth/sign-up/email', '{"name":')
    expect(res.status).toBe(400)
  })
})
