import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { SessionCache } from '../domain/history/sessionCache.ts'
import { HISTORY_JOBS, type JobContext } from '../domain/history/jobs.ts'
import type { DocStore, StoreLocation } from '../storage/docStore.ts'
import { PostgresDocStore } from '../storage/postgresDocStore.ts'
import { SqliteDocStore } from '../storage/sqliteDocStore.ts'
import { prepareOpen } from './prepareOpen.ts'

/** Every job a document thread runs: history's (domain/history/jobs.ts) and the preparation of a cold open. */
export const DOCUMENT_JOBS = {
  ...HISTORY_JOBS,
  prepareOpen: (ctx: JobContext, input: Parameters<typeof prepareOpen>[1]) => prepareOpen(ctx.store, input),
}

export type DocumentJobName = keyof typeof DOCUMENT_JOBS

/** This thread's own connection to each store it was asked to read (opened once, kept). */
const contexts = new Map<string, JobContext>()

/** A read-only view of the store at `location`, on a connection of this thread. */
function openStore(location: StoreLocation): DocStore {
  if (location.kind === 'sqlite') {
    const db = new BetterSqlite3(location.file, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    return new SqliteDocStore(db)
  }
  const pool = new pg.Pool({ connectionString: location.connectionString, max: 2 })
  // A lost idle connection is replaced on the next query; unheard, its error would end the thread.
  pool.on('error', () => undefined)
  return new PostgresDocStore(pool)
}

function contextAt(location: StoreLocation): JobContext {
  const id = JSON.stringify(location)
  let context = contexts.get(id)
  if (!context) {
    const store = openStore(location)
    contexts.set(id, (context = { store, sessions: new SessionCache(store) }))
  }
  return context
}

/** Buffers of a result handed back without a copy: views that own their whole buffer, each once. */
function transferables(result: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  const consider = (value: unknown) => {
    if (value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer)
      out.add(value.buffer)
  }
  consider(result)
  if (Array.isArray(result)) result.forEach(consider)
  else if (result && typeof result === 'object') for (const value of Object.values(result)) Array.isArray(value) ? value.forEach(consider) : consider(value)
  return [...out]
}

/** Runs one job (called by documentThread.worker.mjs for each message). */
export async function runJob(op: DocumentJobName, input: { location: StoreLocation }): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  const job = DOCUMENT_JOBS[op] as (ctx: JobContext, input: unknown) => Promise<unknown>
  if (!job) throw new Error(`unknown document job ${String(op)}`)
  const result = await job(contextAt(input.location), input)
  return { result, transfer: transferables(result) }
}
