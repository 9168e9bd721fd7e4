import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocKey, DocStore, KeptState, LoadedDoc } from '@ensemble/server/storage'

export interface DocStoreFixture {
  store: DocStore
  /** Every log row of a document, compacted or not (compaction must keep them). */
  logRows(key: DocKey): Promise<number>
  cleanup(): Promise<void>
}

/** Replays what a store loaded into a fresh document, as a room does. */
export function docFrom(loaded: LoadedDoc): Y.Doc {
  const doc = new Y.Doc()
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
  for (const update of loaded.updates) Y.applyUpdate(doc, update)
  return doc
}

/** Records every update a document produces, in order, to append them to a store. */
function recorder(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return updates
}

/** Same clocks for every client, same text `t` and same map `m` (the types these tests write). */
function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const clocks = (doc: Y.Doc) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([x], [y]) => x - y))
  const content = (doc: Y.Doc) => JSON.stringify([doc.getText('t').toString(), doc.getMap('m').toJSON()])
  return clocks(a) === clocks(b) && content(a) === content(b)
}

/**
 * The contract every DocStore implementation (SQLite, PostgreSQL, the in-memory test double) must
 * honour. Run it from a test file with a factory for a fresh, empty store.
 */
export function runDocStoreContract(name: string, makeStore: () => Promise<DocStoreFixture>): void {
  describe(`DocStore contract: ${name}`, () => {
    let fixture: DocStoreFixture
    let store: DocStore
    const key: DocKey = { workspaceId: 'w1', docName: 'plan' }

    beforeEach(async () => {
      fixture = await makeStore()
      store = fixture.store
    })
    afterEach(async () => {
      await fixture.cleanup()
    })

    it('[STORE1] an unknown document loads empty', async () => {
      expect(await store.load(key)).toEqual({ snapshot: null, updates: [] })
      expect(await store.pendingUpdates(key)).toBe(0)
    })

    it('[STORE2] appended updates load back byte for byte, in append order', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      doc.getText('t').insert(0, 'bonjour')
      doc.getMap('m').set('a', 1)
      doc.getText('t').delete(0, 3)
      for (const update of updates) await store.append(key, update, 'u1')
      const loaded = await store.load(key)
      expect(loaded.snapshot).toBeNull()
      expect(loaded.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(updates.map((u) => Buffer.from(u).toString('hex')))
      expect(sameState(docFrom(loaded), doc)).toBe(true)
      expect(await store.pendingUpdates(key)).toBe(updates.length)
    })

    it('[STORE3] compaction keeps the state, moves the snapshot forward and keeps every log row', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      for (let i = 0; i < 20; i++) doc.getText('t').insert(i, String(i % 10))
      doc.getMap('m').set('k', 'v')
      for (const update of updates) await store.append(key, update, null)
      const before = docFrom(await store.load(key))

      await store.compact(key)
      const loaded = await store.load(key)
      expect(loaded.snapshot).not.toBeNull()
      expect(loaded.updates).toEqual([])
      expect(sameState(docFrom(loaded), before)).toBe(true)
      expect(await store.pendingUpdates(key)).toBe(0)
      expect(await fixture.logRows(key)).toBe(updates.length)

      // A second round folds only what came after the first snapshot.
      updates.length = 0
      doc.getText('t').insert(0, 'x')
      await store.append(key, updates[0]!, null)
      expect(await store.pendingUpdates(key)).toBe(1)
      await store.compact(key)
      expect(await store.pendingUpdates(key)).toBe(0)
      expect(sameState(docFrom(await store.load(key)), doc)).toBe(true)
    })

    it('[STORE4] appends racing a compaction are neither lost nor folded twice', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      for (let i = 0; i < 10; i++) doc.getText('t').insert(0, 'a')
      for (const update of updates.splice(0)) await store.append(key, update, null)
      for (let i = 0; i < 5; i++) doc.getText('t').insert(0, 'b')
      const racing = updates.splice(0)

      await Promise.all([store.compact(key), ...racing.map((update) => store.append(key, update, null))])
      const loaded = await store.load(key)
      expect(sameState(docFrom(loaded), doc)).toBe(true)
      expect(await store.pendingUpdates(key)).toBe(loaded.updates.length)
      await store.compact(key)
      expect(sameState(docFrom(await store.load(key)), doc)).toBe(true)
    })

    it('[STORE12] compactions of a large document racing each other and appends keep the state', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      const text = doc.getText('t')
      // ~400 KB: beyond the Yjs thread's threshold, so stores that use it merge off the event loop.
      for (let i = 0; i < 40; i++) text.insert(text.length, `${i} ${'x'.repeat(10_000)} `)
      for (const update of updates.splice(0)) await store.append(key, update, null)
      text.insert(0, 'début ')
      const [racing] = updates.splice(0)
      await Promise.all([store.compact(key), store.append(key, racing!, null), store.compact(key)])
      expect(sameState(docFrom(await store.load(key)), doc)).toBe(true)
      await store.compact(key)
      expect(await store.pendingUpdates(key)).toBe(0)
      expect(sameState(docFrom(await store.load(key)), doc)).toBe(true)
      expect(await fixture.logRows(key)).toBe(41)
    })

    it('[STORE5] documents are isolated by workspace and by name', async () => {
      const keys: DocKey[] = [key, { workspaceId: 'w1', docName: 'governance' }, { workspaceId: 'w2', docName: 'plan' }]
      const docs = keys.map(() => new Y.Doc())
      for (const [i, k] of keys.entries()) {
        const updates = recorder(docs[i]!)
        docs[i]!.getText('t').insert(0, `doc ${i}`)
        for (const update of updates) await store.append(k, update, null)
      }
      await store.compact(keys[1]!)
      for (const [i, k] of keys.entries()) {
        expect(
          docFrom(await store.load(k))
            .getText('t')
            .toString(),
        ).toBe(`doc ${i}`)
      }
      expect(await store.pendingUpdates(keys[0]!)).toBe(1)
      expect(await store.pendingUpdates(keys[1]!)).toBe(0)
    })

    it('[STORE6] many small updates replay to the same text, before and after compaction', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      const text = doc.getText('t')
      for (let i = 0; i < 1000; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)))
      for (let i = 0; i < 100; i++) text.delete(i * 3, 1)
      for (const update of updates) await store.append(key, update, 'u1')
      expect(
        docFrom(await store.load(key))
          .getText('t')
          .toString(),
      ).toBe(text.toString())
      await store.compact(key)
      expect(
        docFrom(await store.load(key))
          .getText('t')
          .toString(),
      ).toBe(text.toString())
      expect(await fixture.logRows(key)).toBe(updates.length)
    })

    it('[STORE7] compacting a document with nothing new is a no-op', async () => {
      await store.compact(key)
      expect(await store.load(key)).toEqual({ snapshot: null, updates: [] })
    })

    it('[HIST1] the log reads back every row with its author and time, up to a row, after compaction too', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      doc.getText('t').insert(0, 'un')
      doc.getText('t').insert(2, ' deux')
      doc.getText('t').insert(7, ' trois')
      const authors = ['u1', null, 'u2']
      const before = Date.now()
      for (const [i, update] of updates.entries()) await store.append(key, update, authors[i]!)
      await store.append({ ...key, docName: 'vision' }, updates[0]!, 'other')
      await store.compact(key)
      const rows = await store.log(key)
      expect(rows.map((row) => row.authorId)).toEqual(authors)
      expect(rows.map((row) => Buffer.from(row.data).toString('hex'))).toEqual(updates.map((u) => Buffer.from(u).toString('hex')))
      expect(rows.every((row, i) => i === 0 || row.id > rows[i - 1]!.id)).toBe(true)
      expect(rows.every((row) => row.createdAt >= before - 1000 && row.createdAt <= Date.now() + 1000)).toBe(true)
      // Replaying a prefix rebuilds the document as it was at that row.
      const prefix = await store.log(key, rows[1]!.id)
      expect(prefix.map((row) => row.id)).toEqual([rows[0]!.id, rows[1]!.id])
      const past = new Y.Doc()
      for (const row of prefix) Y.applyUpdate(past, row.data)
      expect(past.getText('t').toString()).toBe('un deux')
      expect(await store.log({ workspaceId: 'w1', docName: 'charter' })).toEqual([])
    })

    it('[HIST6] the log after a row: the rows after it, and how many rows there are up to it, after compaction too', async () => {
      const doc = new Y.Doc()
      const updates = recorder(doc)
      for (const word of ['un', ' deux', ' trois', ' quatre']) doc.getText('t').insert(doc.getText('t').length, word)
      for (const [i, update] of updates.entries()) await store.append(key, update, `u${i}`)
      await store.append({ ...key, docName: 'vision' }, updates[0]!, 'other')
      const rows = await store.log(key)
      expect(await store.logAfter(key, 0)).toEqual({ before: 0, rows })
      await store.compact(key)
      expect(await store.logAfter(key, rows[1]!.id)).toEqual({ before: 2, rows: rows.slice(2) })
      expect(await store.logAfter(key, rows[3]!.id)).toEqual({ before: 4, rows: [] })
      expect(await store.logAfter({ workspaceId: 'w1', docName: 'charter' }, 0)).toEqual({ before: 0, rows: [] })
    })

    it('[LOOP5] stored bytes count what a load reads: the snapshot and the rows after it, per document', async () => {
      expect(await store.storedBytes(key)).toBe(0)
      const doc = new Y.Doc()
      const updates = recorder(doc)
      for (const word of ['un', ' deux', ' trois']) doc.getText('t').insert(doc.getText('t').length, word)
      for (const update of updates.slice(0, 2)) await store.append(key, update, null)
      await store.append({ ...key, docName: 'vision' }, updates[2]!, null)
      const sum = (loaded: { snapshot: Uint8Array | null; updates: Uint8Array[] }) =>
        (loaded.snapshot?.byteLength ?? 0) + loaded.updates.reduce((n, update) => n + update.byteLength, 0)
      expect(await store.storedBytes(key)).toBe(updates[0]!.byteLength + updates[1]!.byteLength)
      await store.compact(key)
      await store.append(key, updates[2]!, null)
      expect(await store.storedBytes(key)).toBe(sum(await store.load(key)))
      expect(await store.storedBytes({ workspaceId: 'w1', docName: 'charter' })).toBe(0)
    })

    it('[STORE14] a kept full state reads back byte for byte, per document, the last one kept replacing the one before; the log is untouched', async () => {
      expect(await store.keptState(key)).toBeNull()
      const bytesOf = (seed: number, length: number) => Uint8Array.from({ length }, (_, i) => (seed * 31 + i * 7) % 256)
      const first: KeptState = { stateVector: bytesOf(1, 12), snapshot: bytesOf(2, 40), frameV2: bytesOf(3, 300_000), preview: bytesOf(4, 2_000) }
      await store.keepState(key, first)
      // Views into a larger buffer, as frames often are: only the view is kept.
      const backing = bytesOf(5, 1_000)
      const second: KeptState = {
        stateVector: backing.subarray(10, 20),
        snapshot: backing.subarray(100, 180),
        frameV2: backing.subarray(200, 900),
        preview: null,
      }
      const other = { workspaceId: 'w2', docName: 'plan' }
      await store.keepState(other, second)
      expect(await store.keptState(key)).toEqual(first)
      expect(await store.keptState(other)).toEqual({
        stateVector: backing.slice(10, 20),
        snapshot: backing.slice(100, 180),
        frameV2: backing.slice(200, 900),
        preview: null,
      })
      await store.keepState(key, second)
      expect(await store.keptState(key)).toEqual(await store.keptState(other))
      expect(await store.keptState({ workspaceId: 'w1', docName: 'charter' })).toBeNull()
      expect(await store.load(key)).toEqual({ snapshot: null, updates: [] })
    })

    it('[HOST1] a client id belongs to its first claimant, per document; a later claim or a look-up never changes its owner', async () => {
      const other = { workspaceId: 'w1', docName: 'charter' }
      // Yjs client ids are unsigned 32-bit numbers: the largest must survive the column type.
      const ids = [1, 2 ** 32 - 1]
      expect(await store.claimClients(key, ids, null)).toEqual(new Map())
      expect(await store.claimClients(key, ids, 'alice')).toEqual(
        new Map([
          [1, 'alice'],
          [2 ** 32 - 1, 'alice'],
        ]),
      )
      expect(await store.claimClients(key, [1, 7], 'mallory')).toEqual(
        new Map([
          [1, 'alice'],
          [7, 'mallory'],
        ]),
      )
      expect(await store.claimClients(key, [7, 8], null)).toEqual(new Map([[7, 'mallory']]))
      expect(await store.claimClients(other, [1], 'bob')).toEqual(new Map([[1, 'bob']]))
      expect(await store.claimClients(key, [], 'bob')).toEqual(new Map())
      // Claims racing each other agree on one owner.
      const racing = await Promise.all(['a', 'b', 'c', 'd'].map((claimant) => store.claimClients(key, [42], claimant)))
      expect(new Set(racing.map((owners) => owners.get(42))).size).toBe(1)
    })
  })
}
