import * as Y from 'yjs'
import type { DocKey, DocStore, KeptState, LoadedDoc, LogRow, LogTail } from '@ensemble/server/storage'

interface Row {
  id: number
  data: Uint8Array
  authorId: string | null
  createdAt: number
}

/**
 * A DocStore in memory, for collaboration tests. It passes the same contract suite as the real
 * stores, counts loads, and can hold appends or loads until a test releases them.
 */
export class MemoryDocStore implements DocStore {
  loads = 0
  appends = 0
  /** When set, each append waits for it before committing (to prove broadcasts wait for appends). */
  appendGate: (() => Promise<void>) | null = null
  /** When set, each load waits for it (to prove nobody is served before the room is loaded). */
  loadGate: (() => Promise<void>) | null = null
  private nextId = 1
  private readonly logs = new Map<string, Row[]>()
  private readonly snapshots = new Map<string, { data: Uint8Array; lastId: number }>()
  private readonly keptStates = new Map<string, KeptState>()
  private readonly clientOwners = new Map<string, Map<number, string>>()

  async load(key: DocKey): Promise<LoadedDoc> {
    this.loads++
    if (this.loadGate) await this.loadGate()
    const snapshot = this.snapshots.get(id(key))
    const rows = this.rows(key).filter((row) => row.id > (snapshot?.lastId ?? 0))
    return { snapshot: snapshot?.data ?? null, updates: rows.map((row) => row.data) }
  }

  async append(key: DocKey, update: Uint8Array, authorId: string | null): Promise<void> {
    if (this.appendGate) await this.appendGate()
    this.appends++
    this.rows(key).push({ id: this.nextId++, data: update.slice(), authorId, createdAt: Date.now() })
  }

  async compact(key: DocKey): Promise<void> {
    const snapshot = this.snapshots.get(id(key))
    const rows = this.rows(key).filter((row) => row.id > (snapshot?.lastId ?? 0))
    const last = rows.at(-1)
    if (!last) return
    const parts = rows.map((row) => row.data)
    if (snapshot) parts.unshift(snapshot.data)
    this.snapshots.set(id(key), { data: Y.mergeUpdates(parts), lastId: last.id })
  }

  async pendingUpdates(key: DocKey): Promise<number> {
    const lastId = this.snapshots.get(id(key))?.lastId ?? 0
    return this.rows(key).filter((row) => row.id > lastId).length
  }

  async storedBytes(key: DocKey): Promise<number> {
    const snapshot = this.snapshots.get(id(key))
    const rows = this.rows(key).filter((row) => row.id > (snapshot?.lastId ?? 0))
    return (snapshot?.data.byteLength ?? 0) + rows.reduce((sum, row) => sum + row.data.byteLength, 0)
  }

  async log(key: DocKey, upTo = Number.MAX_SAFE_INTEGER): Promise<LogRow[]> {
    return this.rows(key)
      .filter((row) => row.id <= upTo)
      .map((row) => ({ ...row, data: row.data.slice() }))
  }

  async logAfter(key: DocKey, after: number): Promise<LogTail> {
    const rows = this.rows(key)
    const tail = rows.filter((row) => row.id > after).map((row) => ({ ...row, data: row.data.slice() }))
    return { before: rows.length - tail.length, rows: tail }
  }

  async keepState(key: DocKey, state: KeptState): Promise<void> {
    this.keptStates.set(id(key), copyOf(state))
  }

  async keptState(key: DocKey): Promise<KeptState | null> {
    const state = this.keptStates.get(id(key))
    return state ? copyOf(state) : null
  }

  async claimClients(key: DocKey, clientIds: readonly number[], claimant: string | null): Promise<Map<number, string>> {
    let owners = this.clientOwners.get(id(key))
    if (!owners) this.clientOwners.set(id(key), (owners = new Map()))
    const answer = new Map<number, string>()
    for (const clientId of clientIds) {
      if (claimant !== null && !owners.has(clientId)) owners.set(clientId, claimant)
      const owner = owners.get(clientId)
      if (owner !== undefined) answer.set(clientId, owner)
    }
    return answer
  }

  async close(): Promise<void> {}

  /** Every row of a document's log (compaction keeps them). */
  rows(key: DocKey): Row[] {
    let rows = this.logs.get(id(key))
    if (!rows) this.logs.set(id(key), (rows = []))
    return rows
  }
}

const id = (key: DocKey): string => `${key.workspaceId}\n${key.docName}`
/** Bytes are copied in and out, as a real store does: nobody shares a buffer with it. */
const copyOf = (state: KeptState): KeptState => ({
  stateVector: state.stateVector.slice(),
  snapshot: state.snapshot.slice(),
  frameV2: state.frameV2.slice(),
  preview: state.preview?.slice() ?? null,
})

/** A promise with its resolve function, to open gates by hand. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
