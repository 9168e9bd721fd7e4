import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@ensemble/server/db'
import { KEPT_STATE_FORMAT, SqliteDocStore } from '@ensemble/server/storage'
import { YJS_THREAD_THRESHOLD_BYTES, yjsThreadStats } from '@ensemble/server/workers'
import { docFrom, runDocStoreContract } from '../contracts/docStore.contract.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** A fresh SQLite file in a temp dir, migrated and opened exactly as the server opens it. */
async function openTempDatabase(dataDir = mkdtempSync(path.join(tmpdir(), 'ensemble-store-'))) {
  const database = openDatabase({ dataDir, databaseUrl: null })
  await migrateToLatest(database.db, database.dialect)
  return { database, dataDir, sqlite: database.sqlite! }
}

/** A document whose updates are collected in order, as a provider would send them. */
function docWithUpdates(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return { doc, updates }
}

const countRows = (database: DatabaseHandle, workspaceId: string, docName: string): number =>
  (database.sqlite!.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = ? AND doc_name = ?').get(workspaceId, docName) as { n: number }).n

runDocStoreContract('SQLite file', async () => {
  const { database, dataDir, sqlite } = await openTempDatabase()
  return {
    store: new SqliteDocStore(sqlite),
    logRows: async (key) => countRows(database, key.workspaceId, key.docName),
    cleanup: async () => {
      await database.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
})

describe('SqliteDocStore specifics', () => {
  // Run after each test, failed or not, last registered first: stores, then their databases.
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  /** A migrated temp database, closed and removed after the test. */
  const tempDatabase = async () => {
    const opened = await openTempDatabase()
    cleanups.push(
      () => rmSync(opened.dataDir, { recursive: true, force: true }),
      () => opened.database.close(),
    )
    return opened
  }
  /** A store committing on its writer thread (as the server's), closed after the test. */
  const writerStore = (sqlite: BetterSqlite3.Database, options: { checkpointIntervalMs?: number } = {}) => {
    const store = new SqliteDocStore(sqlite, Date.now, { writerThread: true, ...options })
    cleanups.push(() => store.close())
    return store
  }

  it('[STORE8] each log row keeps its author and its time in ms since the epoch', async () => {
    const { sqlite } = await tempDatabase()
    const store = new SqliteDocStore(sqlite, () => 1_700_000_000_123)
    const doc = new Y.Doc()
    const appended: Promise<void>[] = []
    doc.on('update', (update: Uint8Array) => appended.push(store.append({ workspaceId: 'w1', docName: 'vision' }, update, 'alice')))
    doc.getText('t').insert(0, 'x')
    await Promise.all(appended) // appends commit in groups, at the end of the event loop's turn
    const row = sqlite.prepare('SELECT author_id, created_at FROM doc_updates').get() as { author_id: string; created_at: number }
    expect(row).toEqual({ author_id: 'alice', created_at: 1_700_000_000_123 })
  })

  it('[STORE9] what was appended is there after the file is closed and reopened', async () => {
    const first = await openTempDatabase()
    const key = { workspaceId: 'w1', docName: 'charter' }
    const store = new SqliteDocStore(first.sqlite)
    const { doc, updates } = docWithUpdates()
    doc.getText('t').insert(0, 'durable')
    for (const update of updates) await store.append(key, update, null)
    await store.compact(key)
    doc.getText('t').insert(7, '!')
    await store.append(key, updates.at(-1)!, null)
    await first.database.close()

    const second = await openTempDatabase(first.dataDir)
    expect(
      docFrom(await new SqliteDocStore(second.sqlite).load(key))
        .getText('t')
        .toString(),
    ).toBe('durable!')
    await second.database.close()
    rmSync(first.dataDir, { recursive: true, force: true })
  })

  it('[STORE14] a kept state written by the writer thread is there after the file is reopened; one of another frame format reads as none', async () => {
    const first = await openTempDatabase()
    const key = { workspaceId: 'w1', docName: 'plan' }
    const store = new SqliteDocStore(first.sqlite, Date.now, { writerThread: true })
    const kept = {
      stateVector: Uint8Array.of(1, 2),
      snapshot: Uint8Array.of(3, 4, 5),
      frameV2: new Uint8Array(500_000).fill(7),
      preview: Uint8Array.of(103, 1),
    }
    await store.keepState(key, kept)
    await store.close()
    await first.database.close()

    const second = await openTempDatabase(first.dataDir)
    cleanups.push(
      () => rmSync(first.dataDir, { recursive: true, force: true }),
      () => second.database.close(),
    )
    expect(await new SqliteDocStore(second.sqlite).keptState(key)).toEqual(kept)
    second.sqlite.prepare('UPDATE doc_kept_states SET format = ?').run(KEPT_STATE_FORMAT + 1)
    expect(await new SqliteDocStore(second.sqlite).keptState(key)).toBeNull()
  })

  it('[STORE10] when the writer thread dies, what it had in flight is refused (never acknowledged) and the next append starts a new thread', async () => {
    const { database, sqlite } = await tempDatabase()
    const key = { workspaceId: 'w1', docName: 'agreement' }
    const store = writerStore(sqlite)
    const { doc, updates } = docWithUpdates()
    doc.getText('t').insert(0, 'avant')
    await store.append(key, updates[0]!, null)
    // White box: the thread is private; ending it is the crash this rule is about.
    const writer = (store as unknown as { writer: { worker: Worker } }).writer
    await writer.worker.terminate()
    doc.getText('t').insert(5, ' après')
    await store.append(key, updates[1]!, null)
    expect(countRows(database, key.workspaceId, key.docName)).toBe(2)
    expect(
      docFrom(await store.load(key))
        .getText('t')
        .toString(),
    ).toBe('avant après')
  })

  it('[STORE11] a server transaction that reads then writes is not refused because the writer thread committed in between', async () => {
    const { database, dataDir } = await tempDatabase()
    // A second connection stands in for the writer thread, which commits on its own connection.
    const writer = new BetterSqlite3(path.join(dataDir, 'ensemble.sqlite'))
    cleanups.push(() => writer.close())
    writer.pragma('busy_timeout = 0')
    const row = (data: string) => ({ workspace_id: 'w1', doc_name: 'agreement', data: Buffer.from(data), author_id: null, created_at: Date.now() })
    let writerRefused = false
    await database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('doc_updates').select('id').execute()
      try {
        writer
          .prepare('INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at) VALUES (?, ?, ?, ?, ?)')
          .run('w1', 'agreement', Buffer.from('thread'), null, Date.now())
      } catch (error) {
        // The transaction holds the write lock from its start: the other writer waits (here: is told busy).
        expect((error as { code?: string }).code).toBe('SQLITE_BUSY')
        writerRefused = true
      }
      await trx.insertInto('doc_updates').values(row('server')).execute()
    })
    expect(writerRefused).toBe(true)
    expect(countRows(database, 'w1', 'agreement')).toBe(1)
  })

  it('[STORE12] a large document is compacted on the Yjs thread and its snapshot written by the writer thread, so the event loop never merges it', async () => {
    const { sqlite } = await tempDatabase()
    const key = { workspaceId: 'w1', docName: 'plan' }
    const store = writerStore(sqlite)
    const { doc, updates } = docWithUpdates()
    doc.getText('t').insert(0, 'y'.repeat(YJS_THREAD_THRESHOLD_BYTES + 1024))
    doc.getText('t').insert(0, 'début ')
    for (const update of updates) await store.append(key, update, null)
    const before = { ...yjsThreadStats }
    await store.compact(key)
    expect(yjsThreadStats.merge - before.merge).toBe(1)
    expect(yjsThreadStats.onThread - before.onThread).toBe(1)
    const loaded = await store.load(key)
    expect(loaded.updates).toHaveLength(0)
    expect(docFrom(loaded).getText('t').toString()).toBe(doc.getText('t').toString())
  })

  it('[STORE13] a checkpoint thread copies the WAL beside the commits, and under a steady stream of commits the WAL stays small', async () => {
    const { database, dataDir, sqlite } = await tempDatabase()
    const key = { workspaceId: 'w1', docName: 'plan' }
    const store = writerStore(sqlite, { checkpointIntervalMs: 5 })
    const checkpointer = store.checkpointer!
    // 16 MB, one 64 KB row per commit, with no pause: four times SQLite's checkpoint threshold.
    const row = new Uint8Array(64 * 1024)
    const rows = (16 * 1024 * 1024) / row.byteLength
    for (let i = 0; i < rows; i++) await store.append(key, row, null)
    expect(countRows(database, key.workspaceId, key.docName)).toBe(rows)
    // The thread copied frames while the commits went on…
    await waitFor(() => checkpointer.checkpoints > 0, { message: 'a checkpoint by the thread' })
    expect(checkpointer.lastError).toBeNull()
    // …and the WAL was started over instead of growing with everything written (a checkpoint that
    // only ever runs beside the commits never catches up with the last frame).
    expect(statSync(path.join(dataDir, 'ensemble.sqlite-wal')).size).toBeLessThan(8 * 1024 * 1024)
  })
})
