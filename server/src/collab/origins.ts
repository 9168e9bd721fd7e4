/**
 * Every Yjs transaction on a room's document carries one of these origins, and the code branches on
 * `kind` instead of guessing where a change came from:
 * - `connection`: an edit received from a client socket; it goes through the edit pipeline;
 * - `server`: a change made by the server itself (seed, restore, sign-off status, an action from a
 *   decision); it goes through the same append and broadcast steps as an edit (room.ts applyServerChange);
 * - `peer-instance`: an update another server instance stored (fanned out by server/src/fanout, or
 *   merged from the store); it goes through the broadcast step only, never stored twice;
 * - `storage`: state replayed from the store while loading a room; neither stored nor broadcast.
 */
export interface ConnectionOrigin {
  readonly kind: 'connection'
  /** The connection whose edits it applies (one origin object per connection: the UndoManager tracks it). */
  readonly connection: { readonly id: number }
}
export interface ServerOrigin {
  readonly kind: 'server'
  /** The member on whose request the server changes the document (a restore), logged as the author. */
  readonly authorId?: string
}
export interface PeerInstanceOrigin {
  readonly kind: 'peer-instance'
}
export interface StorageOrigin {
  readonly kind: 'storage'
}
export type TransactionOrigin = ConnectionOrigin | ServerOrigin | PeerInstanceOrigin | StorageOrigin

export const SERVER_ORIGIN: ServerOrigin = Object.freeze({ kind: 'server' })
export const PEER_INSTANCE_ORIGIN: PeerInstanceOrigin = Object.freeze({ kind: 'peer-instance' })
export const STORAGE_ORIGIN: StorageOrigin = Object.freeze({ kind: 'storage' })

const KINDS = new Set(['connection', 'server', 'peer-instance', 'storage'])

export function isTransactionOrigin(origin: unknown): origin is TransactionOrigin {
  return typeof origin === 'object' && origin !== null && KINDS.has((origin as { kind?: unknown }).kind as string)
}
