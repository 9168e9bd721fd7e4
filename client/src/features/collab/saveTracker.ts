import { isUpdateFrame, MESSAGE, readSaved, STORAGE_STATE } from '@ensemble/shared'
import type { WebsocketProvider } from 'y-websocket'

/**
 * "Enregistré" / "Enregistrement…" / "Non enregistré", or "Refusé": everything is stored, but the
 * server undid an edit of ours (compensation, with a type-100 error) since our last edit (KEEP5).
 */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'refused'

const OPEN = 1

/**
 * Whether everything this replica wrote is stored on the server, from the "saved" acknowledgement
 * (message type 101, docs/PROTOCOL.md): the tracker counts the update frames the provider sends on
 * the current socket and compares them with the server's count of those it has stored. Edits made
 * while no socket is open are unsent until the next sync step 2, which carries all of them.
 * No DOM: the same tracker runs in the browser and in the reliability tests.
 */
export class SaveTracker {
  private sent = 0
  private saved = 0
  /** Local edits the server has not received on the current socket (made offline, or lost with a socket). */
  private unsent = false
  private storageFailing = false
  /** The server refused one of our edits, and we have not edited since. */
  private refused = false
  private current: SaveState = 'saved'
  private wrapped: WebSocket | null = null

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly onChange: (state: SaveState) => void = () => {},
  ) {
    provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
      try {
        const { saved, storage } = readSaved(decoder)
        this.saved = saved
        this.storageFailing = storage === STORAGE_STATE.failing
        this.recompute()
      } catch {
        // A malformed acknowledgement proves nothing: the state stays as it was.
      }
    }
    provider.on('status', this.onStatus)
    provider.on('connection-close', this.onClose)
    provider.doc.on('update', this.onDocUpdate)
  }

  get state(): SaveState {
    return this.current
  }

  /** Update frames sent on the current (or last) socket (the n-th is acknowledged once `savedOnSocket` ≥ n). */
  get sentOnSocket(): number {
    return this.sent
  }

  /** The server's count of this socket's update frames that are stored. */
  get savedOnSocket(): number {
    return this.saved
  }

  /** The server says it undid one of our edits (a type-100 error about an edit). */
  noteRefusal(): void {
    this.refused = true
    this.recompute()
  }

  destroy(): void {
    this.provider.off('status', this.onStatus)
    this.provider.off('connection-close', this.onClose)
    this.provider.doc.off('update', this.onDocUpdate)
  }

  /** A new socket: count the update frames sent through it (the provider calls `send` on the socket itself). */
  private readonly onStatus = (): void => {
    const ws = this.provider.ws
    if (!ws || ws === this.wrapped) return
    this.wrapped = ws
    this.sent = 0
    this.saved = 0
    this.storageFailing = false
    const send = ws.send.bind(ws)
    ws.send = (data: Parameters<WebSocket['send']>[0]) => {
      if (ws === this.provider.ws && data instanceof Uint8Array && isUpdateFrame(data)) {
        this.sent++
        // Sync step 2 (the answer to the server's step 1) carries every edit the server lacks.
        if (data[1] === 1) this.unsent = false
        this.recompute()
      }
      send(data)
    }
  }

  private readonly onClose = (): void => {
    // Whatever was not acknowledged on that socket is re-sent by the next sync step 2.
    // The counts stay readable (what that socket got saved) until the next socket starts afresh.
    if (this.sent > this.saved) this.unsent = true
    this.storageFailing = false
    this.recompute()
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) return
    // A new edit of ours: the refusal was about an earlier one.
    this.refused = false
    const ws = this.provider.ws
    // The provider drops local updates while its socket is not open (see its broadcastMessage).
    if (!(this.provider.wsconnected && ws && ws.readyState === OPEN)) this.unsent = true
    this.recompute()
  }

  private recompute(): void {
    const pending = this.sent > this.saved || this.unsent
    const next: SaveState = pending ? (this.storageFailing || !this.provider.wsconnected ? 'unsaved' : 'saving') : this.refused ? 'refused' : 'saved'
    if (next === this.current) return
    this.current = next
    this.onChange(next)
  }
}
