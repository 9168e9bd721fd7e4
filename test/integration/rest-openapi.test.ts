import type { Api } from '@ensemble/server/api'
import type { Role } from '@ensemble/shared'
import { hc } from 'hono/client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'

/**
 * The API described once (APIDOC of docs/SPEC.md): the document is generated from the routes Hono
 * serves, and the client's module is typed from the same routes (here the same client, Hono's `hc`,
 * calls a real server).
 */
let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
  removeDir(server.dataDir)
})

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>
}

describe('APIDOC the API described once', () => {
  it('[APIDOC1] every route Hono serves under /api is in /api/openapi.json, and the document has no route Hono does not serve; each declares its success answer and the error shape', async () => {
    // What Hono serves: each method and path of a route (`ALL` entries are middleware and the 404
    // fallbacks; a path with `*` is a fallback too), written the OpenAPI way (`:id` → `{id}`).
    const served = new Set(
      server.server.app.routes
        .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/') && !route.path.includes('*'))
        .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    )
    const res = await fetch(new URL('/api/openapi.json', server.url))
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> }
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)),
    )

    expect([...served].filter((route) => !documented.has(route)).sort(), 'served but not documented').toEqual([])
    expect([...documented].filter((route) => !served.has(route)).sort(), 'documented but not served').toEqual([])
    // The whole surface, the routes the old hand-written table missed included.
    expect(served.size).toBeGreaterThan(90)
    for (const route of [
      'PATCH /api/workspaces/{workspaceId}/meetings/decisions/{decisionId}/actions/{actionId}',
      'GET /api/workspaces/{workspaceId}/invitations',
      'POST /api/auth/sign-up/email',
      'GET /api/openapi.json',
    ])
      expect(documented.has(route), route).toBe(true)

    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses)
        expect(
          statuses.some((status) => /^2\d\d$/.test(status)),
          `${method} ${path}: a success answer`,
        ).toBe(true)
        const error = operation.responses.default?.content?.['application/json']?.schema
        expect(Object.keys(error?.properties ?? {}), `${method} ${path}: the error shape`).toEqual(['error'])
      }
    }
  })
})

describe('APIDOC the client typed from the routes', () => {
  it('[APIDOC2] the client typed from the routes calls a real server: paths, parameters and bodies as the routes declare them, answers typed as the routes give them, refusals in the API error shape; a call the routes do not take fails the typecheck', async () => {
    const { client: session } = await signUp(server.url, 'Typée Admin')
    const rest = hc<Api>(`${server.url}/api`, { headers: { cookie: session.cookieHeader, origin: new URL(server.url).origin } })

    const created = await rest.workspaces.$post({ json: { name: 'Alliance typée' } })
    expect(created.status).toBe(201)
    const { id: workspaceId } = await created.json()
    const param = { workspaceId }
    expect((await rest.workspaces[':workspaceId'].partners.$post({ param, json: { name: 'Association Typée', type: 'association' } })).status).toBe(201)

    const detail = await (await rest.workspaces[':workspaceId'].$get({ param })).json()
    expectTypeOf(detail.role).toEqualTypeOf<Role>()
    expect(detail.role).toBe('admin')
    expect(detail.partners.map((p) => [p.name, p.family])).toEqual([['Association Typée', 'pairs']])

    // A refusal keeps the API's shape, the field named.
    const refused = await rest.workspaces[':workspaceId'].partners.$post({ param, json: { name: '', type: 'association' } })
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({ error: { code: 'validation_failed', field: 'name' } })

    // What the routes do not take does not typecheck (`pnpm typecheck` checks these lines); sent anyway, the server refuses it.
    // @ts-expect-error a partner's type is one of PARTNER_TYPES
    const badType = await rest.workspaces[':workspaceId'].partners.$post({ param, json: { name: 'Pirates', type: 'pirate' } })
    expect(badType.status).toBe(422)
    // @ts-expect-error no route answers there
    expect(rest.workspaces[':workspaceId'].partnerz).toBeDefined()
    // @ts-expect-error a path parameter the route needs is missing
    expect((await rest.workspaces[':workspaceId'].partners.$get({})).status).toBe(404)
    expect((await (await rest.workspaces[':workspaceId'].partners.$get({ param })).json()).map((p) => p.name)).toEqual(['Association Typée'])
  })
})
