import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'

export type TargetName = 'relay' | 'reference' | 'hocuspocus' | 'ensemble'
export const TARGET_NAMES: readonly TargetName[] = ['relay', 'reference', 'hocuspocus', 'ensemble']

/** One real provider connected to one document of a target. */
export interface BenchClient {
  doc: Y.Doc
  awareness: Awareness
  /** Resolves once the client holds the server's state (for the relay: once its socket is open). */
  ready(): Promise<void>
  destroy(): void
}

/** The framing a raw (non-decoding) client must speak: y-websocket's, or Hocuspocus' (name-prefixed). */
export type Wire = 'y-websocket' | 'hocuspocus'

/** A server under test: a child process pinned to the server core, and how to connect to it. */
export interface Target {
  name: TargetName
  pid: number
  /** False for the relay, which keeps no document: a joiner has nothing to load from it. */
  stateful: boolean
  wire: Wire
  connect(docName: string, doc?: Y.Doc): Promise<BenchClient>
  /** Ensemble only: a client that asks for the full state in V2 (`?sync=v2`, message type 102), as the web client does. */
  connectV2?(docName: string, doc?: Y.Doc): Promise<BenchClient>
  /** The websocket URL a raw client opens for `docName` (a fresh ticket for Ensemble). */
  rawUrl(docName: string): Promise<string>
  stop(): Promise<void>
}
