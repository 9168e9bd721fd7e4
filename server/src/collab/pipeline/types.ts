import type { CloseCode, DocKind, WorkspaceContext } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { DocKey, DocStore } from '../../storage/docStore.ts'
import type { DeleteSet } from '../capture.ts'
import type { EditChanges } from '../changes.ts'
import type { ClientOwners } from '../clientOwners.ts'
import type { DocumentSize } from '../documentSize.ts'
import type { CollabLogger } from '../logger.ts'
import type { ConnectionOrigin } from '../origins.ts'
import type { FrameKind } from '../rateLimit.ts'
import type { ConnectionIdentity } from '../socket.ts'
import type { DecodedUpdate } from '../updateShape.ts'
import type { EditRefusal } from './checks.ts'

/** What the pipeline needs from the connection that sent an update (connection.ts implements it). */
export interface EditConnection {
  /** Who is on the other end, as authenticated (and re-read when their membership changes). */
  readonly identity: ConnectionIdentity
  /** The origin of every transaction applying this connection's edits (the room's UndoManager tracks it). */
  readonly origin: ConnectionOrigin
  send(frame: Uint8Array): void
  close(code: CloseCode, reason?: string): void
  /** Whether `count` more of `kind` fit in the connection's token bucket (taken if they do). */
  tryAdmit(kind: FrameKind, count?: number): boolean
}

/** How long a failing append is retried, and how many edits may wait behind it, before the room gives up (DUR3). */
export interface StorageRetry {
  readonly retryMs: number
  readonly maxQueued: number
}

/** What the pipeline needs from a room. */
export interface EditRoom {
  readonly key: DocKey
  readonly kind: DocKind
  readonly doc: Y.Doc
  readonly store: DocStore
  readonly logger: CollabLogger
  /**
   * The UndoManager that records this connection's transactions (the room's, shared by its
   * connections: edits run one at a time and it is cleared after each, so its last step is this edit).
   */
  undoManagerFor(connection: EditConnection): Y.UndoManager
  /** The connections attached to the room right now. */
  connections(): Iterable<EditConnection>
  /** Who owns the document's Yjs client ids (HOST1). */
  readonly clientOwners: ClientOwners
  /** The document's size against its limit (HOST4). */
  readonly size: DocumentSize
  /**
   * On several instances: merges what the store holds and this room lacks (another instance stored it
   * and its fan-out has not arrived, or never will, that instance having died). Resolves true if it
   * looked; false on a single instance (the room is never behind its store) or when it looked moments ago.
   */
  catchUpFromStore(): Promise<boolean>
  /** Lets go of what the UndoManager kept for this edit and collects it (idempotent). */
  collectEdit(deleteSets: readonly DeleteSet[]): void
  /** Members and partners of the room's workspace, as last loaded (refreshed on membership changes). */
  workspaceContext(): WorkspaceContext
  /** How the append step retries while storage fails. */
  readonly storageRetry: StorageRetry
  /** Tasks waiting in the room's queue or running (edits behind a failing append among them). */
  readonly queuedTasks: number
  /** Whether an append is failing and being retried right now. */
  readonly storageFailing: boolean
  /** Storage started (true) or stopped (false) failing: the room tells its connections, now and as they join. */
  setStorageFailing(failing: boolean): void
  /** An update of `bytes` was committed to the log: compaction counts it, the document's size bound grows. */
  appended(bytes: number): void
  /** Sends a stored update to the other server instances holding the document (no-op on one instance). */
  publishUpdate(update: Uint8Array): void
}

/**
 * A change on its way to the store and to the room's connections: a client's edit (EditContext), a
 * change the server makes itself, or an update another instance stored. The append and broadcast
 * steps read only this.
 */
export interface ChangeContext {
  readonly room: EditRoom
  /** The connection that sent the edit; null for a change the server made or an update already stored. */
  readonly connection: EditConnection | null
  /** Whom the log names as the author: the sender, the member on whose request the server acted, or nobody (null). */
  readonly authorId: string | null
  /** What is stored and broadcast: for an edit, `applied`, merged with its compensation when refused. */
  outgoing: Uint8Array | null
  /** Set by the check step when the edit is not allowed (its author then receives it back, compensated). */
  refusal: EditRefusal | null
}

/** One incoming update on its way through the edit pipeline; each step reads and fills it in. */
export interface EditContext extends ChangeContext {
  readonly connection: EditConnection
  readonly authorId: string
  /**
   * The update as received (sync step 2 or update message), less any part refused before it was
   * applied (changes under other people's client ids, HOST1).
   */
  incoming: Uint8Array
  /** `incoming` decoded (by the decode step), for the checks that run before applying. */
  decoded: DecodedUpdate | null
  /** What the document actually applied: parts the room already had are not in it. */
  applied: Uint8Array | null
  changes: EditChanges
  /** Items the edit created that are alive after it (new rich-text nodes, marks, attributes…). */
  inserted: Y.Item[]
  /** Delete sets of the transactions this edit ran, collected once the UndoManager lets go. */
  deleteSets: DeleteSet[]
  /** Set when the connection must be closed once this edit has been stored and broadcast. */
  closeAfter: { code: CloseCode; reason: string } | null
}

/** Returned by a step to end the pipeline early without error (e.g. nothing changed). */
export const STOP = Symbol('stop')
// biome-ignore lint/suspicious/noConfusingVoidType: a step that returns nothing lets the pipeline go on
export type StepResult = void | typeof STOP

/**
 * One concern of handling a change. Steps run in order; a step that throws stops the chain (the room
 * turns the error into a close code), one that returns STOP ends it quietly.
 */
export interface Step<Context> {
  readonly name: string
  run(context: Context): StepResult | Promise<StepResult>
}

/** A step of the edit pipeline (a client's update). */
export type EditStep = Step<EditContext>
/** A step any change goes through, a client's edit or the server's own (append, broadcast, publish). */
export type ChangeStep = Step<ChangeContext>
