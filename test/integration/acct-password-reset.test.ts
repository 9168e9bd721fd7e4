import { randomBytes } from 'node:crypto'
import { CLOSE, LIMITS, PASSWORD_RESET_INVALID } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAlliance } from '../helpers/alliance.ts'
import { fetchTicket } from '../helpers/collab.ts'
import { HttpClient, signUp, uniqueEmail } from '../helpers/http.ts'
import { invitationTokenFromOutbox } from '../helpers/invitations.ts'
import { RESET_LINK, resetTokenFromOutbox, waitForResetMails } from '../helpers/passwordResets.ts'
import { removeDir, serverPerSuite, startTestServer, type TestServer } from '../helpers/server.ts'

/**
 * Password reset by a mailed link (ACCT16–ACCT20 of docs/SPEC.md), sent as an attacker would: raw
 * requests for addresses with and without an account, past the budgets, with spent, expired,
 * forged and concurrent links, and as the owner of an address someone else signed up with.
 * The server trusts X-Forwarded-For here, so each test speaks from a client address of its own
 * (documentation addresses, never contacted) and the per-client budgets of one test leave the
 * others alone.
 */
const PASSWORD = 'motdepasse-solide-1'
const NEW_PASSWORD = 'un-phare-dans-la-brume-7'

let lastClient = 0
/** A client address no other test uses. */
const newClientAddress = () => `198.51.100.${++lastClient}`

/** Asks for a reset link for `email`, from client address `ip` when the server trusts X-Forwarded-For. */
const askReset = (client: HttpClient, email: string, ip?: string) =>
  client.request('POST', '/api/password-reset', { email }, ip ? { 'x-forwarded-for': ip } : {})

