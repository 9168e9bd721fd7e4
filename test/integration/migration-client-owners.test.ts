import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type DatabaseHandle, migrateTo, migrateToLatest, openDatabase } from '@ensemble/server/db'
import { SERVER_CLIENT_OWNER } from '@ensemble/server/storage'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, tempDataDir } from '../helpers/server.ts'

/** One update of a client whose id is `clientId`, typing `text`. */
function updateBy(clientId: number, text: string, base?: Y.Doc): { update: Uint8Array; doc: Y.Doc } {
  const doc = new Y.Doc()
  doc.clientID = clientId
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  let update!: Uint8Array
  doc.on('update', (u: Uint8Array) => (update = u))
  doc.getText('t').insert(0, text)
  return { update, doc }
}

/**
 * HOST1 for documents written before client ids had owners: migration 009 gives each id to the
 * author of the first log row holding changes under it (the server for rows without an author).
 */
async function backfill(database: DatabaseHandle): Promise<Map<string, string>> {
  await migrateTo(database.db, database.dialect, '008_kept_states')
  const alice = updateBy(101, 'a')
  const bob = updateBy(202, 'b', alice.doc)
  // A row by bob that carries alice's client too (a relay): alice's id stays hers.
  let more!: Uint8Array
  bob.doc.on('update', (u: Uint8Array) => (more = u))
  bob.doc.getText('t').insert(0, 'c')
  const relay = Y.mergeUpdates([alice.update, more])
  const server = updateBy(2 ** 32 - 1, 's')
  const rows: [string, Uint8Array, string | null][] = [
    ['plan', alice.update, 'alice'],
    ['plan', bob.update, 'bob'],
    ['plan', relay, 'bob'],
    ['plan', server.update, null],
    ['charter', bob.update, 'carol'],
    ['charter', new Uint8Array([1, 2, 3]), 'mallory'],
  ]
  for (const [docName, data, author] of rows) {
    await sql`INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at) VALUES ('w1', ${docName}, ${data}, ${author}, 1)`.execute(
      database.db,
    )
  }
  await migrateToLatest(database.db, database.dialect)
  const owners = await database.db.selectFrom('doc_client_owners').selectAll().execute()
  return new Map(owners.map((row) => [`${row.doc_name}/${Number(row.client_id)}`, row.owner_id]))
}

const EXPECTED = new Map([
  ['plan/101', 'alice'],
  ['plan/202', 'bob'],
  [`plan/${2 ** 32 - 1}`, SERVER_CLIENT_OWNER],
  ['charter/202', 'carol'],
])

describe('migration 009 on SQLite', () => {
  it('[HOST1] the owner of each existing client id is the author of the first row using it; an unreadable row gives nothing', async () => {
    const dataDir = tempDataDir()
    const database = openDatabase({ dataDir, databaseUrl: null })
    try {
      expect(await backfill(database)).toEqual(EXPECTED)
    } finally {
      await database.close()
      removeDir(dataDir)
    }
  })
})

describePostgres('migration 009 on PostgreSQL', () => {
  const databaseUrl = usePostgresDatabase()
  it('[HOST1] the same owners, with 32-bit client ids beyond PostgreSQL’s integer', async () => {
    const database = openDatabase({ dataDir: '/nonexistent', databaseUrl: databaseUrl() })
    try {
      expect(await backfill(database)).toEqual(EXPECTED)
    } finally {
      await database.close()
    }
  })
})
