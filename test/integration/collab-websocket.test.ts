import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { actionsOf, buildAction, CLOSE, LIMITS, MESSAGE, readServerError, SCHEMA_VERSION, type ServerErrorMessage } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { TicketStore } from '@ensemble/server/auth'
import { createCollab, type Collab } from '@ensemble/server/collab'
import { identity } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { waitFor } from '../helpers/waitFor.ts'

/**
 * The collaboration core behind a bare Node HTTP server, reached with `ws` and the stock y-websocket
 * provider: the upgrade checks, frame limits and the real provider speaking to the real core.
 */
const ALLOWED_ORIGIN = 'https://ensemble.example'
const MEMBERS: Record<string, 'editor' | 'observer'> = { alice: 'editor', bob: 'editor', olga: 'observer' }

let http: Server
let collab: Collab
let tickets: TicketStore
let wsBase: string
const store = new MemoryDocStore()

beforeAll(async () => {
  tickets = new TicketStore()
  collab = createCollab({
    store,
    tickets,
    allowedOrigins: [ALLOWED_ORIGIN],
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    roomIdleMs: 50,
    identify: async (workspaceId, userId, docName) => {
      const role = workspaceId === 'w1' ? MEMBERS[userId] : undefined
      return role ? identity({ workspaceId, docName, userId, role, locale: 'en' }) : null
    },
  })
  http = createServer((_req, res) => res.writeHead(404).end())
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) {
      socket.end('HTTP/1.1 418 Not Collab\r\nConnection: close\r\n\r\n')
    }
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  wsBase = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`
})
afterAll(async () => {
  await collab.close()
  await new Promise((resolve) => http.close(resolve))
})

const ticketFor = (userId: string, workspaceId = 'w1') => tickets.issue({ userId, workspaceId })

/** Opens a socket; resolves with 101 and the socket, or with the HTTP status the server answered. */
function attempt(path: string, origin?: string): Promise<{ status: number; ws: WebSocket | null }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase}${path}`, origin ? { origin } : {})
    ws.on('open', () => resolve({ status: 101, ws }))
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, ws: null })
      ws.terminate()
    })
    ws.on('error', reject)
  })
}

/** Waits for the server to close `ws`; resolves with the close code. */
const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))

describe('websocket upgrade', () => {
  it('[WS1] a member with a valid ticket upgrades, with or without the schema parameter, from an allowed or no Origin', async () => {
    for (const [query, origin] of [
      [`schema=${SCHEMA_VERSION}&`, ALLOWED_ORIGIN],
      ['', undefined],
    ] as const) {
      const { status, ws } = await attempt(`/ws/w1/plan?${query}ticket=${ticketFor('alice')}`, origin)
      expect(status).toBe(101)
      ws!.terminate()
    }
  })

  it('[WS2] refusals happen before the 101, with the status that names the reason', async () => {
    const cases: [string, string | undefined, number][] = [
      ['/ws/w1/plan', undefined, 401],
      ['/ws/w1/plan?ticket=made-up', undefined, 401],
      [`/ws/w1/plan?ticket=${ticketFor('alice')}`, 'https://evil.example', 403],
      [`/ws/w1/plan?ticket=${ticketFor('alice', 'w2')}`, undefined, 403],
      [`/ws/w2/plan?ticket=${ticketFor('alice', 'w2')}`, undefined, 403],
      [`/ws/w1/nope?ticket=${ticketFor('alice')}`, undefined, 404],
      [`/ws/w1/plan?schema=0&ticket=${ticketFor('alice')}`, undefined, 426],
      [`/ws/w1/..%2Fplan?ticket=${ticketFor('alice')}`, undefined, 400],
      [`/ws/w1/minutes%3A..?ticket=${ticketFor('alice')}`, undefined, 400],
      [`/ws/w1/plan%00?ticket=${ticketFor('alice')}`, undefined, 400],
      [`/ws/w1/${'x'.repeat(101)}?ticket=${ticketFor('alice')}`, undefined, 400],
      [`/ws/w1/plan/extra?ticket=${ticketFor('alice')}`, undefined, 400],
      [`/ws/w1?ticket=${ticketFor('alice')}`, undefined, 400],
    ]
    for (const [path, origin, expected] of cases) {
      expect({ path, status: (await attempt(path, origin)).status }).toEqual({ path, status: expected })
    }
  })

  it('[WS2] a minutes document name is URL-decoded once', async () => {
    const { status, ws } = await attempt(`/ws/w1/${encodeURIComponent('minutes:m1')}?ticket=${ticketFor('alice')}`)
    expect(status).toBe(101)
    ws!.terminate()
  })

  it('[WSAUTH2] a ticket is spent by its first attempt, even a refused one', async () => {
    const ticket = ticketFor('alice')
    expect((await attempt(`/ws/w1/plan?schema=0&ticket=${ticket}`)).status).toBe(426)
    expect((await attempt(`/ws/w1/plan?ticket=${ticket}`)).status).toBe(401)
  })

  it('[WS4] other paths are left to other upgrade handlers', async () => {
    expect((await attempt('/vite-hmr')).status).toBe(418)
  })
})

