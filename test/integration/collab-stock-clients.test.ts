import { CLOSE, contentOf, HEARTBEAT_FRAME, LIMITS, MESSAGE, readSaved } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { para } from '../helpers/richTextBlocks.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** Every frame a provider's sockets receive, by message type, and how each socket closed. */
function recordTraffic(c: DocClient): { types: number[]; closes: number[] } {
  const traffic = { types: [] as number[], closes: [] as number[] }
  const watch = () => {
    const ws = c.provider.ws as unknown as { addEventListener(type: string, listener: (event: { data: ArrayBuffer; code: number }) => void): void } | null
    ws?.addEventListener('message', (event) => traffic.types.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(event.data)))))
    ws?.addEventListener('close', (event) => traffic.closes.push(event.code))
  }
  watch()
  // A new socket for every (re)connection: the provider says 'connecting' once it exists.
  c.provider.on('status', ({ status }: { status: string }) => status === 'connecting' && watch())
  return traffic
}

const paragraphs = (doc: Y.Doc) => contentOf(doc).toString()

describe('stock Yjs clients see plain y-websocket (QUIET)', () => {
  const suite = serverPerSuite()
  let alliance: Awaited<ReturnType<typeof createAlliance>>
  const open: DocClient[] = []
  const consoleErrors = vi.spyOn(console, 'error')
  beforeAll(async () => {
    alliance = await createAlliance(suite.url, ['editor', 'observer'])
  })
  afterEach(() => consoleErrors.mockClear())
  afterAll(() => {
    open.forEach((c) => c.destroy())
    consoleErrors.mockRestore()
  })
  const connect = async (...args: Parameters<typeof connectDoc>) => {
    const c = await connectDoc(...args)
    open.push(c)
    return c
  }
  const editor = () => alliance.members[0]!.client
  const observer = () => alliance.members[1]!.client

  it('[QUIET1] a stock provider syncs and edits, receives no message of type 100 or more and logs nothing, while our client gets its saved acknowledgements', async () => {
    const stock = await connect(editor(), alliance.workspaceId, 'charter', new Y.Doc(), { stock: true })
    const stockTraffic = recordTraffic(stock)
    const saved: number[] = []
    const ours = await connect(alliance.admin.client, alliance.workspaceId, 'charter', new Y.Doc(), {
      beforeConnect: (provider) => {
        provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => saved.push(readSaved(decoder).saved)
      },
    })
    await Promise.all([stock.synced(), ours.synced()])

    contentOf(stock.doc).push([para(['Écrit par un client Yjs ordinaire.'])])
    await waitFor(() => paragraphs(ours.doc).includes('client Yjs ordinaire'), { message: 'our client sees the stock edit' })
    contentOf(ours.doc).push([para(['Écrit par Ensemble.'])])
    await waitFor(() => paragraphs(stock.doc).includes('par Ensemble'), { message: 'the stock client sees ours' })
    await waitFor(() => saved.length > 0 && saved.at(-1)! >= 1, { message: 'our client is told its edit is saved' })
    // Presence too: the server answers presence with presence only.
    stock.provider.awareness.setLocalStateField('cursor', null)
    await waitFor(() => ours.provider.awareness.getStates().get(stock.doc.clientID)?.user, { message: 'presence, stamped by the server, reaches our client' })

    expect(stockTraffic.types.length).toBeGreaterThan(0)
    expect(stockTraffic.types.filter((type) => type >= MESSAGE.serverError)).toEqual([])
    expect(consoleErrors.mock.calls.flat().filter((m) => String(m).includes('Unable to compute message'))).toEqual([])
  })

  it('[QUIET2] a stock client’s refused edit is still undone for it (compensation) without a typed error; our client gets the typed error', async () => {
    const writer = await connect(alliance.admin.client, alliance.workspaceId, 'vision')
    const stock = await connect(observer(), alliance.workspaceId, 'vision', new Y.Doc(), { stock: true })
    const stockTraffic = recordTraffic(stock)
    const ours = await connect(observer(), alliance.workspaceId, 'vision')
    await Promise.all([writer.synced(), stock.synced(), ours.synced()])
    contentOf(writer.doc).push([para(['Texte adopté.'])])
    await waitFor(() => paragraphs(stock.doc).includes('Texte adopté') && paragraphs(ours.doc).includes('Texte adopté'), {
      message: 'both observers see the text',
    })

    contentOf(stock.doc).push([para(['Ajout interdit du client ordinaire.'])])
    contentOf(ours.doc).push([para(['Ajout interdit du client Ensemble.'])])
    await waitFor(() => ours.errors.length > 0, { message: 'our client is told why' })
    expect(ours.errors[0]).toMatchObject({ code: 'edit_forbidden' })
    await waitFor(() => !paragraphs(stock.doc).includes('interdit') && !paragraphs(ours.doc).includes('interdit'), {
      message: 'both refused edits are undone on their authors',
    })
    expect(paragraphs(writer.doc)).not.toContain('interdit')
    expect(stockTraffic.types.filter((type) => type >= MESSAGE.serverError)).toEqual([])
    expect(consoleErrors.mock.calls.flat().filter((m) => String(m).includes('Unable to compute message'))).toEqual([])
  })

  it('[QUIET3] a stock client sending an update nested too deep is closed with 4400, with no typed error before the close', async () => {
    const stock = await connect(editor(), alliance.workspaceId, 'agreement', new Y.Doc(), { stock: true })
    const stockTraffic = recordTraffic(stock)
    await stock.synced()
    stock.doc.transact(() => {
      let map = stock.doc.getMap('deep')
      for (let i = 0; i <= LIMITS.maxNestingDepth + 2; i++) {
        const child = new Y.Map<unknown>()
        map.set('k', child)
        map = child
      }
    })
    await waitFor(() => stockTraffic.closes.length > 0, { message: 'the stock client is closed' })
    expect(stockTraffic.closes[0]).toBe(CLOSE.malformedMessage)
    expect(stockTraffic.types.filter((type) => type >= MESSAGE.serverError)).toEqual([])
  })

  it('[KEEP3] the server echoes a heartbeat (type 104) to a client that asked for extensions, and closes a stock client that sends one (4400)', async () => {
    const ours = await connect(editor(), alliance.workspaceId, 'governance')
    const oursTraffic = recordTraffic(ours)
    const stock = await connect(editor(), alliance.workspaceId, 'governance', new Y.Doc(), { stock: true })
    const stockTraffic = recordTraffic(stock)
    ours.provider.messageHandlers[MESSAGE.heartbeat] = () => {}
    await Promise.all([ours.synced(), stock.synced()])

    ours.provider.ws!.send(HEARTBEAT_FRAME)
    await waitFor(() => oursTraffic.types.includes(MESSAGE.heartbeat), { message: 'heartbeat echoed' })
    stock.provider.ws!.send(HEARTBEAT_FRAME)
    await waitFor(() => stockTraffic.closes.length > 0, { message: 'the stock client is closed' })
    expect(stockTraffic.closes[0]).toBe(CLOSE.malformedMessage)
  })
})
