import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type DatabaseHandle, migrateToLatest, openDatabase } from '@ensemble/server/db'
import { type DocKey, type DocStore, type KeptState, type LoadedDoc, type LogRow, type LogTail, SqliteDocStore } from '@ensemble/server/storage'

/** A real SQLite file opened and migrated exactly as the server does, with its document store. */
export interface SqliteFile {
  dataDir: string
  database: DatabaseHandle
  store: SqliteDocStore
  close(): Promise<void>
}

export async function openSqliteStore(dataDir = mkdtempSync(path.join(tmpdir(), 'ensemble-rel-'))): Promise<SqliteFile> {
  const database = openDatabase({ dataDir, databaseUrl: null })
  await migrateToLatest(database.db, database.dialect)
  const store = new SqliteDocStore(database.sqlite!)
  return {
    dataDir,
    database,
    store,
    close: async () => {
      await store.close()
      await database.close()
    },
  }
}

/** A consistent copy of the live database file into a new data directory (what a backup is). */
export async function backupSqlite(file: SqliteFile): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ensemble-backup-'))
  const name = path.basename(file.database.sqlite!.name)
  await file.database.sqlite!.backup(path.join(dir, name))
  return dir
}

/** Restores a backup over a (closed) data directory, as an operator would. */
export function restoreSqlite(backupDir: string, dataDir: string, name: string): void {
  copyFileSync(path.join(backupDir, name), path.join(dataDir, name))
}

/** Delegates to a real store; loads wait until `release()` (a slow disk, without fixed sleeps). */
export class SlowLoadStore implements DocStore {
  loadsStarted = 0
  private gate: Promise<void>
  private open: () => void = () => {}

  constructor(private readonly inner: DocStore) {
    this.gate = new Promise((resolve) => (this.open = resolve))
  }

  release(): void {
    this.open()
  }

  async load(key: DocKey): Promise<LoadedDoc> {
    this.loadsStarted++
    await this.gate
    return this.inner.load(key)
  }

  append(key: DocKey, update: Uint8Array, authorId: string | null): Promise<void> {
    return this.inner.append(key, update, authorId)
  }

  compact(key: DocKey): Promise<void> {
    return this.inner.compact(key)
  }

  pendingUpdates(key: DocKey): Promise<number> {
    return this.inner.pendingUpdates(key)
  }

  storedBytes(key: DocKey): Promise<number> {
    return this.inner.storedBytes(key)
  }

  log(key: DocKey, upTo?: number): Promise<LogRow[]> {
    return this.inner.log(key, upTo)
  }

  logAfter(key: DocKey, after: number): Promise<LogTail> {
    return this.inner.logAfter(key, after)
  }

  keepState(key: DocKey, state: KeptState): Promise<void> {
    return this.inner.keepState(key, state)
  }

  keptState(key: DocKey): Promise<KeptState | null> {
    return this.inner.keptState(key)
  }

  claimClients(key: DocKey, clientIds: readonly number[], claimant: string | null): Promise<Map<number, string>> {
    return this.inner.claimClients(key, clientIds, claimant)
  }

  close(): Promise<void> {
    return this.inner.close()
  }
}
