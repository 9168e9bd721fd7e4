import { HEARTBEAT_FRAME, HEARTBEAT_IDLE_MS, HEARTBEAT_TIMEOUT_MS, MESSAGE } from '@ensemble/shared'
import type { WebsocketProvider } from 'y-websocket'

const TICK_MS = 250
/** A tick this late means the page was asleep (background tab, suspended laptop): start a new probe, conclude nothing. */
const LATE_TICK_MS = 2 * TICK_MS + 500
const OPEN = 1

/**
 * Notices a connection that died without a close (Wi-Fi gone, laptop lid, a server that stopped
 * answering) within seconds rather than y-websocket's 30 s (KEEP3). A browser cannot see websocket
 * pings, so after HEARTBEAT_IDLE_MS without any message this sends a heartbeat (message type 104,
 * for clients that asked for extensions), which the server echoes at once; with no message at all
 * HEARTBEAT_TIMEOUT_MS after the probe, the socket is declared dead (`onDead`). Any message counts
 * as an answer, so a busy document sends no heartbeat at all.
 */
export class HeartbeatWatchdog {
  private readonly timer: number
  private lastTick = Date.now()
  /** When the unanswered heartbeat was sent, or null. */
  private probeSentAt: number | null = null

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly onDead: () => void,
  ) {
    provider.messageHandlers[MESSAGE.heartbeat] = () => {}
    this.timer = window.setInterval(this.tick, TICK_MS)
  }

  destroy(): void {
    window.clearInterval(this.timer)
  }

  private readonly tick = (): void => {
    const now = Date.now()
    const asleep = now - this.lastTick > LATE_TICK_MS
    this.lastTick = now
    const ws = this.provider.ws
    // Not before the socket has delivered the document: a large state on a slow line is one long
    // frame, silent until its last byte, and a probe queued behind it would look unanswered. Dropping
    // the socket then would start the same download again; once synced, frames are edits.
    if (!this.provider.wsconnected || !this.provider.synced || !ws || ws.readyState !== OPEN) {
      this.probeSentAt = null
      return
    }
    // The provider stamps every message it receives.
    const lastReceived = this.provider.wsLastMessageReceived
    if (asleep || (this.probeSentAt !== null && lastReceived >= this.probeSentAt)) this.probeSentAt = null
    if (this.probeSentAt === null) {
      if (asleep || now - lastReceived >= HEARTBEAT_IDLE_MS) {
        this.probeSentAt = now
        ws.send(HEARTBEAT_FRAME)
      }
      return
    }
    if (now - this.probeSentAt >= HEARTBEAT_TIMEOUT_MS) {
      this.probeSentAt = null
      this.onDead()
    }
  }
}
