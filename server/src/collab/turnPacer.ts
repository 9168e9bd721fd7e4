/**
 * Hands out turns of the event loop, one caller per turn, in call order. Writing a document of a few
 * megabytes to a socket holds the event loop while the kernel copies it; twenty clients opening it
 * at once used to have all twenty writes done in one stretch, and every other document's edits
 * waited behind them (docs/BENCHMARKS.md, "Figures behind the code's choices"). Paced, each write
 * gets a turn of its own and the others' messages are read in between.
 */
export class TurnPacer {
  private last: Promise<void> = Promise.resolve()

  /** Resolves in the first turn after those of the earlier callers. */
  next(): Promise<void> {
    const turn = this.last.then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    this.last = turn
    return turn
  }
}

/** Frames from this size on are written in a turn of their own: a whole large document, not edits. */
export const PACED_FRAME_BYTES = 256 * 1024

/** One pacer for the process: the event loop it shares out is the process's. */
export const largeFrames = new TurnPacer()
