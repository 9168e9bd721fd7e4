import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { actionsOf, contentOf, documentMetaOf, planMetaOf } from '@ensemble/shared'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '@ensemble/server/db'
import { PostgresDocStore, SqliteDocStore } from '@ensemble/server/storage'
import { CopyRefused, copySqliteToPostgres, formatReport, main, verifyCopy } from '@ensemble/server/tools/sqlite-to-postgres'
import { docFrom } from '../contracts/docStore.contract.ts'
import { canonicalJson } from '../helpers/canonical.ts'
import { connectDoc } from '../helpers/collab.ts'
import { HttpClient } from '../helpers/http.ts'
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

const CLAIRE = { email: 'claire@demo.ensemble.local', password: 'ensemble-demo' }
const DOCS = ['actors', 'agreement', 'charter', 'convention', 'diagnostic', 'governance', 'plan', 'vision']

async function signIn(url: string, login: { email: string; password: string }): Promise<HttpClient> {
  const client = new HttpClient(url)
  await client.json('POST', '/api/auth/sign-in/email', login, 200)
  return client
}

/** Every root of a stored document in a comparable form. */
function contentSummary(doc: Y.Doc): string {
  return canonicalJson({
    content: contentOf(doc).toString(),
    meta: doc.getMap('meta').toJSON(),
    actions: actionsOf(doc).toJSON(),
    objectives: doc.getMap('objectives').toJSON(),
    bodies: doc.getMap('bodies').toJSON(),
  })
}

