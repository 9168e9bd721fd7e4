import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts'
import { tokensIn, typeToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { HttpClient } from '../helpers/http.ts'

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

  it('[DUR1] a restart keeps accounts, alliances and documents', async () => {
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

  it('[DUR2] SIGKILL while five people type loses nothing another participant had received', async () => {
    const dataDir = tempDataDir()
    dataDirs.push(dataDir)
    const first = await start(dataDir)
    const port = Number(new URL(first.url).port)
    const alliance = await createAlliance(first.url, ['editor', 'editor', 'editor', 'editor'])
    const typists = [alliance.admin, ...alliance.members]
    const writers: DocClient[] = []
    for (const t of typists) {
      const c = await connectDoc(t.client, alliance.workspaceId, 'agreement')
      await c.synced()
      writers.push(c)
    }
    // A separate watcher: what it has received was broadcast, hence must have been stored.
    const watcherUser = alliance.members[0]!
    const watcher = await connectDoc(watcherUser.client, alliance.workspaceId, 'agreement')
    await watcher.synced()

    let written = 0
    const typing = setInterval(() => {
      writers.forEach((w, i) => typeToken(w.doc, `tok-${i}-${written}`))
      written++
    }, 5)
    await waitFor(() => tokensIn(watcher.doc).size >= 100, { message: 'watcher received 100 tokens', timeoutMs: 30_000 })
    const killed = first.kill('SIGKILL')
    const received = tokensIn(watcher.doc)
    await killed
    clearInterval(typing)
    for (const w of [...writers, watcher]) w.destroy()

    const second = await start(dataDir, port)
    const after = tokensIn(await readBack(alliance.admin.client, alliance.workspaceId, 'agreement'))
    const lost = [...received].filter((t) => !after.has(t))
    expect(received.size).toBeGreaterThanOrEqual(100)
    expect(lost).toEqual([])
    await second.kill('SIGTERM')
  })
})
