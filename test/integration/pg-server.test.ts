import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from '@ensemble/server/db'
import { PostgresDocStore } from '@ensemble/server/storage'
import { docFrom } from '../contracts/docStore.contract.ts'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc } from '../helpers/collab.ts'
import type { HttpClient } from '../helpers/http.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { tokensIn, typeToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** A fresh client reading what the server holds now. */
async function readBack(client: HttpClient, workspaceId: string, docName: string): Promise<Set<string>> {
  const c = await connectDoc(client, workspaceId, docName)
  try {
    await c.synced()
    return tokensIn(c.doc)
  } finally {
    c.destroy()
  }
}

describePostgres('the server on PostgreSQL (DATABASE_URL)', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-scale2-')
  const servers: TestServer[] = []
  afterAll(async () => {
    for (const s of servers) await s.close()
    removeDir(dataDir)
  })

  it('[SCALE2] accounts, alliances, co-edited documents and sessions are all in PostgreSQL and survive a restart', async () => {
    const first = await startTestServer({ DATABASE_URL: databaseUrl() }, dataDir)
    servers.push(first)
    const port = new URL(first.url).port
    const alliance = await createAlliance(first.url, ['editor'])
    const [admin, editor] = [alliance.admin, alliance.members[0]!]

    // Two people co-edit the charter; each sees the other's words.
    const a = await connectDoc(admin.client, alliance.workspaceId, 'charter')
    const b = await connectDoc(editor.client, alliance.workspaceId, 'charter')
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 5; i++) {
      typeToken(a.doc, `tok-admin-${i}`)
      typeToken(b.doc, `tok-editor-${i}`)
    }
    const all = new Set([...[0, 1, 2, 3, 4].map((i) => `tok-admin-${i}`), ...[0, 1, 2, 3, 4].map((i) => `tok-editor-${i}`)])
    await waitFor(() => tokensIn(a.doc).size === 10 && tokensIn(b.doc).size === 10, { message: 'both editors see all 10 tokens' })
    a.destroy()
    b.destroy()
    expect(await readBack(editor.client, alliance.workspaceId, 'charter')).toEqual(all)
    await first.close()

    // Nothing went to SQLite: the log is in PostgreSQL, with its authors.
    expect(existsSync(path.join(dataDir, 'ensemble.sqlite'))).toBe(false)
    const database = openDatabase({ dataDir, databaseUrl: databaseUrl() })
    try {
      const stored = docFrom(await new PostgresDocStore(database.pgPool!).load({ workspaceId: alliance.workspaceId, docName: 'charter' }))
      expect(tokensIn(stored)).toEqual(all)
      const authors = await database.db.selectFrom('doc_updates').select('author_id').distinct().where('doc_name', '=', 'charter').execute()
      expect(new Set(authors.map((r) => r.author_id))).toEqual(new Set([admin.userId, editor.userId]))
      const users = await database.db.selectFrom('user').select('id').execute()
      expect(users.map((u) => u.id).sort()).toEqual([admin.userId, editor.userId].sort())
    } finally {
      await database.close()
    }

    // Restart on the same port: sessions, membership and documents are all there.
    const second = await startTestServer({ DATABASE_URL: databaseUrl(), PORT: port }, dataDir)
    servers.push(second)
    expect(second.url).toBe(first.url)
    const me = await editor.client.json<{ id: string }>('GET', '/api/me', undefined, 200)
    expect(me.id).toBe(editor.userId)
    const detail = await admin.client.json<{ members: { userId: string; role: string }[]; partners: { id: string }[] }>(
      'GET',
      `/api/workspaces/${alliance.workspaceId}`,
      undefined,
      200,
    )
    expect(detail.members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [admin.userId, 'admin'],
        [editor.userId, 'editor'],
      ].sort(),
    )
    expect(detail.partners.map((p) => p.id)).toEqual([alliance.partnerId])
    expect(await readBack(admin.client, alliance.workspaceId, 'charter')).toEqual(all)

    // And editing goes on after the restart.
    const c = await connectDoc(editor.client, alliance.workspaceId, 'charter')
    await c.synced()
    typeToken(c.doc, 'tok-after-1')
    await waitFor(async () => (await readBack(admin.client, alliance.workspaceId, 'charter')).has('tok-after-1'), { message: 'edit after restart stored' })
    c.destroy()
  })
})
