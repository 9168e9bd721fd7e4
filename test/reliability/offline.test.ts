import { CLOSE } from '@ensemble/shared'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RoomRegistry } from '@ensemble/server/collab'
import { docFrom } from '../contracts/docStore.contract.ts'
import { identity, MemoryNetwork, type MemoryClient } from '../helpers/memoryClient.ts'
import { removeDir } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { tokensIn, typeToken } from '../helpers/tokens.ts'
import { audit } from './support/typists.ts'
import { backupSqlite, openSqliteStore, restoreSqlite, SlowLoadStore, type SqliteFile } from './support/sqliteStore.ts'

const DOC = 'agreement'
const KEY = { workspaceId: 'w1', docName: DOC }
const editor = (userId: string) => identity({ userId, role: 'editor', docName: DOC })

/**
 * The room registry on a real SQLite file, with clients the test drives frame by frame (a client is
 * "offline for a minute" by simply not being connected: no clock is involved).
 */
describe('offline replicas, restarts, backups and slow loads', () => {
  const cleanup: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step()
  })

  const openFile = async (dataDir?: string): Promise<SqliteFile> => {
    const file = await openSqliteStore(dataDir)
    cleanup.push(() => file.close())
    if (!dataDir) cleanup.unshift(() => removeDir(file.dataDir))
    return file
  }
  const startRooms = (store: SqliteFile['store'] | SlowLoadStore) => {
    const rooms = new RoomRegistry({ store, roomIdleMs: 60_000 })
    cleanup.push(() => rooms.closeAll())
    return { rooms, net: new MemoryNetwork(rooms) }
  }
  const typeMany = (doc: Y.Doc, who: string, from: number, count: number): string[] =>
    Array.from({ length: count }, (_, i) => {
      typeToken(doc, `tok-${who}-${from + i}`)
      return `tok-${who}-${from + i}`
    })
  const stored = async (file: SqliteFile) => docFrom(await file.store.load(KEY))
  const expectExactlyOnce = (docs: Y.Doc[], tokens: string[]) => {
    for (const doc of docs) expect(audit(doc, tokens)).toEqual({ lost: [], duplicated: [] })
  }

  it('[DUR4] a replica offline with edits while the server restarts merges on reconnect: every token exactly once', async () => {
    const file = await openFile()
    let { rooms, net } = startRooms(file.store)
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    const tokens = [...typeMany(a.doc, 'a', 0, 5), ...typeMany(b.doc, 'b', 0, 5)]
    await net.settle()

    // a goes offline and keeps writing; b writes online; then the server restarts.
    a.destroy()
    await net.settle()
    tokens.push(...typeMany(a.doc, 'a', 5, 30), ...typeMany(b.doc, 'b', 5, 10))
    await net.settle()
    await rooms.closeAll(CLOSE.serviceRestart)
    net.flush()
    expect(b.closed?.code).toBe(CLOSE.serviceRestart)
    await file.close()
    // b also writes while the server is down.
    tokens.push(...typeMany(b.doc, 'b', 15, 5))

    const reopened = await openFile(file.dataDir)
    ;({ rooms, net } = startRooms(reopened.store))
    const newcomer = net.connect(editor('c'))
    net.connect(editor('b'), b.doc)
    net.connect(editor('a'), a.doc)
    await net.settle()
    tokens.push(...typeMany(newcomer.doc, 'c', 0, 3))
    await net.settle()

    expectExactlyOnce([a.doc, b.doc, newcomer.doc, rooms.get(KEY)!.doc, await stored(reopened)], tokens)
    console.log(`[DUR4] offline across a restart: tokens checked=${tokens.length} in 5 replicas, lost=0 duplicated=0`)
  })

  it('[DUR4] a document restored from an older backup while replicas hold newer copies merges without duplicating anything', async () => {
    const file = await openFile()
    let { rooms, net } = startRooms(file.store)
    const a = net.connect(editor('a'))
    const b = net.connect(editor('b'))
    await net.settle()
    const tokens = [...typeMany(a.doc, 'a', 0, 10), ...typeMany(b.doc, 'b', 0, 10)]
    await net.settle()
    const backupDir = await backupSqlite(file)
    cleanup.unshift(() => removeDir(backupDir))

    // Written after the backup: only the replicas (and the lost database) have these.
    const newer = [...typeMany(a.doc, 'a', 10, 10), ...typeMany(b.doc, 'b', 10, 10)]
    tokens.push(...newer)
    await net.settle()
    await rooms.closeAll(CLOSE.serviceRestart)
    net.flush()
    await file.close()
    const name = 'ensemble.sqlite'
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(file.dataDir, name + suffix), { force: true })
    restoreSqlite(backupDir, file.dataDir, name)

    const restored = await openFile(file.dataDir)
    expect(tokensIn(await stored(restored)).has(newer[0]!)).toBe(false)
    ;({ rooms, net } = startRooms(restored.store))
    // Someone opens the restored document first, and writes on it.
    const c = net.connect(editor('c'))
    await net.settle()
    tokens.push(...typeMany(c.doc, 'c', 0, 5))
    await net.settle()
    net.connect(editor('a'), a.doc)
    net.connect(editor('b'), b.doc)
    await net.settle()

    expectExactlyOnce([a.doc, b.doc, c.doc, rooms.get(KEY)!.doc, await stored(restored)], tokens)
    console.log(`[DUR4] backup restore: tokens checked=${tokens.length} (${newer.length} newer than the backup) in 5 replicas, lost=0 duplicated=0`)
  })

  it('[DUR5] twenty clients connecting while the load from storage is slow: loaded once, nobody is shown an empty document, nothing is overwritten', async () => {
    const file = await openFile()
    const seeding = startRooms(file.store)
    const writer = seeding.net.connect(editor('w'))
    await seeding.net.settle()
    const tokens = typeMany(writer.doc, 'w', 0, 30)
    await seeding.net.settle()
    await seeding.rooms.closeAll(CLOSE.serviceRestart)
    const before = await stored(file)

    const slow = new SlowLoadStore(file.store)
    const { rooms, net } = startRooms(slow)
    cleanup.push(() => slow.release())
    const clients: MemoryClient[] = []
    /** What each client holds at the moment it counts as synced (its first sync step 2). */
    const atSync = new Map<MemoryClient, Set<string>>()
    for (let i = 0; i < 20; i++) {
      // Half come with a replica of the document plus edits of their own; half are empty.
      const doc = new Y.Doc()
      if (i % 2 === 0) {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(before))
        tokens.push(...typeMany(doc, `r${i}`, 0, 2))
      }
      const client = net.connect(editor(`u${i}`), doc)
      const receive = client.pair.onClientFrame
      client.pair.onClientFrame = (frame) => {
        receive(frame)
        if (client.synced && !atSync.has(client)) atSync.set(client, tokensIn(client.doc))
      }
      clients.push(client)
      net.flush()
    }
    await waitFor(() => slow.loadsStarted > 0, { message: 'load started' })
    for (let i = 0; i < 5; i++) {
      net.flush()
      await new Promise((resolve) => setImmediate(resolve))
    }
    // While loading, nobody is answered: no sync step 2, no update; and the document loads once.
    expect(slow.loadsStarted).toBe(1)
    expect(clients.filter((c) => c.synced)).toEqual([])
    expect(clients.filter((_, i) => i % 2 === 1).every((c) => tokensIn(c.doc).size === 0)).toBe(true)

    slow.release()
    await net.settle()
    const storedTokens = [...tokensIn(before)]
    const servedIncomplete = clients.filter((client) => storedTokens.some((t) => !atSync.get(client)?.has(t))).length
    expect(servedIncomplete).toBe(0)
    expectExactlyOnce([...clients.map((c) => c.doc), rooms.get(KEY)!.doc, await stored(file)], tokens)
    console.log(
      `[DUR5] slow load: clients=20 loads=${slow.loadsStarted} incomplete documents served=${servedIncomplete} tokens checked=${tokens.length} lost=0 duplicated=0`,
    )
  })
})
