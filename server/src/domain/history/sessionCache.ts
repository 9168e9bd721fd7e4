import type * as Y from 'yjs'
import type { DocKey, DocStore } from '../../storage/docStore.ts'
import { replayDoc } from './replay.ts'
import { touchesOf, type RowTouch } from './sessions.ts'

interface Entry {
  /** The document replayed up to the last row of `rows`. */
  doc: Y.Doc
  rows: RowTouch[]
  /** Bytes of the log rows replayed into `doc` (what the cache's byte budget counts). */
  bytes: number
}

/** Documents whose replay is kept (least recently read evicted first). */
export const SESSION_CACHE_DOCS = 64
/**
 * Bytes of log the kept replays may hold together: a replayed document takes tens of times its log
 * in memory, so the largest plans are replayed on each request rather than kept (it runs on a
 * document thread, LOOP3).
 */
export const SESSION_CACHE_BYTES = 16 * 1024 * 1024

/**
 * What each log row of a document touched, for its history sessions (HIST6). Replaying a whole log
 * on each request costs its length; the cache keeps, per document, the replayed document and the rows
 * seen, and on the next request replays only the rows appended since. Before extending, it checks
 * that the store still holds exactly as many rows up to the last one seen: when not (a row committed
 * late below it on another instance, rows gone), it rebuilds from the whole log. Compaction keeps the
 * log rows, so it leaves the cache valid. It lives where history jobs run: on a document thread
 * (each document always on the same one), or in the server's own thread for a store in memory.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>()
  private readonly queues = new Map<string, Promise<readonly RowTouch[]>>()

  constructor(
    private readonly store: DocStore,
    private readonly capacity = SESSION_CACHE_DOCS,
    private readonly budgetBytes = SESSION_CACHE_BYTES,
  ) {}

  /** Every row of the document with what it touched, in order. */
  touches(key: DocKey): Promise<readonly RowTouch[]> {
    const id = `${key.workspaceId}\n${key.docName}`
    // One reader at a time per document: two would apply the same rows twice.
    const run = (this.queues.get(id) ?? Promise.resolve([])).catch(() => []).then(() => this.extend(key, id))
    this.queues.set(id, run)
    const settle = () => {
      if (this.queues.get(id) === run) this.queues.delete(id)
    }
    run.then(settle, settle)
    return run
  }

  /** Documents held (for tests and figures). */
  get size(): number {
    return this.entries.size
  }

  private async extend(key: DocKey, id: string): Promise<readonly RowTouch[]> {
    let entry = this.entries.get(id)
    let tail = await this.store.logAfter(key, entry?.rows.at(-1)?.id ?? 0)
    if (entry && tail.before !== entry.rows.length) {
      this.drop(id)
      entry = undefined
      tail = await this.store.logAfter(key, 0)
    }
    if (!entry) entry = { doc: replayDoc(key.docName), rows: [], bytes: 0 }
    try {
      for (const row of touchesOf(entry.doc, tail.rows)) entry.rows.push(row)
      for (const row of tail.rows) entry.bytes += row.data.byteLength
    } catch (err) {
      // A row that fails to apply leaves the replay half done: start again next time.
      this.drop(id)
      entry.doc.destroy()
      throw err
    }
    // Most recently read last; the least recently read goes when over capacity (this one too, alone over the budget).
    this.entries.delete(id)
    this.entries.set(id, entry)
    const rows = entry.rows.slice()
    while (this.entries.size > this.capacity || (this.entries.size > 0 && this.heldBytes() > this.budgetBytes)) this.drop(this.entries.keys().next().value!)
    return rows
  }

  private heldBytes(): number {
    let bytes = 0
    for (const entry of this.entries.values()) bytes += entry.bytes
    return bytes
  }

  private drop(id: string): void {
    this.entries.get(id)?.doc.destroy()
    this.entries.delete(id)
  }
}