describePostgres('moving the seeded demo alliance from SQLite to PostgreSQL', () => {
  const dataDir = tempDataDir('ensemble-scale3-')
  const sqliteFile = path.join(dataDir, 'ensemble.sqlite')
  const databases: TestDatabase[] = []
  const servers: TestServer[] = []
  let target: TestDatabase
  let workspaceId: string
  /** Claire's session, opened on the SQLite server. */
  let claire: HttpClient
  let actionsBefore: number

  beforeAll(async () => {
    const sqliteServer = await startTestServer({ SEED_DEMO: '1' }, dataDir)
    try {
      claire = await signIn(sqliteServer.url, CLAIRE)
      const [summary] = await claire.json<{ id: string }[]>('GET', '/api/workspaces', undefined, 200)
      workspaceId = summary!.id
      // An invitation (and the mail of its link) and an edit over the websocket: rows beyond what the seed wrote.
      await claire.json('POST', `/api/workspaces/${workspaceId}/members`, { email: 'newcomer@example.org', role: 'observer' }, 201)
      const vision = await connectDoc(claire, workspaceId, 'vision')
      await vision.synced()
      vision.doc.transact(() => {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText('Ajouté avant la migration.')])
        contentOf(vision.doc).push([paragraph])
      })
      // Stored once a second connection reads it back.
      await waitFor(
        async () => {
          const c = await connectDoc(claire, workspaceId, 'vision')
          try {
            await c.synced()
            return contentOf(c.doc).toString().includes('Ajouté avant la migration.')
          } finally {
            c.destroy()
          }
        },
        { message: 'edit stored' },
      )
      vision.destroy()
    } finally {
      await sqliteServer.close()
    }
    // A snapshot with log rows after it, as background compaction leaves them.
    const handle = openDatabase({ dataDir, databaseUrl: null })
    const store = new SqliteDocStore(handle.sqlite!)
    const key = { workspaceId, docName: 'agreement' }
    await store.compact(key)
    const doc = docFrom(await store.load(key))
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    doc.getMap('meta').set('status', 'review')
    await store.append(key, updates[0]!, null)
    actionsBefore = actionsOf(docFrom(await store.load({ workspaceId, docName: 'plan' }))).size
    await handle.close()

    target = await createTestDatabase()
    databases.push(target)
  })

  afterAll(async () => {
    for (const s of servers) await s.close()
    for (const d of databases) await d.drop()
    removeDir(dataDir)
  })

  /** Every table of the SQLite file but the migrator's own: what the copy must carry. */
  const sqliteTableCount = (): number => {
    const db = new BetterSqlite3(sqliteFile, { readonly: true })
    try {
      return db
        .prepare<[], { n: number }>(
          "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_migration%'",
        )
        .get()!.n
    } finally {
      db.close()
    }
  }

  it('[SCALE3] the copy preserves every table’s row count and every document’s hash, and reports them', async () => {
    const lines: string[] = []
    const report = await copySqliteToPostgres({ from: sqliteFile, to: target.url, log: (l) => lines.push(l) })
    expect(report.ok).toBe(true)
    const counts = Object.fromEntries(report.tables.map((t) => [t.table, t.target]))
    expect(report.tables.every((t) => t.ok && t.source === t.target)).toBe(true)
    expect(counts).toMatchObject({
      user: 7,
      account: 7,
      workspace: 1,
      partner: 5,
      member: 7,
      invitation: 1,
      doc_snapshots: 1,
      verification: 0,
      comment_thread: 0,
      comment_message: 0,
      comment_mention: 0,
      inbox_item: 0,
      comment_audit: 0,
      mail_outbox: 1,
    })
    expect(counts.session).toBeGreaterThanOrEqual(1)
    expect(counts.doc_updates).toBeGreaterThanOrEqual(DOCS.length + 2) // one per seeded document + the vision edit + the agreement row after its snapshot
    expect(report.tables.map((t) => t.table).slice(0, 2)).toEqual(['user', 'session']) // parents first
    expect(report.documents.map((d) => d.docName)).toEqual(DOCS)
    for (const d of report.documents) {
      expect(d.source).toMatch(/^[0-9a-f]{64}$/)
      expect(d.target).toBe(d.source)
    }
    expect(lines).toContain('committed')
    const printed = formatReport(report)
    expect(printed).toContain(`OK: ${report.tables.length} tables and ${DOCS.length} documents identical.`)
    expect(report.tables.length).toBe(sqliteTableCount())
    for (const d of report.documents) expect(printed).toContain(d.source!.slice(0, 16))

    // Not only the tool's own word: each document reads back the same through both stores.
    const source = openDatabase({ dataDir, databaseUrl: null })
    const copy = openDatabase({ dataDir, databaseUrl: target.url })
    try {
      for (const docName of DOCS) {
        const a = docFrom(await new SqliteDocStore(source.sqlite!).load({ workspaceId, docName }))
        const b = docFrom(await new PostgresDocStore(copy.pgPool!).load({ workspaceId, docName }))
        expect(contentSummary(b)).toBe(contentSummary(a))
      }
      expect(documentMetaOf(docFrom(await new PostgresDocStore(copy.pgPool!).load({ workspaceId, docName: 'agreement' }))).get('status')).toBe('review')
      // Ids were kept, and the sequence continues after them.
      const ids = (db: typeof source) => db.db.selectFrom('doc_updates').select(['id', 'doc_name', 'author_id']).orderBy('id').execute()
      expect((await ids(copy)).map((r) => [Number(r.id), r.doc_name, r.author_id])).toEqual(
        (await ids(source)).map((r) => [Number(r.id), r.doc_name, r.author_id]),
      )
      const { rows } = await copy.pgPool!.query<{ last: string; max: string }>(
        'SELECT (SELECT last_value FROM doc_updates_id_seq) AS last, (SELECT MAX(id) FROM doc_updates) AS max',
      )
      expect(Number(rows[0]!.last)).toBeGreaterThan(Number(rows[0]!.max))
    } finally {
      await source.close()
      await copy.close()
    }
  })

  it('[SCALE3] a second copy into the now non-empty database is refused and changes nothing', async () => {
    const before = await verifyCopy({ from: sqliteFile, to: target.url })
    await expect(copySqliteToPostgres({ from: sqliteFile, to: target.url })).rejects.toBeInstanceOf(CopyRefused)
    const after = await verifyCopy({ from: sqliteFile, to: target.url })
    expect(after).toEqual(before)
    expect(after.ok).toBe(true)
  })

  it('[SCALE3] the command exits 0 when counts and hashes agree, non-zero on any difference', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const other = await createTestDatabase()
    databases.push(other)
    try {
      expect(await main(['--', '--from', sqliteFile, '--to', other.url], {})).toBe(0)
      expect(out.mock.calls.flat().join('\n')).toContain(`OK: ${sqliteTableCount()} tables and ${DOCS.length} documents identical.`)
      // Lose one row of the copy: its table and its document no longer match.
      const copy = openDatabase({ dataDir, databaseUrl: other.url })
      await copy.pgPool!.query("DELETE FROM doc_updates WHERE id = (SELECT MAX(id) FROM doc_updates WHERE doc_name = 'agreement')")
      await copy.close()
      out.mockClear()
      expect(await main(['--from', sqliteFile, '--to', other.url, '--verify-only'], {})).toBe(1)
      const printed = out.mock.calls.flat().join('\n')
      expect(printed).toMatch(/doc_updates\s+\d+\s+\d+\s+MISMATCH/)
      expect(printed).toMatch(/agreement\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+MISMATCH/)
      expect(printed).toContain('FAILED: 1 table(s) and 1 document(s) differ.')
      // Refusals and usage errors are distinct exit codes.
      expect(await main(['--from', sqliteFile, '--to', other.url], {})).toBe(2)
      expect(await main(['--from', sqliteFile], {})).toBe(2)
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  })

  it('[SCALE3] a server on the copy signs the demo login in, keeps the SQLite-era session and serves the plan over the websocket', async () => {
    const server = await startTestServer({ DATABASE_URL: target.url }, dataDir)
    servers.push(server)
    // Same DATA_DIR, hence the same auth secret: the session opened on SQLite is still valid.
    const sqliteEra = new HttpClient(server.url)
    const cookie = claire.cookieHeader
    const me = await (await sqliteEra.request('GET', '/api/me', undefined, { cookie })).json()
    expect(me).toMatchObject({ email: CLAIRE.email })

    const client = await signIn(server.url, CLAIRE)
    const workspaces = await client.json<{ id: string; name: string; role: string }[]>('GET', '/api/workspaces', undefined, 200)
    expect(workspaces).toEqual([expect.objectContaining({ id: workspaceId, name: 'Alliance Océans Hauts-de-France', role: 'admin' })])
    const detail = await client.json<{ members: unknown[]; partners: unknown[] }>('GET', `/api/workspaces/${workspaceId}`, undefined, 200)
    expect(detail.members).toHaveLength(7)
    expect(detail.partners).toHaveLength(5)

    const plan = await connectDoc(client, workspaceId, 'plan')
    try {
      await plan.synced()
      await waitFor(() => actionsOf(plan.doc).size === actionsBefore, { message: 'plan actions' })
      expect(actionsBefore).toBeGreaterThanOrEqual(15)
      expect(planMetaOf(plan.doc).get('title')).toBeTruthy()
    } finally {
      plan.destroy()
    }

    // New edits append after the copied ids (the sequence was moved past them).
    const vision = await connectDoc(client, workspaceId, 'vision')
    await vision.synced()
    expect(contentOf(vision.doc).toString()).toContain('Ajouté avant la migration.')
    vision.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('Ajouté après la migration.')])
      contentOf(vision.doc).push([paragraph])
    })
    const copy = openDatabase({ dataDir, databaseUrl: target.url })
    try {
      await waitFor(
        async () => {
          const stored = docFrom(await new PostgresDocStore(copy.pgPool!).load({ workspaceId, docName: 'vision' }))
          return contentOf(stored).toString().includes('Ajouté après la migration.')
        },
        { message: 'post-migration edit stored' },
      )
    } finally {
      vision.destroy()
      await copy.close()
    }
  })
})
