import { memberSchema, type Invitation, type Member, type Partner, type Role } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { HttpClient, signUp, uniqueEmail } from '../helpers/http.ts'
import { addMember, invitationTokenFromOutbox } from '../helpers/invitations.ts'
import { serverPerSuite } from '../helpers/server.ts'

async function expectError(res: Response, status: number, code: string, field?: string, reason?: string): Promise<void> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  const body = JSON.parse(text)
  // A test that names no reason checks the rest; one that does, the reason too.
  if (!reason) delete body.error?.reason
  expect(body).toEqual({ error: { code, message: expect.any(String), ...(field ? { field } : {}), ...(reason ? { reason } : {}) } })
}

describe('members, invitations and tickets over REST', () => {
  const server = serverPerSuite()

  const membersOf = async (client: HttpClient, workspaceId: string) =>
    (await client.json<Member[]>('GET', `/api/workspaces/${workspaceId}/members`, undefined, 200)).map((m) => memberSchema.parse(m))
  const partnersOf = (client: HttpClient, workspaceId: string) => client.json<Partner[]>('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)
  const roleIn = async (client: HttpClient, workspaceId: string): Promise<Role | undefined> =>
    (await client.json<{ id: string; role: Role }[]>('GET', '/api/workspaces', undefined, 200)).find((w) => w.id === workspaceId)?.role

  it('[MEM1] the admin adds a registered user by email with a role and a partner → 201 {invitationId}; they join by accepting the mailed link', async () => {
    const { workspaceId, partnerId, admin } = await createAlliance(server.url)
    const marc = await signUp(server.url, 'Marc')
    // Emails are matched case-insensitively.
    const res = await admin.client.request('POST', `/api/workspaces/${workspaceId}/members`, { email: marc.email.toUpperCase(), role: 'steering', partnerId })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ invitationId: expect.any(String) })
    // Not a member before accepting (ACCT1).
    expect(await roleIn(marc.client, workspaceId)).toBeUndefined()
    const token = await invitationTokenFromOutbox(admin.client, marc.email)
    expect(await marc.client.json('POST', `/api/invitations/${token}/accept`, {}, 200)).toEqual({ workspaceId })
    expect((await membersOf(admin.client, workspaceId)).find((m) => m.userId === marc.userId)).toMatchObject({
      name: 'Marc',
      email: marc.email,
      role: 'steering',
      partnerId,
      representative: false,
    })
    expect(await roleIn(marc.client, workspaceId)).toBe('steering')
    // Adding them again is a conflict.
    await expectError(
      await admin.client.request('POST', `/api/workspaces/${workspaceId}/members`, { email: marc.email, role: 'editor' }),
      409,
      'conflict',
      'email',
      'already_member',
    )
  })

  it('[MEM2] an unknown email gets the same answer, 201 {invitationId}; signing up later and opening the link makes them a member with the invited role', async () => {
    const { workspaceId, partnerId, admin } = await createAlliance(server.url)
    const email = uniqueEmail('julien')
    const res = await admin.client.request('POST', `/api/workspaces/${workspaceId}/members`, { email, role: 'editor', partnerId, representative: true })
    expect(res.status).toBe(201)
    const { invitationId } = (await res.json()) as { invitationId: string }
    expect(invitationId).toEqual(expect.any(String))
    const invitations = await admin.client.json<Invitation[]>('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)
    expect(invitations).toEqual([
      {
        id: invitationId,
        email,
        role: 'editor',
        partnerId,
        representative: true,
        invitedAt: expect.any(String),
        sentAt: expect.any(String),
        expiresAt: expect.any(String),
        expired: false,
      },
    ])
    await expectError(
      await admin.client.request('POST', `/api/workspaces/${workspaceId}/members`, { email, role: 'observer' }),
      409,
      'conflict',
      'email',
      'already_invited',
    )

    const julien = new HttpClient(server.url)
    await julien.json('POST', '/api/auth/sign-up/email', { name: 'Julien', email, password: 'motdepasse-solide-1' }, 200)
    const me = await julien.json<{ id: string }>('GET', '/api/me', undefined, 200)
    expect(await roleIn(julien, workspaceId)).toBeUndefined()
    await julien.json('POST', `/api/invitations/${await invitationTokenFromOutbox(admin.client, email)}/accept`, {}, 200)
    expect(await roleIn(julien, workspaceId)).toBe('editor')
    expect((await membersOf(admin.client, workspaceId)).find((m) => m.userId === me.id)).toMatchObject({ role: 'editor', partnerId, representative: true })
    expect((await partnersOf(admin.client, workspaceId)).find((p) => p.id === partnerId)!.representativeId).toBe(me.id)
    expect(await admin.client.json('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)).toEqual([])
  })

  it('[MEM3] the admin changes a member’s role; the member sees it at once', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor'])
    const editor = members[0]!
    const updated = await admin.client.json('PATCH', `/api/workspaces/${workspaceId}/members/${editor.userId}`, { role: 'commenter' }, 200)
    expect(updated).toMatchObject({ userId: editor.userId, role: 'commenter' })
    expect(await roleIn(editor.client, workspaceId)).toBe('commenter')
    await expectError(
      await admin.client.request('PATCH', `/api/workspaces/${workspaceId}/members/${editor.userId}`, { role: 'owner' }),
      422,
      'validation_failed',
      'role',
    )
    await expectError(await admin.client.request('PATCH', `/api/workspaces/${workspaceId}/members/${editor.userId}`, {}), 422, 'validation_failed')
    await expectError(await admin.client.request('PATCH', `/api/workspaces/${workspaceId}/members/NoSuchUser0000`, { role: 'editor' }), 404, 'not_found')
  })

  it('[MEM4] a partner has at most one representative: marking a second member moves the role', async () => {
    const { workspaceId, partnerId, admin, members } = await createAlliance(server.url, ['steering', 'editor'])
    const [first, second] = members as [(typeof members)[0], (typeof members)[0]]
    const path = (userId: string) => `/api/workspaces/${workspaceId}/members/${userId}`
    await admin.client.json('PATCH', path(first.userId), { representative: true }, 200)
    expect((await partnersOf(admin.client, workspaceId))[0]!.representativeId).toBe(first.userId)

    await admin.client.json('PATCH', path(second.userId), { representative: true }, 200)
    expect((await partnersOf(admin.client, workspaceId))[0]!.representativeId).toBe(second.userId)
    const list = await membersOf(admin.client, workspaceId)
    expect(list.filter((m) => m.representative).map((m) => m.userId)).toEqual([second.userId])
    expect(list.find((m) => m.userId === first.userId)).toMatchObject({ partnerId, representative: false })

    // A member without partner cannot represent one.
    const loner = await signUp(server.url, 'Sans partenaire')
    await addMember(admin.client, workspaceId, loner, { role: 'editor' })
    await expectError(
      await admin.client.request('PATCH', path(loner.userId), { representative: true }),
      422,
      'validation_failed',
      'representative',
      'representative_needs_partner',
    )
    // Leaving the partner ends the representation.
    await admin.client.json('PATCH', path(second.userId), { partnerId: null }, 200)
    expect((await partnersOf(admin.client, workspaceId))[0]!.representativeId).toBeNull()
  })

  it('[MEM5] a partner of another workspace is 404, when adding and when updating a member', async () => {
    const mine = await createAlliance(server.url, ['editor'])
    const theirs = await createAlliance(server.url)
    const newcomer = await signUp(server.url, 'Nouvelle')
    await expectError(
      await mine.admin.client.request('POST', `/api/workspaces/${mine.workspaceId}/members`, {
        email: newcomer.email,
        role: 'editor',
        partnerId: theirs.partnerId,
      }),
      404,
      'not_found',
    )
    await expectError(
      await mine.admin.client.request('PATCH', `/api/workspaces/${mine.workspaceId}/members/${mine.members[0]!.userId}`, { partnerId: theirs.partnerId }),
      404,
      'not_found',
    )
    expect((await membersOf(mine.admin.client, mine.workspaceId)).map((m) => m.userId)).not.toContain(newcomer.userId)
    expect((await membersOf(mine.admin.client, mine.workspaceId)).find((m) => m.userId === mine.members[0]!.userId)!.partnerId).toBe(mine.partnerId)
  })

  it('[MEM6] the last admin can be neither demoted nor removed (409); with a second admin they can', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['steering'])
    const self = `/api/workspaces/${workspaceId}/members/${admin.userId}`
    await expectError(await admin.client.request('PATCH', self, { role: 'steering' }), 409, 'conflict', 'role', 'last_admin')
    await expectError(await admin.client.request('DELETE', self), 409, 'conflict', 'role', 'last_admin')
    expect(await roleIn(admin.client, workspaceId)).toBe('admin')

    await admin.client.json('PATCH', `/api/workspaces/${workspaceId}/members/${members[0]!.userId}`, { role: 'admin' }, 200)
    expect(await admin.client.json('PATCH', self, { role: 'steering' }, 200)).toMatchObject({ role: 'steering' })
    expect(await roleIn(admin.client, workspaceId)).toBe('steering')
  })

  it('[MEM7] a removed member gets 404 on the workspace, like any outsider', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor'])
    const editor = members[0]!
    const res = await admin.client.request('DELETE', `/api/workspaces/${workspaceId}/members/${editor.userId}`)
    expect(res.status).toBe(204)
    await expectError(await editor.client.request('GET', `/api/workspaces/${workspaceId}`), 404, 'not_found')
    await expectError(await editor.client.request('POST', `/api/workspaces/${workspaceId}/tickets`), 404, 'not_found')
    expect(await roleIn(editor.client, workspaceId)).toBeUndefined()
    expect((await membersOf(admin.client, workspaceId)).map((m) => m.userId)).not.toContain(editor.userId)
    await expectError(await admin.client.request('DELETE', `/api/workspaces/${workspaceId}/members/${editor.userId}`), 404, 'not_found')
  })

  it('[MEM8] only the admin manages members and invitations: other roles get 403', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['steering', 'editor', 'commenter', 'observer'])
    const invited = await admin.client.json<{ invitationId: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/members`,
      { email: uniqueEmail('invite'), role: 'editor' },
      201,
    )
    for (const m of members) {
      await expectError(await m.client.request('POST', `/api/workspaces/${workspaceId}/members`, { email: uniqueEmail('x'), role: 'admin' }), 403, 'forbidden')
      await expectError(await m.client.request('PATCH', `/api/workspaces/${workspaceId}/members/${m.userId}`, { role: 'admin' }), 403, 'forbidden')
      await expectError(await m.client.request('DELETE', `/api/workspaces/${workspaceId}/members/${admin.userId}`), 403, 'forbidden')
      await expectError(await m.client.request('GET', `/api/workspaces/${workspaceId}/invitations`), 403, 'forbidden')
      await expectError(await m.client.request('DELETE', `/api/workspaces/${workspaceId}/invitations/${invited.invitationId}`), 403, 'forbidden')
      // Every member may read the member list.
      expect(await membersOf(m.client, workspaceId)).toHaveLength(members.length + 1)
    }
    const detail = await members[0]!.client.json<{ invitations: unknown[] }>('GET', `/api/workspaces/${workspaceId}`, undefined, 200)
    expect(detail.invitations).toEqual([])
    expect(await roleIn(admin.client, workspaceId)).toBe('admin')
  })

  it('[MEM9] the admin cancels an invitation; its link then joins nothing', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const email = uniqueEmail('annule')
    const { invitationId } = await admin.client.json<{ invitationId: string }>('POST', `/api/workspaces/${workspaceId}/members`, { email, role: 'editor' }, 201)
    const token = await invitationTokenFromOutbox(admin.client, email)
    expect((await admin.client.request('DELETE', `/api/workspaces/${workspaceId}/invitations/${invitationId}`)).status).toBe(204)
    await expectError(await admin.client.request('DELETE', `/api/workspaces/${workspaceId}/invitations/${invitationId}`), 404, 'not_found')
    const late = new HttpClient(server.url)
    await late.json('POST', '/api/auth/sign-up/email', { name: 'En retard', email, password: 'motdepasse-solide-1' }, 200)
    const refused = await late.request('POST', `/api/invitations/${token}/accept`, {})
    expect(refused.status).toBe(404)
    expect(await refused.json()).toMatchObject({ error: { code: 'not_found', reason: 'invitation_invalid' } })
    expect(await late.json('GET', '/api/workspaces', undefined, 200)).toEqual([])
  })

  it('[TKT1] members get a websocket ticket; outsiders 404; signed-out callers 401', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['observer'])
    const res = await members[0]!.client.request('POST', `/api/workspaces/${workspaceId}/tickets`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const first = (await res.json()) as { ticket: string; expiresInMs: number }
    expect(first.ticket).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect(first.expiresInMs).toBeGreaterThan(0)
    const second = await members[0]!.client.json<{ ticket: string }>('POST', `/api/workspaces/${workspaceId}/tickets`, undefined, 200)
    expect(second.ticket).not.toBe(first.ticket)

    const { client: outsider } = await signUp(server.url, 'Intrus')
    await expectError(await outsider.request('POST', `/api/workspaces/${workspaceId}/tickets`), 404, 'not_found')
    await expectError(await new HttpClient(server.url).request('POST', `/api/workspaces/${workspaceId}/tickets`), 401, 'unauthenticated')
  })
})
