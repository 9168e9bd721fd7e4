// The SQLite file's checkpoint thread (see sqliteCheckpointer.ts). Plain JavaScript, like the writer
// thread, so it loads the same way under `node --import tsx`, the test runner and any build.
import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'

const db = new BetterSqlite3(workerData.filename)
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')

/**
 * A PASSIVE checkpoint copies what it can of the WAL into the database file without waiting for, or
 * blocking, readers and the writer. (`log`: frames in the WAL; `checkpointed`: frames copied so far.)
 */
let last = { log: 0, checkpointed: 0 }
function checkpoint() {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)')
  // Reported when it copied something (not when the WAL was already copied, or empty).
  if (result.checkpointed > 0 && (result.log !== last.log || result.checkpointed !== last.checkpointed)) {
    parentPort.postMessage({ type: 'checkpointed', log: result.log, checkpointed: result.checkpointed })
  }
  last = result
}

const timer = setInterval(() => {
  try {
    checkpoint()
  } catch (error) {
    parentPort.postMessage({ type: 'error', error: error instanceof Error ? error.message : String(error) })
  }
}, workerData.intervalMs)

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    clearInterval(timer)
    db.close()
    parentPort.close()
  }
})
