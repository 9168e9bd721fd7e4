import type { DocKey, DocStore } from '../storage/docStore.ts'
import type { CollabLogger } from './logger.ts'

/**
 * Folds a room's update log into a snapshot once enough rows piled up, in the background: it never
 * sits in the room's queue, so broadcasts do not wait for it.
 */
export class Compactor {
  private running: Promise<void> | null = null

  constructor(
    private readonly store: DocStore,
    private readonly key: DocKey,
    private readonly threshold: number,
    /** Log rows after the latest snapshot, as loaded. */
    private pending: number,
    private readonly logger: CollabLogger,
  ) {}

  /** Counts one more appended row and starts a compaction when the threshold is reached. */
  noteAppended(): void {
    this.pending++
    if (this.pending >= this.threshold && this.running === null) this.running = this.compact()
  }

  /** Resolves when no compaction is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  private async compact(): Promise<void> {
    try {
      // Let the broadcast that triggered us go out first.
      await new Promise<void>((resolve) => setImmediate(resolve))
      await this.store.compact(this.key)
      this.pending = await this.store.pendingUpdates(this.key)
    } catch (err) {
      // Try again after another `threshold` appends rather than on every one.
      this.pending = 0
      this.logger.error({ err, ...this.key }, 'compaction failed')
    } finally {
      this.running = null
    }
  }
}
