import type { Api } from '@ensemble/server/api'
import type { Role } from '@ensemble/shared'
import { hc } from 'hono/client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import { signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'

/** APIDOC2 of docs/SPEC.md: the client's module is typed from the server's routes; here the same client (Hono's `hc`) calls a real server. */
let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
  removeDir(server.dataDir)
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
