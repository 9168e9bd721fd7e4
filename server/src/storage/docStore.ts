/**
 * Durable storage of Yjs documents: an append-only update log per document plus an optional
 * snapshot that compaction folds the log into. Implementations: SQLite (default), PostgreSQL (scale-out).
 * Every implementation runs the same contract suite (test/contracts/docStore.contract.ts).
 */
export interface DocKey {
  workspaceId: string
  docName: string
}

export interface LoadedDoc {
  /** Encoded state (Yjs update v1) of the latest snapshot, or null if the document was never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after that snapshot, in append order. */
  updates: Uint8Array[]
}

/** One row of a document's update log, as history reads it. */
export interface LogRow {
  /** Increasing in append order within a document (ids of one document are not contiguous). */
  id: number
  /** The member whose edit this is; null for a change made by the server. */
  authorId: string | null
  /** Epoch milliseconds of the append. */
  createdAt: number
  data: Uint8Array
}

/** What `logAfter` reads: the new rows, and how many rows there are up to the reader's last one. */
export interface LogTail {
  before: number
  rows: LogRow[]
}

/**
 * A kept state: a large document's full state as a room last had it (see collab/keptStates.ts and
 * the glossary in collab/fullState.ts), sent to the next fresh V2 joiner before the room loads. Any
 * state the document once had is safe to send (the room then sends what changed since), so a kept
 * state may be older than the log; it is never newer (a room serves only what is stored).
 */
export interface KeptState {
  /** The state vector of that state: what the room sends later is the difference from it. */
  stateVector: Uint8Array
  /** Its Yjs snapshot (state vector and deletions), to tell whether a reloaded document is still that state. */
  snapshot: Uint8Array
  /** The type-102 frame (V2) of that state. */
  frameV2: Uint8Array
  /** A large plan's first rows (type-103 frame) in that state; null for any other document. */
  preview: Uint8Array | null
}

/**
 * Version of the frames a stored kept state holds: a row written with another one is ignored (read
 * as none), so a change of the wire format never sends an old frame.
 */
export const KEPT_STATE_FORMAT = 1

/** Owner of the Yjs client ids the server's own changes use (seeding, restore, sign-off status…); no user id has this form. */
export const SERVER_CLIENT_OWNER = '!server'

/**
 * Where a store keeps its data, for another thread of this process to open the same store on a
 * connection of its own and read a document there (server/src/threads): history replays and cold
 * opens then never hold the event loop, not even to read. A store without one (in memory) is read
 * by the thread that holds it.
 */
export type StoreLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; connectionString: string }

export interface DocStore {
  /** See StoreLocation; absent or null: this store can only be read through this object. */
  location?(): StoreLocation | null
  load(key: DocKey): Promise<LoadedDoc>
  /** Resolves once the update is durably committed. Callers broadcast only after it resolves. */
  append(key: DocKey, update: Uint8Array, authorId: string | null): Promise<void>
  /** Folds the log into a snapshot (the merged state). Safe to run while appends continue. */
  compact(key: DocKey): Promise<void>
  /** Number of log rows after the latest snapshot (drives background compaction). */
  pendingUpdates(key: DocKey): Promise<number>
  /**
   * Bytes `load` would read (the snapshot and the log rows after it), counted without reading them:
   * a room decides from it where to open the document (LOOP5).
   */
  storedBytes(key: DocKey): Promise<number>
  /**
   * Every log row of a document with id ≤ `upTo` (all when omitted), in append order. Rows are kept
   * by compaction, so replaying them alone rebuilds the document at any row (history, versions).
   */
  log(key: DocKey, upTo?: number): Promise<LogRow[]>
  /**
   * The rows with id > `after`, in append order, and how many rows have id ≤ `after`, read at one
   * point in time: a reader that holds the rows up to `after` (the history cache) extends them, and
   * rebuilds when the count differs from what it holds (a row committed late below `after`, or a row gone).
   */
  logAfter(key: DocKey, after: number): Promise<LogTail>
  /**
   * Keeps a large document's full state beyond its room, across restarts and for every instance
   * (replacing the one kept before). A cache beside the log: losing it loses no edit.
   */
  keepState(key: DocKey, state: KeptState): Promise<void>
  /** The full state last kept for this document, or null. */
  keptState(key: DocKey): Promise<KeptState | null>
  /**
   * Who owns each of these Yjs client ids of the document: the person whose changes first used it
   * (DESIGN §5, HOST1). With `claimant`, each id nobody owns yet becomes the claimant's, durably and
   * atomically (two instances claiming one id agree on a single owner); without, nothing is written.
   * Ids nobody owns are absent from the answer.
   */
  claimClients(key: DocKey, clientIds: readonly number[], claimant: string | null): Promise<Map<number, string>>
  close(): Promise<void>
}
