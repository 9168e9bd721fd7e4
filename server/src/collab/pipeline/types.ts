import type { CloseCode, DocKind, WorkspaceContext } from '@ensemble/shared'
import type * as Y from 'yjs'
import type { DocKey, DocStore } from '../../storage/docStore.ts'
import type { DeleteSet } from '../capture.ts'
import type { EditChanges } from '../changes.ts'
import type { ClientOwners } from '../clientOwners.ts'
import type { Connection } from '../connection.ts'
import type { DocumentSize } from '../documentSize.ts'
import type { DecodedUpdate } from '../updateShape.ts'
import type { EditRefusal } from './checkEdit.ts'

/** What the edit pipeline needs from a room. */
export interface EditRoom {
  readonly key: DocKey
  readonly kind: DocKind
  readonly doc: Y.Doc
  readonly store: DocStore
  /**
   * The UndoManager that records this connection's transactions (the room's, shared by its
   * connections: edits run one at a time and it is cleared after each, so its last step is this edit).
   */
  undoManagerFor(connection: Connection): Y.UndoManager
  /** The connections attached to the room right now. */
  connections(): Iterable<Connection>
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
  /**
   * Appends to the store, retrying while storage fails (bounded in time and queued edits); resolves
   * once committed, throws StorageFailure when the room gives up.
   */
  appendDurably(update: Uint8Array, authorId: string | null): Promise<void>
  /** Members and partners of the room's workspace, as last loaded (refreshed on membership changes). */
  workspaceContext(): WorkspaceContext
  /** Sends a stored update to the other server instances holding the document (no-op on one instance). */
  publishUpdate?(update: Uint8Array): void
}

/** One incoming update on its way through the pipeline; each step reads and fills it in. */
export interface EditContext {
  readonly room: EditRoom
  readonly connection: Connection
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
  inserted: import('yjs').Item[]
  /** Set by the check step when the edit is not allowed. */
  refusal: EditRefusal | null
  /** What is stored and broadcast: `applied`, merged with its compensation when refused. */
  outgoing: Uint8Array | null
  /** Delete sets of the transactions this edit ran, collected once the UndoManager lets go. */
  deleteSets: DeleteSet[]
  /** Set when the connection must be closed once this edit has been stored and broadcast. */
  closeAfter: { code: CloseCode; reason: string } | null
}

/** Returned by a step to end the pipeline early without error (e.g. nothing changed). */
export const STOP = Symbol('stop')
export type StepResult = void | typeof STOP

/**
 * One concern of edit handling. Steps run in order; a step that throws stops the chain (the room
 * turns the error into a close code), one that returns STOP ends it quietly.
 */
export interface EditStep {
  readonly name: string
  run(context: EditContext): StepResult | Promise<StepResult>
}
