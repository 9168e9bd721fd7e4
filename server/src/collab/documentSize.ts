/**
 * Keeps one document under its size limit (LIMITS.maxDocumentBytes, HOST4) without encoding it at
 * every edit. The room knows an upper bound of its state's size: the bytes loaded (snapshot and log,
 * which also hold what was deleted since) plus the bytes of every edit stored since. Only when that
 * bound says an edit goes over the limit is the state measured exactly (the edit included); and a
 * document held at its limit is measured again only once the time since the last measure is
 * MEASURE_SHARE times what that measure took (at least MIN_REMEASURE_MS): measuring never takes more
 * than about 2 % of the room's time, however its editors push against the limit.
 */
const MEASURE_SHARE = 50
const MIN_REMEASURE_MS = 1000

export class DocumentSize {
  /** Upper bound of the state's size in bytes, before the edit being checked. */
  private bound: number
  /** Whether the bound may be above the exact size (anything accepted or loaded since the last measure). */
  private loose = true
  /** When the next exact measure may run (performance.now()). */
  private nextMeasureAt = -Infinity

  constructor(
    private readonly limit: number,
    loadedBytes: number,
    /** The exact size of the state now (Y.encodeStateAsUpdate's length): the edit being checked is applied. */
    private readonly measure: () => number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.bound = loadedBytes
  }

  /** Whether the edit just applied, of `bytes`, keeps the document within its limit. */
  admits(bytes: number): boolean {
    if (this.bound + bytes <= this.limit) return true
    if (!this.loose || this.now() < this.nextMeasureAt) return false
    const started = this.now()
    const exact = this.measure()
    const took = this.now() - started
    this.nextMeasureAt = started + Math.max(MIN_REMEASURE_MS, MEASURE_SHARE * took)
    this.loose = false
    this.bound = exact - bytes
    return exact <= this.limit
  }

  /** An edit of `bytes` was stored. */
  accepted(bytes: number): void {
    this.bound += bytes
    this.loose = true
  }
}
