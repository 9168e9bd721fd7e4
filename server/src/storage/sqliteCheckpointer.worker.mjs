// The SQLite file's checkpoint thread (see sqliteCheckpointer.ts). Plain JavaScript, like the writer
// thread, so it loads the same way under `node --import tsx`, the test runner and any build.
import { parentPort, workerData } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'

const db = new BetterSqlite3(workerData.filename)
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')
// This connection checkpoints on its timer only (it never writes, but be explicit).
db.pragma('wal_autocheckpoint = 0')

/**
 * A PASSIVE checkpoint copies what it can of the WAL into the database file without waiting for, or
 * blocking, readers and the writer; once everything is copied, the next commit starts the WAL over.
 */
function checkpoint() {
  const [result] = db.pragma('wal_checkpoint(PASSIVE)')
  // `log`: frames in the WAL; `checkpointed`: frames now copied into the database file.
  const done = { busy: result.busy === 1, log: result.log, checkpointed: result.checkpointed }
  if (done.log > 0) parentPort.postMessage({ type: 'checkpointed', ...done })
  return done
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
