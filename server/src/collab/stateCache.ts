/**
 * A large document's full state as its room last served it to a fresh V2 joiner: kept when the room
 * unloads, so the next person to open the document gets it at once instead of waiting for the room
 * to load it from storage and encode it again (the 5,000-action plan: ~0.5 s of loading, ~0.5 s of
 * encoding and conversion on this machine; docs/BENCHMARKS.md, "Opening the large plan").
 */
export interface CachedState {
  /** The state vector of that state: what the room sends later is the difference from it. */
  stateVector: Uint8Array
  /** Its Yjs snapshot (state vector and deletions), to tell whether a reloaded document is still that state. */
  snapshot: Uint8Array
  /** The type-102 frame (V2) of that state. */
  frameV2: Uint8Array
  /** A large plan's first rows (type-103 frame) in that state; null for any other document. */
  preview: Uint8Array | null
}

/** Least recently used first out, within a byte budget. */
export class StateCache {
  private readonly entries = new Map<string, CachedState>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(id: string): CachedState | undefined {
    const entry = this.entries.get(id)
    if (entry) {
      // Most recently used last.
      this.entries.delete(id)
      this.entries.set(id, entry)
    }
    return entry
  }

  set(id: string, entry: CachedState): void {
    this.delete(id)
    const size = sizeOf(entry)
    if (size > this.maxBytes) return
    this.entries.set(id, entry)
    this.bytes += size
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= sizeOf(old)
    }
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  delete(id: string): void {
    const entry = this.entries.get(id)
    if (!entry) return
    this.entries.delete(id)
    this.bytes -= sizeOf(entry)
  }

  get size(): number {
    return this.entries.size
  }
}

const sizeOf = (entry: CachedState) => entry.frameV2.byteLength + entry.stateVector.byteLength + entry.snapshot.byteLength + (entry.preview?.byteLength ?? 0)
