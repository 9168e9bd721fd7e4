import { contentOf } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import { serverPerSuite, type TestServer } from '../helpers/server.ts'
import { tokenList, typeToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { openEvents } from './comments-flow.ts'
import { clusterSecret, onInstance, startCluster, stopCluster } from './scale-support.ts'

const memberPath = (workspaceId: string, userId: string) => `/api/workspaces/${workspaceId}/members/${userId}`

describe('roles change live (SQLite, one instance)', () => {
  const server = serverPerSuite()
  const open: DocClient[] = []
  afterAll(() => {
    for (const c of open) c.destroy()
  })

  it('[ROLE1] a role change reaches every page of the alliance as member.changed {userId, role}; a removed member hears of it, then their stream ends', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor', 'commenter'])
    const [editor, colleague] = members as [(typeof members)[0], (typeof members)[0]]
    const own = await openEvents(editor.client, workspaceId)
    const other = await openEvents(colleague.client, workspaceId)
    try {
      await admin.client.json('PATCH', memberPath(workspaceId, editor.userId), { role: 'observer' }, 200)
      const demoted = await own.next((e) => e.event === 'member.changed', 'member.changed for the demoted member')
      expect(demoted.data).toEqual({ userId: editor.userId, role: 'observer' })
      expect((await other.next((e) => e.event === 'member.changed', 'member.changed for a colleague')).data).toEqual({
        userId: editor.userId,
        role: 'observer',
      })

      await admin.client.json('PATCH', memberPath(workspaceId, editor.userId), { role: 'editor' }, 200)
      await own.next((e) => e.event === 'member.changed' && (e.data as { role: string }).role === 'editor', 'the promotion')

      await admin.client.request('DELETE', memberPath(workspaceId, editor.userId))
      const removed = await own.next((e) => e.event === 'member.changed' && (e.data as { role: string | null }).role === null, 'the removal')
      expect(removed.data).toEqual({ userId: editor.userId, role: null })
      await own.next(() => own.ended, 'the removed member’s stream to end')
      await other.next((e) => e.event === 'member.changed' && (e.data as { role: string | null }).role === null, 'the removal for a colleague')
      expect(other.ended).toBe(false)
    } finally {
      own.close()
      other.close()
    }
  })

  it('[ROLE2] once the demotion is answered, the member’s open websocket has the new role: their next edit is refused (edit_forbidden) and undone everywhere; promoted back, it is accepted', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor'])
    const editor = members[0]!
    const mine = await connectDoc(editor.client, workspaceId, 'charter')
    const watcher = await connectDoc(admin.client, workspaceId, 'charter')
    open.push(mine, watcher)
    await Promise.all([mine.synced(), watcher.synced()])
    typeToken(mine.doc, 'tok-before-1')
    await waitFor(() => tokenList(watcher.doc).includes('tok-before-1'), { message: 'the editor’s edit accepted' })

    await admin.client.json('PATCH', memberPath(workspaceId, editor.userId), { role: 'observer' }, 200)
    // One edit, sent right after the answer: no second chance, no probing.
    typeToken(mine.doc, 'tok-during-1')
    await waitFor(() => mine.errors.some((e) => e.code === 'edit_forbidden'), { message: 'the typed refusal' })
    await waitFor(() => !tokenList(mine.doc).includes('tok-during-1'), { message: 'the refused text undone on the author’s replica' })
    expect(tokenList(watcher.doc)).not.toContain('tok-during-1')
    expect(mine.errors.find((e) => e.code === 'edit_forbidden')).toMatchObject({ rule: expect.any(String), message: expect.any(String) })

    await admin.client.json('PATCH', memberPath(workspaceId, editor.userId), { role: 'editor' }, 200)
    const refusals = mine.errors.length
    typeToken(mine.doc, 'tok-after-1')
    await waitFor(() => tokenList(watcher.doc).includes('tok-after-1'), { message: 'the promoted member’s edit accepted' })
    expect(mine.errors).toHaveLength(refusals)
    expect(contentOf(mine.doc).toString()).toBe(contentOf(watcher.doc).toString())
  })
})

const describeCluster = redisUrl ? describePostgres : describeRedis

describeCluster('roles change live across instances (PostgreSQL + Redis)', () => {
  const databaseUrl = usePostgresDatabase()
  let servers: TestServer[] = []
  const open: DocClient[] = []

  beforeAll(async () => {
    servers = await startCluster(2, { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret() })
  })
  afterAll(async () => {
    for (const c of open) c.destroy()
    await stopCluster(servers)
  })

  it('[ROLE3] a demotion made through instance A reaches the member’s event stream on B, and B refuses their edit (edit_forbidden) from then on', async () => {
    const [a, b] = servers as [TestServer, TestServer]
    const { workspaceId, admin, members } = await createAlliance(a.url, ['editor'])
    const editor = members[0]!
    const stream = await openEvents(onInstance(editor.client, b.url), workspaceId)
    const onB = await connectDoc(onInstance(editor.client, b.url), workspaceId, 'charter')
    const watcher = await connectDoc(admin.client, workspaceId, 'charter')
    open.push(onB, watcher)
    try {
      await Promise.all([onB.synced(), watcher.synced()])
      await admin.client.json('PATCH', memberPath(workspaceId, editor.userId), { role: 'observer' }, 200)
      expect((await stream.next((e) => e.event === 'member.changed', 'member.changed on B')).data).toEqual({ userId: editor.userId, role: 'observer' })
      // The page learns of it on B: what it types from then on is refused by B.
      typeToken(onB.doc, 'tok-late-1')
      await waitFor(() => onB.errors.some((e) => e.code === 'edit_forbidden'), { message: 'B refuses the observer’s edit' })
      await waitFor(() => contentOf(onB.doc).toString() === contentOf(watcher.doc).toString(), { message: 'replicas agree after the refusal' })
      expect(tokenList(watcher.doc)).not.toContain('tok-late-1')
    } finally {
      stream.close()
    }
  })
})
