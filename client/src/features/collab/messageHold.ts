/**
 * Holds a websocket's incoming messages, in order, for a moment. A large plan's first rows (message
 * type 103) arrive just before its whole document, whose decoding then occupies the page for most
 * of a second: held until the rows are on screen, it is applied right after they are painted rather
 * than before. Every message is held, not only the document, so nothing is seen out of order (the
 * server's later answers must not find the provider synced before the document is applied).
 */
export class MessageHold {
  private queue: (() => void)[] | null = null
  private timer: number | undefined

  get holding(): boolean {
    return this.queue !== null
  }

  /** Holds from the next message on, for at most `maxMs` (a page that never shows the rows does not stall the sync). */
  hold(maxMs: number): void {
    if (this.queue) return
    this.queue = []
    this.timer = window.setTimeout(() => this.release(), maxMs)
  }

  /** Delivers what was held, in order, and stops holding. */
  release(): void {
    window.clearTimeout(this.timer)
    const queue = this.queue
    this.queue = null
    for (const deliver of queue ?? []) deliver()
  }

  /**
   * The WebSocket class to give y-websocket (`WebSocketPolyfill`): a real WebSocket whose `onmessage`
   * (which the provider sets) is called through this hold.
   */
  webSocketClass(): typeof WebSocket {
    const hold = this
    function HeldWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
      const socket = new WebSocket(url, protocols)
      let handler: ((this: WebSocket, event: MessageEvent) => unknown) | null = null
      Object.defineProperty(socket, 'onmessage', {
        get: () => handler,
        set: (next: typeof handler) => {
          handler = next
        },
      })
      socket.addEventListener('message', (event) => {
        const deliver = () => handler?.call(socket, event)
        if (hold.queue) hold.queue.push(deliver)
        else deliver()
      })
      return socket
    }
    return HeldWebSocket as unknown as typeof WebSocket
  }
}
