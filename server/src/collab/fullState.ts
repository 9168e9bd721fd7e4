import { actionsOf, encodePlanPreview, encodeSyncStep2V2, PLAN_PREVIEW_MIN_ACTIONS, planPreviewOf, type DocKind } from '@ensemble/shared'
import * as Y from 'yjs'
import type { KeptState } from '../storage/docStore.ts'
import { yjsThread } from '../workers/yjsThread.ts'
import { KEPT_STATE_MIN_BYTES } from './keptStates.ts'
import type { PreparedDoc } from './preparedDoc.ts'
import { encodeSyncStep2Update } from './protocol.ts'

/*
 * The words for "state" in the collaboration core, used everywhere with these meanings only
 * (docs/ARCHITECTURE.md, "States of a document"):
 * - document state: what a room's Y.Doc holds at one moment, named by its state vector (and, with
 *   its deletions, by its snapshot).
 * - stored document: what the store holds for a document, its latest snapshot and the log rows
 *   after it (storage/docStore.ts LoadedDoc). A room opens from it and catches up from it.
 * - full state: the whole document at one document state, encoded for fresh joiners (an empty state
 *   vector): its sync step 2 (V1), its type-102 frame (V2) and a large plan's first rows (type 103).
 *   A room encodes it once per document state (this file).
 * - kept state: a large document's full state that outlives its room, in memory and in the store
 *   (keptStates.ts, storage/docStore.ts KeptState), sent to the next fresh V2 joiner before the room
 *   has loaded. It is the room's full state as it unloads, or, when the room has none, one rebuilt
 *   from the stored document on the Yjs thread.
 * - prepared document: a large stored document read, rebuilt and encoded on a document thread for
 *   its room to open (preparedDoc.ts): the pieces the room applies, and its full state (which is
 *   also a kept state, sent to the fresh joiners already waiting).
 */

/** The full state of one document state; its encodings are made on first demand. */
interface Encoded {
  stateVector: Uint8Array
  /** The V1 update (Y.encodeStateAsUpdate) and its sync step 2 frame, for stock clients. */
  v1: { update: Uint8Array; frame: Uint8Array } | null
  /** The type-102 frame (V2), converted on first demand; null when the conversion failed. */
  frameV2: Promise<Uint8Array | null> | null
  /** The same frame once converted (what is kept when the room unloads). */
  readyV2: Uint8Array | null
  /** A large plan's first rows (type-103 frame), null for other documents; undefined until asked for. */
  preview?: Uint8Array | null
}

/** A connection that holds nothing of the document yet, as the full state sees it. */
export interface FreshJoiner {
  /** It reads the type-102 frame (`?sync=v2`). */
  readonly syncV2: boolean
  /** It shows a large plan's first rows before the whole document (`?preview=1`). */
  readonly wantsPreview: boolean
  send(frame: Uint8Array): void
}

/**
 * A room's full state: encoded once per document state and shared by every fresh joiner until the
 * next change, so twenty clients opening a large document cost one encoding, not twenty on the event
 * loop, and the V2 joiners of that state share one conversion.
 */
export class FullState {
  private encoded: Encoded | null = null

  constructor(
    private readonly doc: Y.Doc,
    private readonly kind: DocKind,
    private readonly onConversionError: (err: unknown) => void,
  ) {}

  /** The document changed: the encodings describe a past state. */
  invalidate(): void {
    this.encoded = null
  }

  /** A prepared document's frames, ready for the first joiners while its pieces are still being applied. */
  startFrom(prepared: PreparedDoc): void {
    this.encoded = {
      stateVector: prepared.stateVector,
      v1: { update: prepared.frameV1.subarray(prepared.v1Offset), frame: prepared.frameV1 },
      frameV2: Promise.resolve(prepared.frameV2),
      readyV2: prepared.frameV2,
      preview: prepared.preview,
    }
  }

  /** Sends the whole document to a fresh joiner: a sync step 2 to a stock client; to a V2 client, the plan's first rows if asked for, then the type-102 frame. */
  sendTo(joiner: FreshJoiner): void {
    const state = this.current()
    if (!joiner.syncV2) return joiner.send(this.v1Of(state).frame)
    // The plan page shows the first rows while the whole document is on its way and applied.
    const preview = joiner.wantsPreview ? this.previewOf(state) : null
    if (preview) joiner.send(preview)
    state.frameV2 ??= this.convertToV2(state)
    // Not awaited: the room's queue (everyone's edits) never waits for a conversion. Updates broadcast
    // to this joiner meanwhile are newer than this state; Yjs keeps them pending until it lands.
    void state.frameV2.then((frame) => joiner.send(frame ?? this.v1Of(state).frame))
  }

  /** The full state as a kept state: a large document's, converted for a V2 joiner and still current; otherwise null. */
  toKeep(): KeptState | null {
    const state = this.encoded
    if (!state?.readyV2 || state.readyV2.byteLength < KEPT_STATE_MIN_BYTES) return null
    return { stateVector: state.stateVector, snapshot: Y.encodeSnapshot(Y.snapshot(this.doc)), frameV2: state.readyV2, preview: this.previewOf(state) }
  }

  /**
   * A state kept from this document's previous room: when the document is still exactly that state
   * (same state vector and same deletions: another instance may have written meanwhile), its V2 frame
   * serves the next V2 joiners without a new encoding. Returns whether it did.
   */
  adopt(kept: KeptState): boolean {
    if (this.encoded || !sameBytes(Y.encodeSnapshot(Y.snapshot(this.doc)), kept.snapshot)) return false
    this.encoded = { stateVector: kept.stateVector, v1: null, frameV2: Promise.resolve(kept.frameV2), readyV2: kept.frameV2, preview: kept.preview }
    return true
  }

  /** The first rows of a large plan as it is now (a type-103 frame), or null (another document, a short plan). */
  currentPreview(): Uint8Array | null {
    const large = this.kind === 'plan' && actionsOf(this.doc).size >= PLAN_PREVIEW_MIN_ACTIONS
    return large ? encodePlanPreview(planPreviewOf(this.doc)) : null
  }

  private current(): Encoded {
    this.encoded ??= { stateVector: Y.encodeStateVector(this.doc), v1: null, frameV2: null, readyV2: null }
    return this.encoded
  }

  private v1Of(state: Encoded): { update: Uint8Array; frame: Uint8Array } {
    if (!state.v1) {
      // Asked for while `state` is the current one (a V1 joiner, or a conversion about to start).
      const update = Y.encodeStateAsUpdate(this.doc)
      state.v1 = { update, frame: encodeSyncStep2Update(update) }
    }
    return state.v1
  }

  private previewOf(state: Encoded): Uint8Array | null {
    if (state.preview === undefined) state.preview = this.currentPreview()
    return state.preview
  }

  /** The type-102 frame of a state (converted off the event loop when large); null if it failed (V1 is sent). */
  private convertToV2(state: Encoded): Promise<Uint8Array | null> {
    return yjsThread.toV2(this.v1Of(state).update).then(
      (updateV2) => (state.readyV2 = encodeSyncStep2V2(updateV2)),
      (err: unknown) => {
        this.onConversionError(err)
        return null
      },
    )
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i])
}