describe('websocket frames', () => {
  it('[WS3] a text frame closes that connection with 4400, others carry on', async () => {
    const { ws: bad } = await attempt(`/ws/w1/governance?ticket=${ticketFor('alice')}`)
    const { ws: good } = await attempt(`/ws/w1/governance?ticket=${ticketFor('bob')}`)
    const closed = closeCode(bad!)
    bad!.send('hello')
    expect(await closed).toBe(CLOSE.malformedMessage)
    expect(good!.readyState).toBe(WebSocket.OPEN)
    good!.terminate()
  })

  it('[WS5] a frame above LIMITS.maxFrameBytes closes that connection with 1009', async () => {
    const { ws } = await attempt(`/ws/w1/governance?ticket=${ticketFor('alice')}`)
    const closed = closeCode(ws!)
    ws!.send(new Uint8Array(LIMITS.maxFrameBytes + 1))
    expect(await closed).toBe(CLOSE.frameTooLarge)
  })
})

describe('the stock y-websocket provider', () => {
  /** A WebsocketProvider with a fresh ticket, recording type-100 errors. */
  function provider(userId: string, docName: string) {
    const doc = new Y.Doc()
    const p = new WebsocketProvider(`${wsBase}/ws/w1`, docName, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { ticket: ticketFor(userId), schema: String(SCHEMA_VERSION), ext: '1' },
      disableBc: true,
      connect: true,
    })
    const errors: ServerErrorMessage[] = []
    p.messageHandlers[MESSAGE.serverError] = (_encoder, decoder) => {
      errors.push(readServerError(decoder))
    }
    return { doc, provider: p, errors }
  }

  it('[WS6] editors sync through the real provider and an observer edit is undone with a type-100 error', async () => {
    const alice = provider('alice', 'plan')
    const bob = provider('bob', 'plan')
    const olga = provider('olga', 'plan')
    await waitFor(() => alice.provider.synced && bob.provider.synced && olga.provider.synced, { message: 'synced' })

    actionsOf(alice.doc).set('a1', buildAction({ title: 'Réelle', order: 'a0' }))
    await waitFor(() => actionsOf(bob.doc).get('a1')?.get('title') === 'Réelle', { message: 'bob sees alice' })
    await waitFor(() => actionsOf(olga.doc).get('a1')?.get('title') === 'Réelle', { message: 'olga sees alice' })

    actionsOf(olga.doc).get('a1')!.set('title', 'Interdite')
    await waitFor(() => olga.errors.length > 0, { message: 'server error' })
    expect(olga.errors[0]).toMatchObject({ code: 'edit_forbidden', message: expect.stringMatching(/role/) })
    await waitFor(() => actionsOf(olga.doc).get('a1')?.get('title') === 'Réelle', { message: 'olga snapped back' })
    expect(actionsOf(bob.doc).get('a1')?.get('title')).toBe('Réelle')

    for (const p of [alice, bob, olga]) p.provider.destroy()
  })
})
