// The SQLite log's writer thread (see sqliteWriter.ts). Plain JavaScript so it loads the same way
// under `node --import tsx`, the test runner and any build: it needs nothing but better-sqlite3.
import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'

const db = new BetterSqlite3(workerData.filename)
// Per-connection settings: the same durability as the server's own connection (every commit fsynced).
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')

const blob = (data) => Buffer.from(data.buffer, data.byteOffset, data.byteLength)
const insert = db.prepare(workerData.sql.insertUpdate)
const upsertSnapshot = db.prepare(workerData.sql.upsertSnapshot)
const upsertKeptState = db.prepare(workerData.sql.upsertKeptState)
const claimClient = db.prepare(workerData.sql.claimClient)
const claimClients = db.transaction(({ workspaceId, docName, clientIds, claimant }) => {
  for (const clientId of clientIds) claimClient.run(workspaceId, docName, clientId, claimant)
})
const insertBatch = db.transaction((rows, at) => {
  for (const row of rows) insert.run(row.workspaceId, row.docName, blob(row.data), row.authorId, at)
})

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    db.close()
    parentPort.close()
    return
  }
  if (message.type === 'pragma') {
    try {
      db.pragma(message.pragma)
      parentPort.postMessage({ id: message.id, ok: true })
    } catch (error) {
      parentPort.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) })
    }
    return
  }
  try {
    if (message.type === 'snapshot') {
      const { workspaceId, docName, data, lastUpdateId } = message.snapshot
      upsertSnapshot.run(workspaceId, docName, blob(data), lastUpdateId, message.at)
    } else if (message.type === 'claimClients') {
      claimClients(message.claims)
    } else if (message.type === 'keptState') {
      const { workspaceId, docName, format, stateVector, snapshot, frameV2, preview } = message.state
      upsertKeptState.run(workspaceId, docName, format, blob(stateVector), blob(snapshot), blob(frameV2), preview ? blob(preview) : null, message.at)
    } else insertBatch(message.rows, message.at)
    parentPort.postMessage({ id: message.id, ok: true })
  } catch (error) {
    parentPort.postMessage({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
})
