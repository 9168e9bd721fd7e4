import { createServer, type Server, type Socket } from 'node:net'
import { actionsOf, documentMetaOf } from '@ensemble/shared'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ThreadPoolStats } from '@ensemble/server/workers'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, serverPerSuite, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { expectError } from './comments-flow.ts'
import { appendBlocks, block, docApi, startPlan, waitForRows, type SessionView } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

/** Jobs a pool finished so far, by operation (a copy). */
const completed = (stats: ThreadPoolStats) => ({ ...stats.completed })

/**
 * Rows written straight into a rich text's log, each by another author (the members given, then
 * former members): a person's session goes on across others' rows (EDGE3), so each row is a
 * session of its own only when no author writes twice.
 */
async function alternatingRows(server: TestServer['server'], workspaceId: string, docName: string, authors: string[], count: number): Promise<void> {
  const doc = new Y.Doc()
  let last: Uint8Array | null = null
  doc.on('update', (update: Uint8Array) => (last = update))
  for (let i = 0; i < count; i++) {
    appendBlocks(doc, [block('paragraph', `Paragraphe ${i + 1}.`)])
    await server.store.append({ workspaceId, docName }, last!, authors[i] ?? `ancien-membre-${i}`)
  }
}

/** A 429 `rate_limited` of history, with its reason and a Retry-After. */
async function expectBusy(res: Response, reason: string): Promise<void> {
  const text = await res.text()
  expect(res.status, text).toBe(429)
  expect(res.headers.get('retry-after')).toBe('1')
  expect(JSON.parse(text)).toEqual({ error: { code: 'rate_limited', message: expect.any(String), reason } })
}

/** A page and the address of the next one (`Link: <…>; rel="next"`), or null. */
async function page<T>(client: { request(method: string, path: string): Promise<Response> }, path: string): Promise<{ items: T[]; next: string | null }> {
  const res = await client.request('GET', path)
  expect(res.status, path).toBe(200)
  const link = res.headers.get('link')
  return { items: (await res.json()) as T[], next: link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null }
}

/**
 * A PostgreSQL address that accepts connections and never answers: a job reading a store there
 * holds its thread until the sockets are closed, so the tests fill the pool deterministically.
 */
