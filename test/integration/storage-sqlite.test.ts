import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase, type DatabaseHandle } from '../../server/src/db/database.ts'
import { migrateToLatest } from '../../server/src/db/migrate.ts'
import { SqliteDocStore } from '../../server/src/storage/sqliteDocStore.ts'
import { docFrom, runDocStoreContract } from '../contracts/docStore.contract.ts'

/** A fresh SQLite file in a temp dir, migrated and opened exactly as the server opens it. */
async function openTempDatabase(dataDir = mkdtempSync(path.join(tmpdir(), 'ensemble-store-'))) {
  const database = openDatabase({ dataDir, databaseUrl: null })
  await migrateToLatest(database.db, database.dialect)
  return { database, dataDir, sqlite: database.sqlite! }
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
  it('[STORE8] each log row keeps its author and its time in ms since the epoch', async () => {
    const { database, dataDir, sqlite } = await openTempDatabase()
    const store = new SqliteDocStore(sqlite, () => 1_700_000_000_123)
    const doc = new Y.Doc()
    const appended: Promise<void>[] = []
    doc.on('update', (update: Uint8Array) => appended.push(store.append({ workspaceId: 'w1', docName: 'vision' }, update, 'alice')))
    doc.getText('t').insert(0, 'x')
    await Promise.all(appended) // appends commit in groups, at the end of the event loop's turn
    const row = sqlite.prepare('SELECT author_id, created_at FROM doc_updates').get() as { author_id: string; created_at: number }
    expect(row).toEqual({ author_id: 'alice', created_at: 1_700_000_000_123 })
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('[STORE9] what was appended is there after the file is closed and reopened', async () => {
    const first = await openTempDatabase()
    const key = { workspaceId: 'w1', docName: 'charter' }
    const store = new SqliteDocStore(first.sqlite)
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    doc.getText('t').insert(0, 'durable')
    for (const update of updates) await store.append(key, update, null)
    await store.compact(key)
    doc.getText('t').insert(7, '!')
    await store.append(key, updates.at(-1)!, null)
    await first.database.close()

    const second = await openTempDatabase(first.dataDir)
    expect(docFrom(await new SqliteDocStore(second.sqlite).load(key)).getText('t').toString()).toBe('durable!')
    await second.database.close()
    rmSync(first.dataDir, { recursive: true, force: true })
  })
})
