import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc } from '../helpers/collab.ts'
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts'
import { tokensIn, typeToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import type { HttpClient } from '../helpers/http.ts'

/** A fresh client (new Y.Doc) reading what the server holds now. */
async function readBack(client: HttpClient, workspaceId: string, docName: string): Promise<Y.Doc> {
  const c = await connectDoc(client, workspaceId, docName)
  await c.synced()
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(c.doc))
  c.destroy()
  return copy
}

describe('durability of a real `pnpm start` process', () => {
  const dataDirs: string[] = []
  const servers: ChildServer[] = []
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) await s.kill('SIGKILL')
    for (const d of dataDirs) removeDir(d)
  })
  const start = async (dataDir: string, port = 0) => {
    const s = await spawnServer(dataDir, {}, port)
    servers.push(s)
    return s
  }

  it('[DUR6] a restart keeps accounts, alliances and documents', async () => {
    const dataDir = tempDataDir()
    dataDirs.push(dataDir)
    const first = await start(dataDir)
    const alliance = await createAlliance(first.url, ['editor'])
    const a = await connectDoc(alliance.admin.client, alliance.workspaceId, 'charter')
    await a.synced()
    typeToken(a.doc, 'tok-1-1')
    // The server's own state is what matters: wait until another client sees the edit.
    await waitFor(async () => tokensIn(await readBack(alliance.members[0]!.client, alliance.workspaceId, 'charter')).has('tok-1-1'), { message: 'edit stored' })
    a.destroy()
    await first.kill('SIGTERM')

    const second = await start(dataDir, Number(new URL(first.url).port))
    // The session cookie survives the restart too (sessions live in the database).
    const me = await alliance.admin.client.json<{ id: string }>('GET', '/api/me', undefined, 200)
    expect(me.id).toBe(alliance.admin.userId)
    const doc = await readBack(alliance.members[0]!.client, alliance.workspaceId, 'charter')
    expect(tokensIn(doc)).toEqual(new Set(['tok-1-1']))
    await second.kill('SIGTERM')
  })
  // The SIGKILL test lives in test/reliability/crash.test.ts ([DUR1]: fifty clients, seeded moments).
})