async function silentDatabase(): Promise<{ url: string; release(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const release = () => {
    for (const socket of sockets) socket.destroy()
    sockets.clear()
  }
  const close = () => {
    release()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return { url: `postgres://nobody@127.0.0.1:${port}/none`, release, close }
}

describe('history on document threads, paged and bounded', () => {
  const server = serverPerSuite({ HISTORY_THREADS: '1', HISTORY_QUEUE: '3', HISTORY_JOBS_PER_MEMBER: '2' })
  const connect = syncedDocs()

  it('[LOOP3] sessions, field history, versions, diffs, sign-off proposals, adoption and exports are replayed on a document thread, never on the event loop', {
    timeout: 120_000,
  }, async () => {
    const pool = server.server.threads.history
    const before = completed(pool.stats)
    const { workspaceId, admin, steering, lina, hugo } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'charter')
    const a = await connect(admin.client, workspaceId, 'charter')
    documentMetaOf(a.doc).set('title', 'Charte')
    appendBlocks(a.doc, [block('heading', 'Article 1'), block('paragraph', 'Coopération.')])
    await waitForRows(admin.client, workspaceId, 'charter', 2)
    const v1 = await admin.client.json<{ id: string }>('POST', api.versions, { name: 'v1' }, 201)
    await admin.client.json('GET', api.version(v1.id), undefined, 200)
    await admin.client.json('GET', api.diff(v1.id, 'current'), undefined, 200)
    const { round } = await propose(steering, workspaceId, 'charter', { versionId: v1.id })
    await vote(lina, workspaceId, 'charter', round.id, { vote: 'approve' })
    expect((await vote(hugo, workspaceId, 'charter', round.id, { vote: 'approve' })).status).toBe('adopted')
    for (const format of ['pdf', 'odt', 'docx'] as const) expect((await admin.client.request('GET', api.export(format))).status).toBe(200)
    const plan = await connect(admin.client, workspaceId, 'plan')
    startPlan(plan.doc, {
      title: 'Classes de mer',
      order: 'a0',
      status: 'planned',
      start: '2026-01-15',
      deadline: '2026-03-01',
      accountable: admin.userId,
      responsible: [steering.userId],
    })
    await waitForRows(admin.client, workspaceId, 'plan', 1)
    await admin.client.json('GET', docApi(workspaceId, 'plan').action('a1'), undefined, 200)

    const ran = completed(pool.stats)
    const runs = (op: string) => (ran[op] ?? 0) - (before[op] ?? 0)
    for (const op of ['sessions', 'contentHash', 'document', 'diff', 'meta', 'proposal', 'sourceState', 'actionHistory'])
      expect(runs(op), op).toBeGreaterThanOrEqual(1)
    expect(runs('exportAdopted')).toBe(3)
    expect(pool.stats.threadsStarted).toBeGreaterThanOrEqual(1)
    // The server's store is a file the thread opened on a connection of its own.
    expect(server.server.store.location?.()).toEqual({ kind: 'sqlite', file: expect.stringContaining(server.dataDir) })
  })

  it('[LOOP4] sessions, versions and an action’s field history come in pages (newest first picked, listed oldest first, `Link: rel="next"` to the older ones); a bad limit or cursor is refused', {
    timeout: 120_000,
  }, async () => {
    const { workspaceId, admin, members } = await twoPartnerAlliance(server.url).then((a) => ({ ...a, members: [a.steering, a.editor] }))
    const api = docApi(workspaceId, 'vision')
    await alternatingRows(server.server, workspaceId, 'vision', [admin.userId, members[0]!.userId], 5)

    const all = await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)
    expect(all).toHaveLength(5)
    const first = await page<SessionView>(admin.client, `${api.history}?limit=2`)
    expect(first.items.map((s) => s.firstRowId)).toEqual(all.slice(3).map((s) => s.firstRowId))
    const second = await page<SessionView>(admin.client, first.next!)
    const third = await page<SessionView>(admin.client, second.next!)
    expect(third.next).toBeNull()
    expect([...third.items, ...second.items, ...first.items]).toEqual(all)

    for (const name of ['v1', 'v2', 'v3']) await admin.client.json('POST', api.versions, { name }, 201)
    const versions = await page<{ name: string }>(admin.client, `${api.versions}?limit=2`)
    expect(versions.items.map((v) => v.name)).toEqual(['v2', 'v3'])
    expect((await page<{ name: string }>(admin.client, versions.next!)).items.map((v) => v.name)).toEqual(['v1'])

    // An action's changes: its creation, then two of its progress (one row each).
    const plan = await connect(admin.client, workspaceId, 'plan')
    startPlan(plan.doc, {
      title: 'Classes de mer',
      order: 'a0',
      status: 'in_progress',
      start: '2026-01-15',
      deadline: '2026-03-01',
      accountable: admin.userId,
      responsible: [admin.userId],
    })
    await waitForRows(admin.client, workspaceId, 'plan', 1)
    for (const [i, progress] of [20, 40].entries()) {
      actionsOf(plan.doc).get('a1')!.set('progress', progress)
      await waitForRows(admin.client, workspaceId, 'plan', i + 2)
    }
    const changes = await page<{ kind: string; field: string | null }>(admin.client, `${docApi(workspaceId, 'plan').action('a1')}?limit=2`)
    expect(changes.items.map((c) => [c.kind, c.field])).toEqual([
      ['changed', 'progress'],
      ['changed', 'progress'],
    ])
    expect((await page<{ kind: string }>(admin.client, changes.next!)).items.map((c) => c.kind)).toEqual(['created'])

    for (const query of ['limit=0', 'limit=201', 'limit=deux', 'before=0', 'before=abc']) {
      const field = query.split('=')[0]!
      await expectError(await admin.client.request('GET', `${api.history}?${query}`), 422, 'validation_failed', field)
    }
    await expectError(await admin.client.request('GET', `${api.versions}?before=not-a-version`), 404, 'not_found')
    // A name that does not decode names no document.
    await expectError(await admin.client.request('GET', `/api/workspaces/${workspaceId}/documents/%25/history`), 404, 'not_found')
  })

  it('[LOOP4] a member with two history jobs waiting gets 429 with Retry-After for a third; past the server’s queue everyone does; once the jobs are answered both go through again', {
    timeout: 120_000,
  }, async () => {
    const { workspaceId, admin, steering, editor } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'vision')
    await alternatingRows(server.server, workspaceId, 'vision', [admin.userId], 1)
    // The one history thread is held by a job reading a database that never answers.
    const silent = await silentDatabase()
    const pool = server.server.threads.history
    const held = pool
      .run('meta', { location: { kind: 'postgres', connectionString: silent.url }, key: { workspaceId, docName: 'vision' } })
      .catch((err: unknown) => err)
    try {
      const waiting = [admin.client.request('GET', api.history), admin.client.request('GET', api.diff('current', 'current'))]
      await expect.poll(() => pool.stats.queued).toBe(2)
      const third = await admin.client.request('GET', api.history)
      expect(third.headers.get('retry-after')).toBe('1')
      await expectBusy(third, 'history_jobs_per_member')
      // Another member still has room of their own, until the server's queue (3) is full.
      const other = steering.client.request('GET', api.history)
      await expect.poll(() => pool.stats.queued).toBe(3)
      await expectBusy(await editor.client.request('GET', api.history), 'history_queue_full')

      silent.release()
      expect(await held).toBeInstanceOf(Error)
      for (const res of await Promise.all([...waiting, other])) expect(res.status).toBe(200)
      expect((await admin.client.request('GET', api.history)).status).toBe(200)
      expect((await editor.client.request('GET', api.history)).status).toBe(200)
    } finally {
      await silent.close()
    }
  })
})

describePostgres('history on document threads with PostgreSQL', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-history-pg-')
  let server: TestServer | undefined
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })

  it('[LOOP3] on PostgreSQL the document thread reads the log through a pool of its own: sessions, versions and diffs', { timeout: 120_000 }, async () => {
    server = await startTestServer({ DATABASE_URL: databaseUrl() }, dataDir)
    const { workspaceId, admin, members } = await twoPartnerAlliance(server.url).then((a) => ({ ...a, members: [a.steering] }))
    const api = docApi(workspaceId, 'vision')
    await alternatingRows(server.server, workspaceId, 'vision', [admin.userId, members[0]!.userId], 3)
    const before = completed(server.server.threads.history.stats)
    expect((await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)).map((s) => s.edits)).toEqual([1, 1, 1])
    const v = await admin.client.json<{ id: string }>('POST', api.versions, { name: 'v' }, 201)
    const viewed = await admin.client.json<{ document: { content: unknown[] } }>('GET', api.version(v.id), undefined, 200)
    expect(viewed.document.content).toHaveLength(3)
    await admin.client.json('GET', api.diff(v.id, 'current'), undefined, 200)
    const after = completed(server.server.threads.history.stats)
    for (const op of ['sessions', 'contentHash', 'document', 'diff']) expect((after[op] ?? 0) - (before[op] ?? 0), op).toBe(1)
    expect(server.server.store.location?.()).toEqual({ kind: 'postgres', connectionString: databaseUrl() })
  })
})
