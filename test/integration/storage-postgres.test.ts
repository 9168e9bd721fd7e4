import { beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@ensemble/server/db'
import { PostgresDocStore } from '@ensemble/server/storage'
import { docFrom, runDocStoreContract } from '../contracts/docStore.contract.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'

/** Opens the database exactly as the server does with DATABASE_URL set. */
const open = (url: string): DatabaseHandle => openDatabase({ dataDir: '/nonexistent', databaseUrl: url })

const countRows = async (database: DatabaseHandle, workspaceId: string, docName: string): Promise<number> => {
  const { rows } = await database.pgPool!.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = $1 AND doc_name = $2', [
    workspaceId,
    docName,
  ])
  return Number(rows[0]!.n)
}

describePostgres('PostgreSQL document store', () => {
  const databaseUrl = usePostgresDatabase()

  beforeAll(async () => {
    const database = open(databaseUrl())
    await migrateToLatest(database.db, database.dialect)
    await database.close()
  })

  // One database per file; every contract test starts from empty tables and restarted ids.
  runDocStoreContract('PostgreSQL', async () => {
    const database = open(databaseUrl())
    await database.pgPool!.query('TRUNCATE doc_updates, doc_snapshots RESTART IDENTITY')
    return {
      store: new PostgresDocStore(database.pgPool!),
      logRows: (key) => countRows(database, key.workspaceId, key.docName),
      cleanup: () => database.close(),
    }
  })

  it('[STORE8] each log row keeps its author and its time in ms since the epoch (bigint, read back as a number)', async () => {
    const database = open(databaseUrl())
    try {
      await database.pgPool!.query('TRUNCATE doc_updates, doc_snapshots RESTART IDENTITY')
      const store = new PostgresDocStore(database.pgPool!, () => 1_700_000_000_123)
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (update: Uint8Array) => updates.push(update))
      doc.getText('t').insert(0, 'x')
      await store.append({ workspaceId: 'w1', docName: 'vision' }, updates[0]!, 'alice')
      const row = await database.db.selectFrom('doc_updates').select(['author_id', 'created_at']).executeTakeFirstOrThrow()
      expect({ author_id: row.author_id, created_at: Number(row.created_at) }).toEqual({ author_id: 'alice', created_at: 1_700_000_000_123 })
    } finally {
      await database.close()
    }
  })

  it('[STORE9] what was appended is there after the pool is closed and reopened', async () => {
    const key = { workspaceId: 'w1', docName: 'charter' }
    const first = open(databaseUrl())
    await first.pgPool!.query('TRUNCATE doc_updates, doc_snapshots RESTART IDENTITY')
    const store = new PostgresDocStore(first.pgPool!)
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    doc.getText('t').insert(0, 'durable')
    for (const update of updates) await store.append(key, update, null)
    await store.compact(key)
    doc.getText('t').insert(7, '!')
    await store.append(key, updates.at(-1)!, null)
    await store.close()
    await expect(store.load(key)).rejects.toThrow(/closed/)
    await first.close()

    const second = open(databaseUrl())
    try {
      expect(
        docFrom(await new PostgresDocStore(second.pgPool!).load(key))
          .getText('t')
          .toString(),
      ).toBe('durable!')
    } finally {
      await second.close()
    }
  })

  it('[STORE4] appends from many pool connections racing repeated compactions are neither lost nor folded twice', async () => {
    const database = open(databaseUrl())
    try {
      await database.pgPool!.query('TRUNCATE doc_updates, doc_snapshots RESTART IDENTITY')
      const store = new PostgresDocStore(database.pgPool!)
      const key = { workspaceId: 'w1', docName: 'plan' }
      // 8 independent writers (one client id each), 25 updates each: any order of arrival is valid.
      const writers = Array.from({ length: 8 }, () => new Y.Doc())
      const pending: Promise<void>[] = []
      const compactions: Promise<void>[] = []
      for (let round = 0; round < 25; round++) {
        for (const [i, w] of writers.entries()) {
          const updates: Uint8Array[] = []
          const onUpdate = (u: Uint8Array) => updates.push(u)
          w.on('update', onUpdate)
          w.getMap('m').set(`w${i}-r${round}`, round)
          w.off('update', onUpdate)
          pending.push(store.append(key, updates[0]!, `u${i}`))
        }
        if (round % 5 === 0) compactions.push(store.compact(key))
      }
      await Promise.all([...pending, ...compactions])
      expect(await countRows(database, key.workspaceId, key.docName)).toBe(200)
      const loaded = await store.load(key)
      expect(await store.pendingUpdates(key)).toBe(loaded.updates.length)
      const keys = () => Object.keys(docFrom(loaded).getMap('m').toJSON()).length
      expect(keys()).toBe(200)
      await store.compact(key)
      expect(await store.pendingUpdates(key)).toBe(0)
      expect(
        Object.keys(
          docFrom(await store.load(key))
            .getMap('m')
            .toJSON(),
        ),
      ).toHaveLength(200)
    } finally {
      await database.close()
    }
  })
})
