import type { CollabSocket } from '@ensemble/server/collab'

type ToServer = { frame: Uint8Array | string } | { close: true }
type ToClient = { frame: Uint8Array } | { close: { code: number; reason: string } }

/**
 * An in-memory socket pair flushed by hand: nothing is delivered until `flush()`, so sync tests
 * decide exactly when each side sees what the other sent. Bytes are copied on send, as a network would.
 */
export class MemorySocketPair {
  /** Set by whoever serves the server side (e.g. `connection.receive`). */
  onServerFrame: (data: Uint8Array | string) => void = () => {}
  /** The client went away (e.g. `connection.socketClosed`). */
  onServerClosed: () => void = () => {}
  onClientFrame: (data: Uint8Array) => void = () => {}
  onClientClosed: (code: number, reason: string) => void = () => {}

  /** How the server closed this socket, once it did. */
  serverClose: { code: number; reason: string } | null = null
  private clientGone = false
  private toServer: ToServer[] = []
  private toClient: ToClient[] = []

  /** The end the collaboration core writes to. */
  readonly serverSocket: CollabSocket = {
    send: (data) => {
      if (this.serverClose === null && !this.clientGone) this.toClient.push({ frame: data.slice() })
    },
    close: (code, reason) => {
      if (this.serverClose !== null) return
      this.serverClose = { code, reason }
      this.toClient.push({ close: { code, reason } })
    },
    get bufferedAmount() {
      return 0
    },
  }

  /** The client sends a frame (text frames too, to test refusals). */
  clientSend(data: Uint8Array | string): void {
    if (!this.clientGone && this.serverClose === null) this.toServer.push({ frame: typeof data === 'string' ? data : data.slice() })
  }

  /** The client disconnects; the server learns it on the next flush. */
  clientClose(): void {
    if (this.clientGone) return
    this.clientGone = true
    this.toServer.push({ close: true })
  }

  /** Frames waiting in either direction. */
  get queued(): number {
    return this.toServer.length + this.toClient.length
  }

  /** Delivers everything queued in both directions, including what deliveries queue meanwhile. */
  flush(): number {
    let delivered = 0
    while (this.queued > 0) {
      const toServer = this.toServer
      this.toServer = []
      for (const message of toServer) {
        delivered++
        if ('close' in message) this.onServerClosed()
        else if (this.serverClose === null) this.onServerFrame(message.frame)
      }
      const toClient = this.toClient
      this.toClient = []
      for (const message of toClient) {
        delivered++
        if ('close' in message) this.onClientClosed(message.close.code, message.close.reason)
        else this.onClientFrame(message.frame)
      }
    }
    return delivered
  }
}
