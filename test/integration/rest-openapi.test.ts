import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'

/** The API described once (APIDOC1 of docs/SPEC.md): the document is generated from the routes Hono serves. */
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
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)))

    expect([...served].filter((route) => !documented.has(route)).sort(), 'served but not documented').toEqual([])
    expect([...documented].filter((route) => !served.has(route)).sort(), 'documented but not served').toEqual([])
    // The whole surface, the routes the old hand-written table missed included.
    expect(served.size).toBeGreaterThan(90)
    for (const route of ['PATCH /api/workspaces/{workspaceId}/meetings/decisions/{decisionId}/actions/{actionId}', 'GET /api/workspaces/{workspaceId}/invitations', 'POST /api/auth/sign-up/email', 'GET /api/openapi.json'])
      expect(documented.has(route), route).toBe(true)

    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses)
        expect(statuses.some((status) => /^2\d\d$/.test(status)), `${method} ${path}: a success answer`).toBe(true)
        const error = operation.responses.default?.content?.['application/json']?.schema
        expect(Object.keys(error?.properties ?? {}), `${method} ${path}: the error shape`).toEqual(['error'])
      }
    }
  })
})
