import { actionsOf, CLOSE, contentOf, LIMITS, MESSAGE, readServerError, SCHEMA_VERSION, type ServerErrorMessage } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { freshParams } from '../../client/src/features/collab/syncV2.ts'
import { OPEN_ON_THREAD_BYTES } from '@ensemble/server/collab'
import type { RunningServer } from '@ensemble/server'
import { planUpdates } from '../bench/largeDoc.ts'
import { createAlliance } from '../helpers/alliance.ts'
import { fetchTicket } from '../helpers/collab.ts'
import type { HttpClient } from '../helpers/http.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, serverPerSuite, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { block, docApi, waitForRows } from './history-flow.ts'

/** What a raw websocket saw before it closed: the server's typed errors, and the close. */
async function openAndClose(client: HttpClient, workspaceId: string, docName: string): Promise<{ errors: ServerErrorMessage[]; code: number; reason: string }> {
  const url = `${client.baseUrl.replace(/^http/, 'ws')}/ws/${workspaceId}/${encodeURIComponent(docName)}?ticket=${await fetchTicket(client, workspaceId)}&schema=${SCHEMA_VERSION}&ext=1`
  const socket = new WebSocket(url, { origin: new URL(client.baseUrl).origin })
  const errors: ServerErrorMessage[] = []
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) === MESSAGE.serverError) errors.push(readServerError(decoder))
  })
  return new Promise((resolve, reject) => {
    socket.on('error', reject)
    socket.on('close', (code, reason) => resolve({ errors, code, reason: reason.toString() }))
  })
}

/** An agreement whose state is over its kind's limit: one paragraph of that many characters and a little more. */
function oversizedAgreement(): Uint8Array {
  const doc = new Y.Doc()
  contentOf(doc).insert(0, [block('paragraph', 'é'.repeat(LIMITS.maxDocumentBytes.richText / 2 + 1000))])
  return Y.encodeStateAsUpdate(doc)
}

/** A stored agreement over its limit is refused at open, with a typed French message, and its history with 413. */
async function expectRefused(server: RunningServer, client: HttpClient, workspaceId: string): Promise<void> {
  await server.store.append({ workspaceId, docName: 'agreement' }, oversizedAgreement(), null)
  const { errors, code } = await openAndClose(client, workspaceId, 'agreement')
  expect(code).toBe(CLOSE.documentTooLarge)
  expect(errors).toEqual([
    { code: 'document_too_large', entity: '', message: expect.stringMatching(/^Ce document dépasse la taille maximale qu’Ensemble ouvre \(4 Mo\)/) },
  ])
  const res = await client.request('GET', `${docApi(workspaceId, 'agreement').diff('current', 'current')}`)
  expect(res.status).toBe(413)
  expect((await res.json()) as unknown).toEqual({ error: { code: 'document_too_large', message: expect.any(String) } })
  // The server carries on: the alliance's other documents open and take edits.
  expect(server.rooms.get({ workspaceId, docName: 'agreement' })).toBeUndefined()
}

describe('opening a large document cold', () => {
  const server = serverPerSuite({ ROOM_IDLE_MS: '100' })
  const connect = syncedDocs()

  it('[LOOP5] a plan stored over 256 KB is read, rebuilt and encoded on a document thread; the room applies it in pieces; stock and V2 joiners get the whole plan, and edits go on', {
    timeout: 120_000,
  }, async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor', 'editor', 'editor', 'editor'])
    const people = [admin.userId, ...members.map((m) => m.userId)]
    const key = { workspaceId, docName: 'plan' }
    // 1,500 actions in three rows, written straight into the store (as a restart would find them).
    for (const update of planUpdates(1_500, 500, people, [
      (await admin.client.json<{ id: string }[]>('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200))[0]!.id,
    ])) {
      await server.server.store.append(key, update, admin.userId)
    }
    expect(await server.server.store.storedBytes(key)).toBeGreaterThan(OPEN_ON_THREAD_BYTES)
    const opens = server.server.threads.opens.stats
    const before = opens.completed.prepareOpen ?? 0

    const [stock, v2] = await Promise.all([
      connect(admin.client, workspaceId, 'plan'),
      connect(admin.client, workspaceId, 'plan', new Y.Doc(), { syncV2: true, params: freshParams }),
    ])
    await waitFor(() => actionsOf(stock.doc).size === 1_500 && actionsOf(v2.doc).size === 1_500, { message: 'both joiners hold the plan' })
    expect(opens.completed.prepareOpen).toBe(before + 1)
    const room = server.server.rooms.get(key)!
    expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(stock.doc))
    expect(room.doc.store.pendingStructs).toBeNull()

    // The room is live: an edit is stored and reaches the other joiner.
    actionsOf(stock.doc).get('a7')!.set('progress', 55)
    await waitFor(() => actionsOf(v2.doc).get('a7')?.get('progress') === 55, { message: 'edit relayed' })
    await waitForRows(admin.client, workspaceId, 'plan', 4)

    // A small document opens on the event loop, as before.
    await connect(admin.client, workspaceId, 'vision')
    expect(opens.completed.prepareOpen).toBe(before + 1)
  })

  it('[LOOP6] a document stored over its kind’s size limit is refused at open (typed error in French, close 4413, no reconnection) and its history answers 413, on SQLite', {
    timeout: 120_000,
  }, async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    await expectRefused(server.server, admin.client, workspaceId)
    const other = await connect(admin.client, workspaceId, 'vision')
    contentOf(other.doc).insert(0, [block('paragraph', 'Toujours là.')])
    await waitForRows(admin.client, workspaceId, 'vision', 1)
  })
})

describePostgres('opening a large document cold on PostgreSQL', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-open-pg-')
  let server: TestServer | undefined
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })

  it('[LOOP6] on PostgreSQL too, a document over its size limit is refused at open and its history answers 413', { timeout: 120_000 }, async () => {
    server = await startTestServer({ DATABASE_URL: databaseUrl() }, dataDir)
    const { workspaceId, admin } = await createAlliance(server.url)
    await expectRefused(server.server, admin.client, workspaceId)
    expect(server.server.threads.opens.stats.completed.prepareOpen).toBe(1)
  })
})