describe('password reset', () => {
  const server = serverPerSuite({ TRUST_PROXY: '1' })
  /** Any signed-in account can read the dev outbox. */
  let reader: HttpClient
  beforeAll(async () => {
    reader = (await signUp(server.url, 'Lectrice Boîte')).client
  })

  it('[ACCT16] an address with an account and one without get the same answer, byte for byte; both are mailed, French then English, and only the account gets a link', async () => {
    const ip = newClientAddress()
    const owner = await signUp(server.url, 'Awa Titulaire')
    const nobody = uniqueEmail('personne')
    const answers = []
    for (const email of [owner.email, nobody]) {
      const res = await askReset(new HttpClient(server.url), email, ip)
      const headers: Record<string, string> = {}
      res.headers.forEach((value, name) => {
        if (name !== 'date') headers[name] = value
      })
      answers.push({ status: res.status, headers, body: await res.text() })
    }
    expect(answers[0]).toMatchObject({ status: 202, body: '{"sent":true}' })
    expect(answers[1]).toEqual(answers[0])
    expect(answers[0]!.headers['set-cookie']).toBeUndefined()

    // Each address got its mail after the answer; only the account's holds a link.
    const [toOwner] = await waitForResetMails(reader, owner.email)
    const [toNobody] = await waitForResetMails(reader, nobody)
    expect(toOwner!.subject).toBe('Votre mot de passe Ensemble · Your Ensemble password')
    expect(toOwner!.text.indexOf('Quelqu’un, sans doute vous')).toBeLessThan(toOwner!.text.indexOf('Someone, most likely you'))
    expect(toOwner!.text).toMatch(RESET_LINK)
    expect(toOwner!.text).toContain(`${server.url}/nouveau-mot-de-passe/`)
    expect(toNobody!.subject).toBe(toOwner!.subject)
    expect(toNobody!.text).not.toMatch(RESET_LINK)
    expect(toNobody!.text).toContain('aucun compte n’utilise cette adresse')
    expect(toNobody!.text).toContain(`${server.url}/inscription`)

    // The same rows were written for both, and none holds the token the mail carries.
    const token = RESET_LINK.exec(toOwner!.text)![1]!
    const rows = await server.server.database.db.selectFrom('password_reset').selectAll().where('email', 'in', [owner.email, nobody]).execute()
    expect(rows.map((r) => r.email).sort()).toEqual([owner.email, nobody].sort())
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(token)

    // Bad input changes nothing and is told as usual.
    expect((await askReset(new HttpClient(server.url), 'pas-une-adresse', ip)).status).toBe(422)
    const notJson = await new HttpClient(server.url).request('POST', '/api/password-reset', '{"email":', { 'x-forwarded-for': ip })
    expect(notJson.status).toBe(400)

    // The OpenAPI document describes the three routes with the same schemas.
    const openApi = await reader.json<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json', undefined, 200)
    expect(Object.keys(openApi.paths['/api/password-reset']!)).toEqual(['post'])
    expect(Object.keys(openApi.paths['/api/password-reset/{token}']!).sort()).toEqual(['get', 'post'])
  })

  it('[ACCT17] asking is budgeted per address asked about, the same with or without an account, and per client address: past either, 429 with Retry-After, and nothing is mailed', async () => {
    const owner = await signUp(server.url, 'Basile Demandeur')
    const nobody = uniqueEmail('inconnu')
    const { perAddress, perClient } = LIMITS.passwordReset
    // Per address: each from a fresh client address, so only the address's budget counts.
    const statuses = async (email: string) => {
      const seen: number[] = []
      for (let i = 0; i <= perAddress.burst; i++) seen.push((await askReset(new HttpClient(server.url), email, newClientAddress())).status)
      return seen
    }
    const expected = [...Array(perAddress.burst).fill(202), 429]
    expect(await statuses(owner.email)).toEqual(expected)
    expect(await statuses(nobody)).toEqual(expected)
    const refused = await askReset(new HttpClient(server.url), owner.email, newClientAddress())
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBe(Math.ceil(1 / perAddress.perSecond))
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } })
    expect(await waitForResetMails(reader, owner.email, perAddress.burst)).toHaveLength(perAddress.burst)
    expect(await waitForResetMails(reader, nobody, perAddress.burst)).toHaveLength(perAddress.burst)

    // Per client address: many addresses from one client.
    const ip = newClientAddress()
    const fromOneClient: number[] = []
    for (let i = 0; i <= perClient.burst; i++) fromOneClient.push((await askReset(new HttpClient(server.url), uniqueEmail('rafale'), ip)).status)
    expect(fromOneClient).toEqual([...Array(perClient.burst).fill(202), 429])
    const last = await askReset(new HttpClient(server.url), uniqueEmail('rafale'), ip)
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('retry-after'))).toBe(Math.ceil(1 / perClient.perSecond))
    // Other clients are served as before.
    expect((await askReset(new HttpClient(server.url), uniqueEmail('voisine'), newClientAddress())).status).toBe(202)
  })

  it('[ACCT18] spent, superseded, forged and malformed links all get the same 404, byte for byte, on reading and on use; a password the policy refuses leaves the link working', async () => {
    const ip = newClientAddress()
    const owner = await signUp(server.url, 'Chloé Lien')
    await askReset(new HttpClient(server.url), owner.email, ip)
    const first = await resetTokenFromOutbox(reader, owner.email, 1)
    await askReset(new HttpClient(server.url), owner.email, ip)
    const second = await resetTokenFromOutbox(reader, owner.email, 2)
    expect(second).not.toBe(first)

    const visitor = new HttpClient(server.url)
    expect(await visitor.json('GET', `/api/password-reset/${second}`, undefined, 200)).toMatchObject({ email: owner.email, expiresAt: expect.any(String) })
    // The policy refuses: 422 naming the field and the reason; the link still works.
    const weak = await visitor.request('POST', `/api/password-reset/${second}`, { newPassword: 'azerty123' })
    expect(weak.status).toBe(422)
    expect(await weak.json()).toMatchObject({ error: { code: 'validation_failed', field: 'newPassword', reason: 'password_common' } })
    const personal = await visitor.request('POST', `/api/password-reset/${second}`, { newPassword: `${owner.email}!` })
    expect(await personal.json()).toMatchObject({ error: { reason: 'password_personal' } })
    expect(await visitor.json('POST', `/api/password-reset/${second}`, { newPassword: NEW_PASSWORD }, 200)).toEqual({ email: owner.email })

    const invitation = await (async () => {
      const { workspaceId, admin } = await createAlliance(server.url)
      const invitee = uniqueEmail('invitee')
      await admin.client.json('POST', `/api/workspaces/${workspaceId}/members`, { email: invitee, role: 'editor' }, 201)
      return invitationTokenFromOutbox(admin.client, invitee)
    })()
    const unusable: [string, string][] = [
      ['spent', second],
      ['superseded by the reset', first],
      ['forged', randomBytes(32).toString('base64url')],
      ['an invitation token', invitation],
      ['malformed', 'abc'],
      ['too long', 'x'.repeat(4000)],
    ]
    const answers = new Set<string>()
    for (const [label, token] of unusable) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { newPassword: 'encore-un-autre-secret-9' }],
      ] as const) {
        const res = await visitor.request(method, `/api/password-reset/${token}`, body)
        const text = await res.text()
        expect({ label, method, status: res.status }).toEqual({ label, method, status: 404 })
        answers.add(text)
      }
    }
    expect([...answers]).toHaveLength(1)
    expect(JSON.parse([...answers][0]!)).toMatchObject({ error: { code: 'not_found', reason: PASSWORD_RESET_INVALID } })
    // The password is the one set through the link, and none of the refused ones.
    await new HttpClient(server.url).json('POST', '/api/auth/sign-in/email', { email: owner.email, password: NEW_PASSWORD }, 200)
  })

  it('[ACCT18] a link used twice at once sets one password: exactly one use succeeds', async () => {
    const ip = newClientAddress()
    const owner = await signUp(server.url, 'Denis Concurrent')
    await askReset(new HttpClient(server.url), owner.email, ip)
    const token = await resetTokenFromOutbox(reader, owner.email)
    const passwords = ['premier-essai-du-lien-1', 'second-essai-du-lien-2', 'troisieme-essai-du-lien-3', 'quatrieme-essai-du-lien-4']
    const answers = await Promise.all(
      passwords.map((newPassword) => new HttpClient(server.url).request('POST', `/api/password-reset/${token}`, { newPassword })),
    )
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404, 404, 404])
    const winner = passwords[answers.findIndex((r) => r.status === 200)]!
    for (const password of passwords) {
      const res = await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email: owner.email, password })
      expect({ password, status: res.status }).toEqual({ password, status: password === winner ? 200 : 401 })
    }
  })

  it('[ACCT19] resetting ends every session of the account (cookies 401, websockets 4403), spends its links, marks the address verified; the old password stops working', async () => {
    const ip = newClientAddress()
    const { workspaceId, members } = await createAlliance(server.url, ['editor'])
    const { client: first, email, userId } = members[0]!
    const second = new HttpClient(server.url)
    await second.json('POST', '/api/auth/sign-in/email', { email, password: PASSWORD }, 200)
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws/${workspaceId}/plan?ticket=${await fetchTicket(first, workspaceId)}`)
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })

    await askReset(new HttpClient(server.url), email, ip)
    await askReset(new HttpClient(server.url), email, ip)
    const [newest, older] = (await waitForResetMails(reader, email, 2)).map((m) => RESET_LINK.exec(m.text)![1]!)
    expect(await new HttpClient(server.url).json('POST', `/api/password-reset/${newest}`, { newPassword: NEW_PASSWORD }, 200)).toEqual({ email })

    expect(await closed).toBe(CLOSE.accessRevoked)
    expect((await first.request('GET', '/api/me')).status).toBe(401)
    expect((await second.request('GET', '/api/me')).status).toBe(401)
    expect((await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(401)
    await new HttpClient(server.url).json('POST', '/api/auth/sign-in/email', { email, password: NEW_PASSWORD }, 200)
    expect((await new HttpClient(server.url).request('GET', `/api/password-reset/${older}`)).status).toBe(404)
    expect(await server.server.database.db.selectFrom('password_reset').select('id').where('email', '=', email).execute()).toEqual([])
    const user = (await server.server.database.db.selectFrom('user').selectAll().where('id', '=', userId).executeTakeFirst()) as { emailVerified?: unknown }
    expect(Boolean(user.emailVerified)).toBe(true)
  })

  it('[ACCT20] the owner of an address takes back the account a squatter created with it: the squatter is signed out everywhere, the owner signs in and accepts their invitation', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const victim = uniqueEmail('proprietaire')
    await admin.client.json('POST', `/api/workspaces/${workspaceId}/members`, { email: victim, role: 'editor' }, 201)
    // The squatter signs up first with the invited address, and cannot use the invitation.
    const squatter = new HttpClient(server.url)
    await squatter.json('POST', '/api/auth/sign-up/email', { name: 'Usurpateur', email: victim, password: 'porte-derobee-du-jardin-42' }, 200)
    const invitation = await invitationTokenFromOutbox(admin.client, victim)
    expect((await squatter.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(404)

    // The owner of the mailbox asks for a link, reads it in their mail and sets their password.
    await askReset(new HttpClient(server.url), victim, newClientAddress())
    const token = await resetTokenFromOutbox(reader, victim)
    await new HttpClient(server.url).json('POST', `/api/password-reset/${token}`, { newPassword: NEW_PASSWORD }, 200)

    expect((await squatter.request('GET', '/api/me')).status).toBe(401)
    expect(
      (await new HttpClient(server.url).request('POST', '/api/auth/sign-in/email', { email: victim, password: 'porte-derobee-du-jardin-42' })).status,
    ).toBe(401)
    const owner = new HttpClient(server.url)
    await owner.json('POST', '/api/auth/sign-in/email', { email: victim, password: NEW_PASSWORD }, 200)
    await owner.json('POST', '/api/auth/update-user', { name: 'Vraie Propriétaire' }, 200)
    expect(await owner.json('POST', `/api/invitations/${invitation}/accept`, {}, 200)).toEqual({ workspaceId })
    expect((await owner.request('GET', `/api/workspaces/${workspaceId}`)).status).toBe(200)
  })
})

describe('password reset links in time', () => {
  let server: TestServer
  let offsetMs = 0
  let limitsMs = 0
  beforeAll(async () => {
    server = await startTestServer({ PASSWORD_RESET_TTL_MINUTES: '30' }, undefined, {
      clock: () => new Date(Date.now() + offsetMs),
      limitsNow: () => performance.now() + limitsMs,
    })
  })
  afterAll(async () => {
    await server.close()
    removeDir(server.dataDir)
  })

  it('[ACCT18] a link stops working once PASSWORD_RESET_TTL_MINUTES have passed: the same 404 as a forged one', async () => {
    const reader = (await signUp(server.url, 'Lectrice Horloge')).client
    const owner = await signUp(server.url, 'Élise Expirée')
    await askReset(new HttpClient(server.url), owner.email)
    const token = await resetTokenFromOutbox(reader, owner.email)
    expect((await new HttpClient(server.url).request('GET', `/api/password-reset/${token}`)).status).toBe(200)
    offsetMs = 29 * 60_000
    expect((await new HttpClient(server.url).request('GET', `/api/password-reset/${token}`)).status).toBe(200)
    offsetMs = 30 * 60_000 + 1000
    const expired = await new HttpClient(server.url).request('POST', `/api/password-reset/${token}`, { newPassword: NEW_PASSWORD })
    const forged = await new HttpClient(server.url).request('POST', `/api/password-reset/${randomBytes(32).toString('base64url')}`, {
      newPassword: NEW_PASSWORD,
    })
    expect(expired.status).toBe(404)
    expect(await expired.text()).toBe(await forged.text())
    await new HttpClient(server.url).json('POST', '/api/auth/sign-in/email', { email: owner.email, password: PASSWORD }, 200)
    // The next request clears the expired row: the table keeps only working links.
    await askReset(new HttpClient(server.url), uniqueEmail('autre'))
    expect(await server.server.database.db.selectFrom('password_reset').select('id').where('email', '=', owner.email).execute()).toEqual([])
  })

  it('[ACCT17] an address past its budget is served again once Retry-After has passed', async () => {
    const email = uniqueEmail('patiente')
    const { perAddress } = LIMITS.passwordReset
    for (let i = 0; i < perAddress.burst; i++) expect((await askReset(new HttpClient(server.url), email)).status).toBe(202)
    const refused = await askReset(new HttpClient(server.url), email)
    expect(refused.status).toBe(429)
    limitsMs += Number(refused.headers.get('retry-after')) * 1000
    expect((await askReset(new HttpClient(server.url), email)).status).toBe(202)
  })
})
