import { LIMITS } from '@ensemble/shared'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Connection } from '../connection.ts'
import type { CollabLogger } from '../logger.ts'
import type { CollabSocket } from '../socket.ts'

/**
 * The `ws` server that completes upgrades. `maxPayload` makes `ws` close an oversized frame with
 * 1009 before buffering it; compression stays off (no decompression bombs, and Yjs updates are small).
 */
export function createWebSocketServer(): WebSocketServer {
  return new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxFrameBytes, perMessageDeflate: false, clientTracking: false })
}

/** A `ws` WebSocket seen as the collaboration core's minimal socket. */
export class WsCollabSocket implements CollabSocket {
  constructor(private readonly ws: WebSocket) {
    // Exactly-sized ArrayBuffers: a decoder can never read past the frame into a pooled buffer.
    ws.binaryType = 'arraybuffer'
  }

  send(data: Uint8Array, written?: () => void): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(data, { binary: true }, written && (() => written()))
    else written?.()
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason)
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount
  }
}

/** Feeds a WebSocket's frames and close to the connection serving it. */
export function bindWebSocket(ws: WebSocket, connection: Connection, logger: CollabLogger): void {
  ws.on('message', (data, isBinary) => {
    // Text frames are not part of the protocol; the connection refuses them whatever they say.
    if (!isBinary) connection.receive('')
    else if (data instanceof ArrayBuffer) connection.receive(new Uint8Array(data))
    else connection.receive(new Uint8Array(Buffer.concat(Array.isArray(data) ? data : [data])))
  })
  ws.on('close', () => connection.socketClosed())
  ws.on('error', (err) => {
    // ws closes the socket itself after an error (e.g. 1009 for an oversized frame).
    logger.debug({ err, connection: connection.id }, 'websocket error')
  })
}

/**
 * Ping/pong keep-alive: every `intervalMs` each socket is pinged; one that has not answered the
 * previous ping is terminated, which closes its connection and frees its presence.
 */
export class KeepAlive {
  private readonly alive = new Map<WebSocket, boolean>()
  private readonly timer: ReturnType<typeof setInterval>

  constructor(intervalMs = 30_000) {
    this.timer = setInterval(() => this.sweep(), intervalMs)
    this.timer.unref?.()
  }

  track(ws: WebSocket): void {
    this.alive.set(ws, true)
    ws.on('pong', () => this.alive.set(ws, true))
    ws.on('close', () => this.alive.delete(ws))
  }

  stop(): void {
    clearInterval(this.timer)
    this.alive.clear()
  }

  private sweep(): void {
    for (const [ws, alive] of this.alive) {
      if (!alive) {
        ws.terminate()
        this.alive.delete(ws)
        continue
      }
      this.alive.set(ws, false)
      try {
        ws.ping()
      } catch {
        ws.terminate()
      }
    }
  }
}
