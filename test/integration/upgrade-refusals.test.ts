import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createAlliance } from '../helpers/alliance.ts'
import { fetchTicket } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { addMember } from '../helpers/invitations.ts'

/** Attempts an upgrade; resolves with 101 on success or the HTTP status the server answered instead. */
function tryUpgrade(url: string, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {})
    ws.on('open', () => {
      ws.terminate()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('error', (err) => {
      // A destroyed socket without a response also means "no 101".
      if (/socket hang up|ECONNRESET/.test(String(err))) resolve(0)
      else reject(err)
    })
  })
}

describe('websocket upgrades are refused before 101 unless everything checks out', () => {
  let server: TestServer
  let alliance: Awaited<ReturnType<typeof createAlliance>>
  let wsBase: string

  beforeAll(async () => {
    server = await startTestServer()
    alliance = await createAlliance(server.url)
    wsBase = server.url.replace(/^http/, 'ws')
  })
  afterAll(async () => {
    await server.close()
    removeDir(server.dataDir)
  })

  const url = (ticket: string | null, docName = 'agreement', workspaceId = alliance.workspaceId) =>
    `${wsBase}/ws/${workspaceId}/${docName}${ticket === null ? '' : `?ticket=${encodeURIComponent(ticket)}`}`

  it('[WSAUTH0] a valid ticket from an allowed origin upgrades', async () => {
    expect(await tryUpgrade(url(await fetchTicket(alliance.admin.client, alliance.workspaceId)), new URL(server.url).origin)).toBe(101)
  })

  it('[WSAUTH1] no ticket or a made-up ticket never reaches 101', async () => {
    expect(await tryUpgrade(url(null))).not.toBe(101)
    expect(await tryUpgrade(url('not-a-real-ticket'))).not.toBe(101)
  })

  it('[WSAUTH2] a ticket is single use', async () => {
    const ticket = await fetchTicket(alliance.admin.client, alliance.workspaceId)
    expect(await tryUpgrade(url(ticket))).toBe(101)
    expect(await tryUpgrade(url(ticket))).not.toBe(101)
  })

  it('[WSAUTH3] a ticket only opens the workspace it was issued for', async () => {
    const other = await createAlliance(server.url)
    const ticket = await fetchTicket(other.admin.client, other.workspaceId)
    expect(await tryUpgrade(url(ticket, 'agreement', alliance.workspaceId))).not.toBe(101)
  })

  it('[WSAUTH4] a non-member cannot obtain a ticket, and a removed member cannot use one', async () => {
    const outsider = await signUp(server.url, 'Extérieur')
    const res = await outsider.client.request('POST', `/api/workspaces/${alliance.workspaceId}/tickets`)
    expect(res.status).toBe(404)
    const member = await signUp(server.url, 'Membre retiré')
    await addMember(alliance.admin.client, alliance.workspaceId, member, { role: 'editor', partnerId: alliance.partnerId })
    const ticket = await fetchTicket(member.client, alliance.workspaceId)
    await alliance.admin.client.request('DELETE', `/api/workspaces/${alliance.workspaceId}/members/${member.userId}`)
    expect(await tryUpgrade(url(ticket))).not.toBe(101)
  })

  it('[WSAUTH5] an Origin outside the allow-list is refused', async () => {
    const ticket = await fetchTicket(alliance.admin.client, alliance.workspaceId)
    expect(await tryUpgrade(url(ticket), 'https://evil.example')).not.toBe(101)
  })

  it('[WSAUTH6] unknown or hostile document names are refused', async () => {
    for (const docName of ['budget', '..%2Fplan', 'plan%2F..', 'vision%00', 'minutes:', 'x'.repeat(300)]) {
      const ticket = await fetchTicket(alliance.admin.client, alliance.workspaceId)
      expect(await tryUpgrade(url(ticket, docName)), docName).not.toBe(101)
    }
  })
})
