import { contentOf, documentMetaOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { groupSessions, SessionCache, sessionsOf } from '@ensemble/server/domain'
import type { DocKey, LogTail } from '@ensemble/server/storage'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'

const key: DocKey = { workspaceId: 'w1', docName: 'agreement' }

/** A memory store that records what each `logAfter` asked and how many rows it handed back. */
class CountingStore extends MemoryDocStore {
  reads: { after: number; rows: number }[] = []
  override async logAfter(k: DocKey, after: number): Promise<LogTail> {
    const tail = await super.logAfter(k, after)
    this.reads.push({ after, rows: tail.rows.length })
    return tail
  }
}

/** A writer of the agreement whose every transaction becomes one update. */
function writer(clientId: number) {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return {
    doc,
    /** Appends a paragraph (or sets the title) and returns the update it made. */
    edit(kind: 'paragraph' | 'title', text: string): Uint8Array {
      if (kind === 'title') documentMetaOf(doc).set('title', text)
      else {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(text)])
        contentOf(doc).insert(contentOf(doc).length, [p])
      }
      return updates.at(-1)!
    },
  }
}

/** Rows written by hand (id, author, time), to place a late row below the last one read. */
function put(store: MemoryDocStore, id: number, authorId: string, createdAt: number, data: Uint8Array): void {
  const rows = store.rows(key)
  rows.push({ id, authorId, createdAt, data })
  rows.sort((a, b) => a.id - b.id)
}

/** A counting store and a cache over it. */
function setup(capacity?: number) {
  const store = new CountingStore()
  return { store, cache: new SessionCache(store, capacity) }
}

const fullReplay = async (store: MemoryDocStore, gapMs = 60_000) => sessionsOf(await store.log(key), key.docName, gapMs)

describe('the history session cache', () => {
  it('[HIST6] sessions from the cache equal a full replay; new rows are replayed alone; compaction keeps the cache', async () => {
    const { store, cache } = setup()
    const [claire, hugo] = [writer(1), writer(2)]
    put(store, 1, 'claire', 0, claire.edit('title', 'Accord'))
    put(store, 2, 'claire', 1_000, claire.edit('paragraph', 'Article 1'))
    Y.applyUpdate(hugo.doc, Y.encodeStateAsUpdate(claire.doc))
    put(store, 3, 'hugo', 2_000, hugo.edit('paragraph', 'Article 2'))
    expect(groupSessions(await cache.touches(key), 60_000)).toEqual(await fullReplay(store))
    expect(store.reads).toEqual([{ after: 0, rows: 3 }])

    // Two more rows: only they are read and replayed.
    put(store, 4, 'hugo', 3_000, hugo.edit('title', 'Accord de consortium'))
    Y.applyUpdate(claire.doc, Y.encodeStateAsUpdate(hugo.doc))
    put(store, 5, 'claire', 900_000, claire.edit('paragraph', 'Article 3'))
    const touches = await cache.touches(key)
    expect(store.reads.at(-1)).toEqual({ after: 3, rows: 2 })
    expect(touches.map((t) => [t.id, t.touched])).toEqual([
      [1, ['meta/title']],
      [2, ['content']],
      [3, ['content']],
      [4, ['meta/title']],
      [5, ['content']],
    ])
    // Any gap groups the same cached rows: the gap is not part of the cache.
    for (const gap of [500, 60_000, 10 * 60_000, 3_600_000]) expect(groupSessions(touches, gap)).toEqual(await fullReplay(store, gap))

    // Compaction folds the log into a snapshot and keeps the rows: nothing to rebuild.
    await store.compact(key)
    expect(groupSessions(await cache.touches(key), 60_000)).toEqual(await fullReplay(store))
    expect(store.reads.at(-1)).toEqual({ after: 5, rows: 0 })
  })

  it('[HIST6] a row committed late below the last one read, or a row gone, rebuilds from the whole log', async () => {
    const { store, cache } = setup()
    const [claire, lina] = [writer(1), writer(3)]
    put(store, 1, 'claire', 0, claire.edit('paragraph', 'Préambule'))
    put(store, 3, 'claire', 1_000, claire.edit('paragraph', 'Article 1'))
    await cache.touches(key)
    // Another instance commits row 2 after this one read row 3 (ids are taken before commit).
    put(store, 2, 'lina', 500, lina.edit('title', 'Convention'))
    const rebuilt = await cache.touches(key)
    expect(store.reads.slice(-2)).toEqual([
      { after: 3, rows: 0 },
      { after: 0, rows: 3 },
    ])
    expect(rebuilt.map((t) => [t.id, t.authorId, t.touched])).toEqual([
      [1, 'claire', ['content']],
      [2, 'lina', ['meta/title']],
      [3, 'claire', ['content']],
    ])
    expect(groupSessions(rebuilt, 60_000)).toEqual(await fullReplay(store))

    store.rows(key).splice(1, 1)
    expect((await cache.touches(key)).map((t) => t.id)).toEqual([1, 3])
    expect(store.reads.at(-1)).toEqual({ after: 0, rows: 2 })
  })

  it('[HIST6] concurrent readers of one document replay each row once; the least recently read document is evicted', async () => {
    const { store, cache } = setup(2)
    const claire = writer(1)
    for (let i = 1; i <= 20; i++) put(store, i, i % 2 ? 'claire' : 'hugo', i * 1000, claire.edit('paragraph', `Article ${i}`))
    const [a, b, c] = await Promise.all([cache.touches(key), cache.touches(key), cache.touches(key)])
    expect(a.map((t) => t.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    expect(store.reads).toEqual([
      { after: 0, rows: 20 },
      { after: 20, rows: 0 },
      { after: 20, rows: 0 },
    ])
    await cache.touches({ ...key, docName: 'charter' })
    await cache.touches({ ...key, docName: 'vision' })
    expect(cache.size).toBe(2)
    await cache.touches(key)
    expect(store.reads.at(-1)).toEqual({ after: 0, rows: 20 })
  })
})
