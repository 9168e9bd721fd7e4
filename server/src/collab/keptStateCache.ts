import type { KeptState } from '../storage/docStore.ts'

/**
 * The kept states of unloaded large documents held in memory (see keptStates.ts), so the next person
 * to open one gets it at once instead of waiting for the room to load and encode it again
 * (docs/BENCHMARKS.md, "Opening the large plan"). The store keeps them too, across restarts; this
 * saves reading them back. Least recently used first out, within a byte budget.
 */
export class KeptStateCache {
  private readonly entries = new Map<string, KeptState>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(id: string): KeptState | undefined {
    const entry = this.entries.get(id)
    if (entry) {
      // Most recently used last.
      this.entries.delete(id)
      this.entries.set(id, entry)
    }
    return entry
  }

  set(id: string, entry: KeptState): void {
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

const sizeOf = (entry: KeptState) => entry.frameV2.byteLength + entry.stateVector.byteLength + entry.snapshot.byteLength + (entry.preview?.byteLength ?? 0)
