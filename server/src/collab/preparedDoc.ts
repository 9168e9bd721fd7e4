import * as Y from 'yjs'
import type { KeptState, LoadedDoc } from '../storage/docStore.ts'

/**
 * A large document read, decoded and encoded on a document thread (workers/prepareOpen.ts) for a room
 * to open: its whole state cut into pieces the room applies a few at a time (workers/splitState.ts),
 * and the full-state frames its first joiners get without the event loop encoding them. It is also
 * a kept state (a V2 joiner waiting for the room can be sent it at once).
 */
export interface PreparedDoc extends KeptState {
  pieces: Uint8Array[]
  /** Sync step 2 carrying the whole state in V1 (for stock clients); the update starts at `v1Offset`. */
  frameV1: Uint8Array
  v1Offset: number
  /** Log rows after the latest snapshot (what compaction counts), and bytes of snapshot and rows read. */
  pendingUpdates: number
  storedBytes: number
}

export const isPreparedDoc = (loaded: LoadedDoc | PreparedDoc): loaded is PreparedDoc => 'pieces' in loaded

/** Stored bytes above which a document opens through a document thread rather than on the event loop. */
export const OPEN_ON_THREAD_BYTES = 256 * 1024

/** How long the event loop applies pieces before letting other work run (see applyPieces). */
export const APPLY_SLICE_MS = 4

/**
 * After each slice the event loop rests this many times as long as the slice took (its garbage
 * collection included): a large document's objects are allocated at a third of the event loop's
 * time at most, so the collector's pauses, which follow the allocation, leave the other rooms room.
 */
export const APPLY_REST_RATIO = 2

/** Bytes of one piece: well under a millisecond of applying on the machine of docs/BENCHMARKS.md. */
export const PIECE_BYTES = 16 * 1024

/**
 * Applies pieces of a state to `doc` in order, in slices of APPLY_SLICE_MS each followed by a rest
 * (APPLY_REST_RATIO): the edits of other documents wait a few milliseconds at most, where applying a
 * large plan in one go held them for seconds (issue 26, item 6). Resolves once all are applied.
 */
export async function applyPieces(doc: Y.Doc, pieces: readonly Uint8Array[], origin: unknown, sliceMs = APPLY_SLICE_MS): Promise<void> {
  let sliceStart = performance.now()
  for (const piece of pieces) {
    Y.applyUpdate(doc, piece, origin)
    const worked = performance.now() - sliceStart
    if (worked >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, worked * APPLY_REST_RATIO))
      sliceStart = performance.now()
    }
  }
}

/** A stored document larger than its kind allows: refused at open (CLOSE.documentTooLarge), 413 for history. */
export class DocumentTooLargeError extends Error {
  readonly code = 'document_too_large'
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`document too large: ${bytes} bytes, at most ${limit}`)
    this.name = 'DocumentTooLargeError'
  }
}

/** What a member is told when a document is too large to open, in French and in English. */
export const documentTooLargeMessage = (limit: number) => ({
  fr: `Ce document dépasse la taille maximale qu’Ensemble ouvre (${Math.round(limit / (1024 * 1024))} Mo). Demandez à l’administrateur de l’alliance de le réduire ou de l’archiver.`,
  en: `This document is larger than Ensemble opens (${Math.round(limit / (1024 * 1024))} MB). Ask the alliance’s administrator to reduce or archive it.`,
})
