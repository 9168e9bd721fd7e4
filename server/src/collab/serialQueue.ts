/**
 * Runs tasks one after another, in the order they were queued. A room puts every step that touches
 * its document's durable order through one queue, so the log records edits in the order they were
 * applied and nobody is shown state that is not stored yet.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve()
  private queued = 0

  /** Queues `task`; resolves or rejects with its result. A failing task does not stop the queue. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    this.queued++
    const result = this.tail.then(task)
    this.tail = result.then(
      () => {
        this.queued--
      },
      () => {
        this.queued--
      },
    )
    return result
  }

  /** Number of tasks queued or running. */
  get size(): number {
    return this.queued
  }

  /** Resolves once every task queued so far, and any they queued meanwhile, has finished. */
  async drain(): Promise<void> {
    while (this.queued > 0) await this.tail
  }
}
