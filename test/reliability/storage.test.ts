import { CLOSE } from '@ensemble/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import type { SqliteDocStore } from '@ensemble/server/storage'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { tokensIn } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { audit, connectTypist, destroyAll, readBack, typeNext, type Typist } from './support/typists.ts'

const DOC = 'charter'

/**
 * Storage failing under a live room: the real server's SQLite connection is made full (a
 * max_page_count at its current size: SQLITE_FULL) or read-only (query_only: SQLITE_READONLY).
 */
describe('storage failure', () => {
  let current: TestServer | null = null
  let typists: Typist[] = []
  afterEach(async () => {
    destroyAll(typists)
    typists = []
    if (current) {
      await current.close()
      removeDir(current.dataDir)
      current = null
    }
  })

  const setUp = async (env: Record<string, string>) => {
    current = await startTestServer(env)
    const alliance = await createAlliance(current.url, ['editor'])
    const people = [alliance.admin, ...alliance.members]
    typists = [
      await connectTypist(people[0]!.client, alliance.workspaceId, DOC, 'a'),
      await connectTypist(people[1]!.client, alliance.workspaceId, DOC, 'b'),
      await connectTypist(people[1]!.client, alliance.workspaceId, DOC, 'c'),
    ]
    for (const t of typists) typeNext(t)
    await waitFor(() => typists.every((t) => t.tracker.state === 'saved'), { message: 'first tokens saved' })
    // The store writes through the server's connection and its writer thread's: both get the setting.
    const store = current.server.store as SqliteDocStore
    return {
      sqlite: current.server.database.sqlite!,
      pragma: (setting: string) => store.pragma(setting),
      alliance,
      key: { workspaceId: alliance.workspaceId, docName: DOC },
    }
  }

  it('[DUR3] a full disk: nothing is acknowledged or broadcast, the authors show "unsaved", the server retries and stores everything once space is back', async () => {
    const { sqlite, pragma, alliance } = await setUp({ STORAGE_RETRY_MS: '60000' })
    const [a, b, c] = typists as [Typist, Typist, Typist]
    const pages = (sqlite.pragma('page_count', { simple: true }) as number) + 1
    await pragma(`max_page_count = ${pages}`)
    try {
      // Each update needs new pages: the append fails with SQLITE_FULL.
      const lostIfDropped = [typeNext(a, 20_000), typeNext(b, 20_000)]
      await waitFor(() => a.tracker.state === 'unsaved' && b.tracker.state === 'unsaved', { message: 'authors see "unsaved"' })
      // Not acknowledged, and nobody else is shown what is not stored.
      expect(tokensIn(c.client.doc).has(lostIfDropped[0]!)).toBe(false)
      expect(a.tracker.savedOnSocket).toBeLessThan(a.tracker.sentOnSocket)
      // The connections stay open while the server retries.
      expect(typists.every((t) => t.client.provider.wsconnected)).toBe(true)
    } finally {
      await pragma('max_page_count = 1073741823')
    }
    await waitFor(() => typists.every((t) => t.tracker.state === 'saved'), { timeoutMs: 15_000, message: 'saved after recovery' })
    await waitFor(() => typists.every((t) => a.written.every((w) => tokensIn(t.client.doc).has(w.token))), { message: 'broadcast after recovery' })
    const written = typists.flatMap((t) => t.written.map((w) => w.token))
    const { lost, duplicated } = audit(await readBack(alliance.admin.client, alliance.workspaceId, DOC), written)
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] })
    console.log(`[DUR3] full disk: tokens checked=${written.length} lost=${lost.length} duplicated=${duplicated.length}`)
  })

  it('[DUR3] a read-only database that does not recover in time: the room closes its sockets (4500) and is released; the replicas keep the edits and store them once writable', async () => {
    const { pragma, alliance, key } = await setUp({ STORAGE_RETRY_MS: '800' })
    const [a] = typists as [Typist]
    const room = current!.server.rooms.get(key)!
    const codes: number[] = []
    a.client.provider.on('connection-close', (event) => event && codes.push(event.code))
    await pragma('query_only = ON')
    try {
      typeNext(a)
      await waitFor(() => a.tracker.state === 'unsaved', { message: 'author sees "unsaved"' })
      await waitFor(() => codes.includes(CLOSE.internalError), { message: 'closed with 4500 after the retry window' })
      // The failed room is freed, not kept in memory.
      await waitFor(() => room.doc.isDestroyed, { message: 'failed room released' })
      expect(current!.server.rooms.get(key)).not.toBe(room)
      // The replica still holds the edit, unsaved.
      typeNext(a)
      expect(a.tracker.state).toBe('unsaved')
    } finally {
      await pragma('query_only = OFF')
    }
    // The providers reconnect by themselves; their sync step 2 stores what was missing.
    await waitFor(() => typists.every((t) => t.client.provider.synced && t.tracker.state === 'saved'), { timeoutMs: 20_000, message: 'saved once writable' })
    const written = typists.flatMap((t) => t.written.map((w) => w.token))
    const { lost, duplicated } = audit(await readBack(alliance.admin.client, alliance.workspaceId, DOC), written)
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] })
    console.log(`[DUR3] read-only: tokens checked=${written.length} lost=${lost.length} duplicated=${duplicated.length} rooms released=1`)
  })
})
