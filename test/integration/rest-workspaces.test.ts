import { familyOf, PARTNER_TYPES, partnerSchema, workspaceSummarySchema, type Partner, type PartnerType } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { signUp, type HttpClient } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'

async function expectError(res: Response, status: number, code: string, field?: string, reason?: string): Promise<void> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const body = JSON.parse(text)
  // A test that names no reason checks the rest; one that does, the reason too.
  if (!reason) delete body.error?.reason
  expect(body).toEqual({ error: { code, message: expect.any(String), ...(field ? { field } : {}), ...(reason ? { reason } : {}) } })
}

describe('workspaces and partners over REST', () => {
  const server = serverPerSuite()

  const workspacesOf = (client: HttpClient) => client.json<unknown[]>('GET', '/api/workspaces', undefined, 200)

  it('[ALLY1] creating a workspace answers 201 {id}; its creator is its admin', async () => {
    const { client } = await signUp(server.url, 'Claire')
    const res = await client.request('POST', '/api/workspaces', { name: '  Alliance Océans Hauts-de-France  ' })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    const list = (await workspacesOf(client)).map((w) => workspaceSummarySchema.parse(w))
    expect(list).toEqual([{ id, name: 'Alliance Océans Hauts-de-France', role: 'admin', createdAt: expect.any(String) }])
    const detail = await client.json('GET', `/api/workspaces/${id}`, undefined, 200)
    expect(detail).toMatchObject({ id, role: 'admin', partners: [], members: [expect.objectContaining({ role: 'admin' })] })
  })

  it.each([
    ['an empty object', {}, 422, 'validation_failed', 'name'],
    ['an empty name', { name: '' }, 422, 'validation_failed', 'name'],
    ['a blank name', { name: '    ' }, 422, 'validation_failed', 'name'],
    ['a 10 KB name', { name: 'x'.repeat(10 * 1024) }, 422, 'validation_failed', 'name'],
    ['a number as name', { name: 12 }, 422, 'validation_failed', 'name'],
    ['a JSON array', [], 422, 'validation_failed', undefined],
    ['a body that is not JSON', 'name=Alliance', 400, 'bad_request', undefined],
    ['truncated JSON', '{"name": "Alli', 400, 'bad_request', undefined],
  ])('[ALLY2] %s is refused with a JSON error and creates nothing', async (_label, body, status, code, field) => {
    const { client } = await signUp(server.url, 'Marc')
    await expectError(await client.request('POST', '/api/workspaces', body), status, code, field)
    expect(await workspacesOf(client)).toEqual([])
  })

  it('[ALLY3] a non-member asking for a workspace gets the same 404 as for one that does not exist', async () => {
    const { workspaceId } = await createAlliance(server.url)
    const { client: outsider } = await signUp(server.url, 'Intrus')
    const foreign = await outsider.request('GET', `/api/workspaces/${workspaceId}`)
    const missing = await outsider.request('GET', '/api/workspaces/AbsentWorkspace0')
    const malformed = await outsider.request('GET', `/api/workspaces/${encodeURIComponent('pas un id : ..')}`)
    expect([foreign.status, missing.status, malformed.status]).toEqual([404, 404, 404])
    const bodies = [await foreign.json(), await missing.json(), await malformed.json()]
    expect(bodies[0]).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
    expect(bodies[1]).toEqual(bodies[0])
    expect(bodies[2]).toEqual(bodies[0])
    // An encoded separator never reaches a route: refused at the door like any non-canonical path (ACCT8).
    expect((await outsider.request('GET', `/api/workspaces/${encodeURIComponent('../../etc')}`)).status).toBe(400)
    // Same for everything under it.
    expect((await outsider.request('GET', `/api/workspaces/${workspaceId}/partners`)).status).toBe(404)
    expect((await outsider.request('GET', `/api/workspaces/${workspaceId}/members`)).status).toBe(404)
    expect((await outsider.request('PATCH', `/api/workspaces/${workspaceId}`, { name: 'Volée' })).status).toBe(404)
  })

  it('[ALLY4] only the admin renames a workspace', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['steering'])
    await expectError(await members[0]!.client.request('PATCH', `/api/workspaces/${workspaceId}`, { name: 'Autre nom' }), 403, 'forbidden')
    expect(await admin.client.json('PATCH', `/api/workspaces/${workspaceId}`, { name: 'Alliance renommée' }, 200)).toEqual({
      id: workspaceId,
      name: 'Alliance renommée',
    })
    expect(await members[0]!.client.json('GET', `/api/workspaces/${workspaceId}`, undefined, 200)).toMatchObject({ name: 'Alliance renommée' })
  })

  it('[PART1] a partner of each type can be created; its family is derived from its type', async () => {
    const { client } = await signUp(server.url, 'Sophie')
    const { id: workspaceId } = await client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance' }, 201)
    const created = new Map<string, PartnerType>()
    for (const type of PARTNER_TYPES) {
      const res = await client.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: `Partenaire ${type}`, type })
      expect(res.status).toBe(201)
      created.set(((await res.json()) as { id: string }).id, type)
    }
    const partners = (await client.json<Partner[]>('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)).map((p) => partnerSchema.parse(p))
    expect(partners).toHaveLength(PARTNER_TYPES.length)
    for (const p of partners) {
      expect(p.type).toBe(created.get(p.id))
      expect(p.family).toBe(familyOf(p.type))
      expect(p.representativeId).toBeNull()
    }
    const family = (type: PartnerType) => partners.find((p) => p.type === type)!.family
    expect(family('association')).toBe('pairs')
    expect(family('collectivite_territoriale')).toBe('acteurs_publics')
    expect(family('acteur_academique')).toBe('acteurs_publics')
    expect(family('entreprise')).toBe('acteurs_prives')
    expect(family('fondation')).toBe('acteurs_prives')
  })

  it('[PART2] an unknown partner type is 422 naming the field `type`; nothing is created', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    await expectError(
      await admin.client.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'ONG', type: 'ong' }),
      422,
      'validation_failed',
      'type',
    )
    await expectError(
      await admin.client.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'ONG', type: 'pairs' }),
      422,
      'validation_failed',
      'type',
    )
    await expectError(await admin.client.request('POST', `/api/workspaces/${workspaceId}/partners`, { type: 'association' }), 422, 'validation_failed', 'name')
    expect(await admin.client.json('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)).toHaveLength(1)
  })

  it('[PART3] a second partner with the same name in the same alliance is 409; another alliance may reuse it', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    // createAlliance made "Association Littoral".
    await expectError(
      await admin.client.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'Association Littoral', type: 'fondation' }),
      409,
      'conflict',
      'name',
      'partner_name_taken',
    )
    await expectError(
      await admin.client.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: '  Association Littoral ', type: 'association' }),
      409,
      'conflict',
      'name',
      'partner_name_taken',
    )
    expect(await admin.client.json('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)).toHaveLength(1)
    const other = await createAlliance(server.url)
    expect(other.partnerId).not.toBe('')
  })

  it('[PART4] only the admin manages partners: other members get 403, outsiders 404', async () => {
    const { workspaceId, partnerId, members } = await createAlliance(server.url, ['steering', 'editor', 'observer'])
    for (const m of members) {
      await expectError(
        await m.client.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: `Partenaire de ${m.userId}`, type: 'entreprise' }),
        403,
        'forbidden',
      )
      await expectError(await m.client.request('PATCH', `/api/workspaces/${workspaceId}/partners/${partnerId}`, { name: 'Renommé' }), 403, 'forbidden')
      await expectError(await m.client.request('DELETE', `/api/workspaces/${workspaceId}/partners/${partnerId}`), 403, 'forbidden')
      // Reading is allowed to every member.
      expect(await m.client.json('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)).toHaveLength(1)
    }
    const { client: outsider } = await signUp(server.url, 'Intrus')
    await expectError(
      await outsider.request('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'Cheval de Troie', type: 'entreprise' }),
      404,
      'not_found',
    )
  })

  it('[PART5] the admin renames, retypes and removes a partner; its members stay, without partner', async () => {
    const { workspaceId, partnerId, admin, members } = await createAlliance(server.url, ['editor'])
    const base = `/api/workspaces/${workspaceId}/partners/${partnerId}`
    expect((await admin.client.request('PATCH', base, { type: 'reseau_associatif' })).status).toBe(204)
    const [partner] = await admin.client.json<Partner[]>('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)
    expect(partner).toMatchObject({ type: 'reseau_associatif', family: 'pairs' })
    expect((await admin.client.request('DELETE', base)).status).toBe(204)
    expect(await admin.client.json('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)).toEqual([])
    const memberList = await admin.client.json<{ userId: string; partnerId: string | null }[]>('GET', `/api/workspaces/${workspaceId}/members`, undefined, 200)
    expect(memberList.find((m) => m.userId === members[0]!.userId)).toMatchObject({ partnerId: null })
    await expectError(await admin.client.request('DELETE', base), 404, 'not_found')
  })
})
