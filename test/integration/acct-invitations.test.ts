import { randomBytes } from 'node:crypto'
import { invitationPreviewSchema, outboxMailSchema, type Invitation, type OutboxMail } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { HttpClient, signUp, uniqueEmail } from '../helpers/http.ts'
import { INVITATION_LINK, invitationTokenFromOutbox } from '../helpers/invitations.ts'
import { removeDir, serverPerSuite, startTestServer, type TestServer } from '../helpers/server.ts'

/**
 * Invitations as an attacker meets them (ACCT1–ACCT7 of docs/SPEC.md): raw REST requests, the mail
 * read from the dev outbox, the database looked at directly where a promise is about what it keeps.
 */
const PASSWORD = 'motdepasse-solide-1'
const DAY = 24 * 60 * 60 * 1000

describe('invitations', () => {
  const server = serverPerSuite()

  const invite = (admin: HttpClient, workspaceId: string, email: string, extra: Record<string, unknown> = {}) =>
    admin.request('POST', `/api/workspaces/${workspaceId}/members`, { email, role: 'editor', ...extra })
  const mailsTo = async (reader: HttpClient, email: string) =>
    (await reader.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)).filter((m) => m.to === email)
  const workspaceIds = async (client: HttpClient) => (await client.json<{ id: string }[]>('GET', '/api/workspaces', undefined, 200)).map((w) => w.id)
  /** Status and body of the preview and of an acceptance: what an attacker can compare. */
  const answers = async (client: HttpClient, token: string) => {
    const preview = await client.request('GET', `/api/invitations/${token}`)
    const accept = await client.request('POST', `/api/invitations/${token}/accept`, {})
    return { preview: `${preview.status} ${await preview.text()}`, accept: `${accept.status} ${await accept.text()}` }
  }

  it('[ACCT1] adding a person mails their address a single-use link, French first then English; the database keeps only a keyed hash of its token; until it is accepted the invitee has no access', async () => {
    const { workspaceId, partnerId, admin } = await createAlliance(server.url)
    const marc = await signUp(server.url, 'Marc Invité')
    const before = Date.now()
    expect((await invite(admin.client, workspaceId, marc.email, { partnerId, role: 'steering' })).status).toBe(201)

    const [mail] = (await mailsTo(admin.client, marc.email)).map((m) => outboxMailSchema.parse(m))
    expect(mail!.subject).toBe('Invitation à rejoindre « Alliance de test » sur Ensemble · Invitation to join “Alliance de test” on Ensemble')
    const token = INVITATION_LINK.exec(mail!.text)![1]!
    expect(mail!.text).toContain(`${server.url}/invitation/${token}`)
    expect(mail!.text.indexOf('vous invite à rejoindre')).toBeLessThan(mail!.text.indexOf('invites you to join'))
    expect(mail!.text).toContain(
      'Claire Admin vous invite à rejoindre l’alliance « Alliance de test » sur Ensemble, rôle : comité de pilotage, pour Association Littoral.',
    )
    expect(mail!.html).toContain(`href="${server.url}/invitation/${token}"`)

    const [row] = await server.server.database.db.selectFrom('invitation').selectAll().where('workspace_id', '=', workspaceId).execute()
    expect(JSON.stringify(row)).not.toContain(token)
    expect(row!.token_hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // Seven days by default (INVITATION_TTL_DAYS).
    expect(Date.parse(row!.expires_at!) - before).toBeGreaterThanOrEqual(7 * DAY - 1000)
    expect(Date.parse(row!.expires_at!) - Date.now()).toBeLessThanOrEqual(7 * DAY)

    // No access at all before accepting: not listed, 404 like an outsider, no ticket.
    expect(await workspaceIds(marc.client)).not.toContain(workspaceId)
    expect((await marc.client.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404)
    expect((await marc.client.request('POST', `/api/workspaces/${workspaceId}/tickets`)).status).toBe(404)
    expect((await admin.client.json<{ userId: string }[]>('GET', `/api/workspaces/${workspaceId}/members`, undefined, 200)).map((m) => m.userId)).not.toContain(
      marc.userId,
    )
  })

  it('[ACCT2] a registered and an unknown address get the same answer, 201 {invitationId}, and the same mail; neither becomes a member', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const registered = await signUp(server.url, 'Déjà Inscrite')
    const unknown = uniqueEmail('inconnue')
    const shape = async (res: Response) => ({ status: res.status, keys: Object.keys((await res.json()) as object), type: res.headers.get('content-type') })
    const a = await shape(await invite(admin.client, workspaceId, registered.email))
    const b = await shape(await invite(admin.client, workspaceId, unknown))
    expect(a).toEqual({ status: 201, keys: ['invitationId'], type: 'application/json' })
    expect(b).toEqual(a)
    const subjects = await Promise.all([registered.email, unknown].map(async (email) => (await mailsTo(admin.client, email)).map((m) => m.subject)))
    expect(subjects[0]).toEqual(subjects[1])
    expect(subjects[0]).toHaveLength(1)
    expect(await workspaceIds(registered.client)).toEqual([])
    const invited = await admin.client.json<Invitation[]>('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)
    expect(invited.map((i) => i.email).sort()).toEqual([registered.email, unknown].sort())
  })

  it('[ACCT3] the invitee signed in with the invited address accepts in one request: member with the invited role, partner and representation; the address is marked verified; the link is spent', async () => {
    const { workspaceId, partnerId, admin } = await createAlliance(server.url)
    const lina = await signUp(server.url, 'Lina Représentante')
    await invite(admin.client, workspaceId, lina.email, { role: 'commenter', partnerId, representative: true })
    const token = await invitationTokenFromOutbox(admin.client, lina.email)

    const preview = invitationPreviewSchema.parse(await new HttpClient(server.url).json('GET', `/api/invitations/${token}`, undefined, 200))
    expect(preview).toMatchObject({
      workspaceName: 'Alliance de test',
      email: lina.email,
      role: 'commenter',
      partnerName: 'Association Littoral',
      invitedBy: 'Claire Admin',
    })

    expect(await lina.client.json('POST', `/api/invitations/${token}/accept`, {}, 200)).toEqual({ workspaceId })
    const members = await admin.client.json<{ userId: string; role: string; partnerId: string; representative: boolean }[]>(
      'GET',
      `/api/workspaces/${workspaceId}/members`,
      undefined,
      200,
    )
    expect(members.find((m) => m.userId === lina.userId)).toMatchObject({ role: 'commenter', partnerId, representative: true })
    expect(await workspaceIds(lina.client)).toEqual([workspaceId])
    const user = (await server.server.database.db.selectFrom('user').selectAll().where('id', '=', lina.userId).executeTakeFirst()) as {
      emailVerified?: unknown
    }
    expect(Boolean(user.emailVerified)).toBe(true)

    // Spent: a second use, by anyone, is refused; the invitation is no longer pending.
    expect((await lina.client.request('POST', `/api/invitations/${token}/accept`, {})).status).toBe(404)
    expect(await admin.client.json('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)).toEqual([])
  })

  it('[ACCT4] whoever signs up with an invited address, without the link, gets no access; the invitation stays pending for the owner of the mailbox', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const email = uniqueEmail('convoitee')
    await invite(admin.client, workspaceId, email, { role: 'admin' })
    const squatter = new HttpClient(server.url)
    await squatter.json('POST', '/api/auth/sign-up/email', { name: 'Usurpateur', email, password: PASSWORD }, 200)
    expect(await workspaceIds(squatter)).toEqual([])
    expect((await squatter.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404)
    expect((await squatter.request('GET', `/api/workspaces/${workspaceId}/members`)).status).toBe(404)
    expect((await admin.client.json<Invitation[]>('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)).map((i) => i.email)).toEqual([email])
  })

  it('[ACCT5] signed in with another address, accepting is refused (403 invitation_other_email) and changes nothing; the link still works for the invited address', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['observer'])
    const stranger = await signUp(server.url, 'Mallory Membre')
    const target = await signUp(server.url, 'Cible Invitée')
    await invite(admin.client, workspaceId, target.email, { role: 'admin' })
    const token = await invitationTokenFromOutbox(admin.client, target.email)
    for (const intruder of [stranger.client, members[0]!.client]) {
      const res = await intruder.request('POST', `/api/invitations/${token}/accept`, {})
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String), reason: 'invitation_other_email' } })
    }
    expect(await workspaceIds(stranger.client)).toEqual([])
    expect(await admin.client.json<unknown[]>('GET', `/api/workspaces/${workspaceId}/members`, undefined, 200)).toHaveLength(2)
    expect((await members[0]!.client.json<{ role: string }>('GET', `/api/workspaces/${workspaceId}`, undefined, 200)).role).toBe('observer')
    // Signed out, accepting asks for a session first.
    expect((await new HttpClient(server.url).request('POST', `/api/invitations/${token}/accept`, {})).status).toBe(401)
    await target.client.json('POST', `/api/invitations/${token}/accept`, {}, 200)
    expect(await workspaceIds(target.client)).toEqual([workspaceId])
  })

  it('[ACCT6] used, revoked, superseded, forged and malformed links all get the same 404 invitation_invalid, byte for byte, on preview and on accept', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const person = await signUp(server.url, 'Personne Invitée')
    const tokenFor = async (email: string) => {
      const { invitationId } = (await (await invite(admin.client, workspaceId, email)).json()) as { invitationId: string }
      return { invitationId, token: await invitationTokenFromOutbox(admin.client, email) }
    }
    // Used: accepted once.
    const used = await tokenFor(person.email)
    await person.client.json('POST', `/api/invitations/${used.token}/accept`, {}, 200)
    // Revoked by the admin.
    const revoked = await tokenFor(uniqueEmail('revoquee'))
    await admin.client.json('DELETE', `/api/workspaces/${workspaceId}/invitations/${revoked.invitationId}`, undefined, 204)
    // Superseded: the admin sent a new link.
    const superseded = await tokenFor(uniqueEmail('renvoyee'))
    await admin.client.json('POST', `/api/workspaces/${workspaceId}/invitations/${superseded.invitationId}/resend`, {}, 200)

    const cases: [string, string][] = [
      ['used', used.token],
      ['revoked', revoked.token],
      ['superseded', superseded.token],
      ['forged', randomBytes(32).toString('base64url')],
      ['malformed', 'abc'],
      ['too long', 'a'.repeat(300)],
    ]
    const seen = new Map<string, { preview: string; accept: string }>()
    for (const [reason, token] of cases) seen.set(reason, await answers(person.client, token))
    const [first] = [...seen.values()]
    expect(first!.preview).toBe(
      '404 {"error":{"code":"not_found","message":"This invitation link is not valid (expired, already used or withdrawn).","reason":"invitation_invalid"}}',
    )
    expect(first!.accept).toBe(first!.preview)
    for (const [reason, answer] of seen) expect({ reason, ...answer }).toEqual({ reason, ...first })
  })

  it('[ACCT7] admins list pending invitations with their expiry, send a new link (the old one stops working) and revoke; other roles get 403, other alliances 404', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['steering'])
    const other = await createAlliance(server.url)
    const email = uniqueEmail('relance')
    const { invitationId } = (await (await invite(admin.client, workspaceId, email)).json()) as { invitationId: string }
    const first = await invitationTokenFromOutbox(admin.client, email)
    const [listed] = await admin.client.json<Invitation[]>('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)
    expect(listed).toMatchObject({ id: invitationId, email, expired: false, expiresAt: expect.any(String), sentAt: expect.any(String) })

    const resent = await admin.client.json<{ invitationId: string; expiresAt: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/invitations/${invitationId}/resend`,
      {},
      200,
    )
    expect(resent).toEqual({ invitationId, expiresAt: expect.any(String) })
    const second = await invitationTokenFromOutbox(admin.client, email)
    expect(second).not.toBe(first)
    expect(await mailsTo(admin.client, email)).toHaveLength(2)
    expect((await admin.client.request('GET', `/api/invitations/${first}`)).status).toBe(404)
    expect((await admin.client.request('GET', `/api/invitations/${second}`)).status).toBe(200)

    const steering = members[0]!.client
    expect((await steering.request('POST', `/api/workspaces/${workspaceId}/invitations/${invitationId}/resend`, {})).status).toBe(403)
    expect((await other.admin.client.request('POST', `/api/workspaces/${other.workspaceId}/invitations/${invitationId}/resend`, {})).status).toBe(404)
    expect((await other.admin.client.request('DELETE', `/api/workspaces/${other.workspaceId}/invitations/${invitationId}`)).status).toBe(404)
    expect(await mailsTo(admin.client, email)).toHaveLength(2)

    await admin.client.json('DELETE', `/api/workspaces/${workspaceId}/invitations/${invitationId}`, undefined, 204)
    expect((await admin.client.request('GET', `/api/invitations/${second}`)).status).toBe(404)
    expect(await admin.client.json('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)).toEqual([])
  })
})

describe('invitation expiry', () => {
  // A scripted clock: the link's lifetime passes without waiting (INVITATION_TTL_DAYS=2).
  let now = Date.parse('2030-05-06T09:00:00Z')
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ INVITATION_TTL_DAYS: '2' }, undefined, { clock: () => new Date(now) })
  })
  afterAll(async () => {
    await server.close()
    removeDir(server.dataDir)
  })

  it('[ACCT6] an expired link gets the same 404 as a forged one; the admin sees it expired and a new link works', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const person = await signUp(server.url, 'Retardataire')
    const { invitationId } = await admin.client.json<{ invitationId: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/members`,
      { email: person.email, role: 'editor' },
      201,
    )
    const token = await invitationTokenFromOutbox(admin.client, person.email)
    now += 2 * DAY - 1000
    expect((await person.client.request('GET', `/api/invitations/${token}`)).status).toBe(200)
    now += 2000
    const expired = await person.client.request('POST', `/api/invitations/${token}/accept`, {})
    const forged = await person.client.request('POST', `/api/invitations/${randomBytes(32).toString('base64url')}/accept`, {})
    expect(`${expired.status} ${await expired.text()}`).toBe(`${forged.status} ${await forged.text()}`)
    expect(expired.status).toBe(404)
    const [listed] = await admin.client.json<Invitation[]>('GET', `/api/workspaces/${workspaceId}/invitations`, undefined, 200)
    expect(listed).toMatchObject({ id: invitationId, expired: true })

    await admin.client.json('POST', `/api/workspaces/${workspaceId}/invitations/${invitationId}/resend`, {}, 200)
    await person.client.json('POST', `/api/invitations/${await invitationTokenFromOutbox(admin.client, person.email)}/accept`, {}, 200)
    expect((await person.client.json<{ id: string }[]>('GET', '/api/workspaces', undefined, 200)).map((w) => w.id)).toEqual([workspaceId])
  })
})
