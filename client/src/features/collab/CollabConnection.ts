import {
  type AwarenessUser,
  AWARENESS_USER_FIELD,
  CLOSE,
  EXTENSIONS_PARAM,
  MESSAGE,
  type PlanPreview,
  readPlanPreview,
  readServerError,
  SCHEMA_VERSION,
  type ServerErrorMessage,
} from '@ensemble/shared'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { IndexeddbPersistence } from 'y-indexeddb'
import { ApiError } from '../../api/ApiError.ts'
import { HeartbeatWatchdog } from './heartbeat.ts'
import { keepOnDevice } from './localCopy.ts'
import { SaveTracker, type SaveState } from './saveTracker.ts'
import { setUnsaved } from './unloadGuard.ts'
import { mark } from './marks.ts'
import { MessageHold } from './messageHold.ts'
import { acceptSyncV2, freshParams, previewParams, syncV2Params } from './syncV2.ts'

export type ConnectionStatus = 'connecting' | 'connected' | 'offline'

export interface ReceivedServerError extends ServerErrorMessage {
  /** Increases with every error received, so the same message twice still renders twice. */
  seq: number
}

export interface CollabSnapshot {
  status: ConnectionStatus
  /** True once the document has been loaded from the server at least once (stays true offline). */
  synced: boolean
  /** Set when reconnecting cannot help (close code 4400–4499 but 4429, or the ticket was refused). */
  closed: { code: number; reason: string } | null
  /** The server closed this connection for sending too much (4429); reconnecting, after a longer wait. */
  rateLimited: boolean
  lastError: ReceivedServerError | null
  /** Bumped whenever a field error appears or is cleared, so claiming fields re-render. */
  fieldErrorsVersion: number
  /** Whether everything written here is stored on the server ("saved" acknowledgement, type 101). */
  save: SaveState
  /** While `save` is 'refused': the server's error about the edit it undid. */
  refusal: ReceivedServerError | null
  /** A large plan's first rows, to show read-only until the document is synced (asked for with `preview`). */
  preview: PlanPreview | null
}

/** What the page does with what happens on the connection; replaceable (see setHandlers). */
export interface CollabHandlers {
  /** The session is gone: stop and send the user to sign-in. */
  onUnauthenticated(): void
  /** A server error no visible field claimed: shown in the toast region. */
  onUnclaimedError(error: ReceivedServerError): void
  /** Every server error, claimed or not. */
  onServerError?(error: ReceivedServerError): void
}

export interface CollabOptions extends Partial<CollabHandlers> {
  workspaceId: string
  docName: string
  /** Who we are to the others; a connection opened before the page knows it gets it with setUser. */
  user?: AwarenessUser
  /** A fresh single-use ticket for each connection attempt. */
  fetchTicket(): Promise<string>
  /** Defaults to the page's own origin, where the server (or Vite's proxy) answers `/ws`. */
  serverUrl?: string
  /** Ask for a large plan's first rows ahead of the document (the plan page; PROTOCOL §4d). */
  preview?: boolean
}

const MAX_BACKOFF_MS = 10_000
const SAVING_GUARD_MS = 1_000
/** The document waits at most this long behind a preview for the page to paint it. */
const MAX_PREVIEW_HOLD_MS = 1_000
const FORBIDDEN_TICKET = 4403

// 4429 (rate limited) is in y-websocket's "do not reconnect" range, but a pause is all it needs.
const isTerminal = (code: number): boolean => code >= 4400 && code < 4500 && code !== CLOSE.rateLimited
/** Backoff steps skipped after a 4429, so the next attempt waits seconds rather than 250 ms. */
const RATE_LIMITED_ATTEMPTS = 3
const fieldKey = (entity: string, field: string | undefined): string => `${entity}|${field ?? ''}`
/** Every server error is about an edit it undid, but this one (the document is not opened at all). */
const isRefusal = (error: ServerErrorMessage): boolean => error.code !== 'document_too_large'
/** Ensemble's own messages (errors, saved acknowledgements, heartbeats): a stock client does not ask (QUIET1). */
const extensionsParams: Record<string, string> = { [EXTENSIONS_PARAM.name]: EXTENSIONS_PARAM.value }

export const INITIAL_SNAPSHOT: CollabSnapshot = {
  status: 'connecting',
  synced: false,
  closed: null,
  rateLimited: false,
  lastError: null,
  fieldErrorsVersion: 0,
  save: 'saved',
  refusal: null,
  preview: null,
}

function defaultServerUrl(workspaceId: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/ws/${encodeURIComponent(workspaceId)}`
}

/**
 * One live Yjs document of a workspace: the Y.Doc, its y-websocket provider, and the reconnect loop.
 *
 * Tickets are single use, so the provider must never reconnect on its own with the spent one: on
 * every close we stop its retry, fetch a new ticket (with backoff), and connect again. The server's
 * typed errors (message type 100) are routed to the field that claimed them, or to the toast region.
 */
export class CollabConnection {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  private snapshot: CollabSnapshot = INITIAL_SNAPSHOT
  /** Holds the messages that follow a preview until the page has painted it. */
  private readonly hold = new MessageHold()
  private readonly saveTracker: SaveTracker
  private readonly watchdog: HeartbeatWatchdog
  /** The copy kept on this device, once the page knows whose it is (keepOnDevice). */
  private localCopy: IndexeddbPersistence | null = null
  private readonly listeners = new Set<() => void>()
  private readonly claims = new Map<string, number>()
  private readonly fieldErrors = new Map<string, ReceivedServerError>()
  private attempts = 0
  private retryTimer: number | undefined
  /** Arms the unload guard when a save takes long (see guardUnload). */
  private savingTimer: number | undefined
  private opening = false
  private destroyed = false
  private errorSeq = 0
  private everConnected = false
  private handlers: Partial<CollabHandlers>
  /** The ticket was refused for want of a session (told to handlers set later, too). */
  private unauthenticated = false

  constructor(private readonly options: CollabOptions) {
    this.handlers = options
    this.provider = new WebsocketProvider(options.serverUrl ?? defaultServerUrl(options.workspaceId), options.docName, this.doc, {
      connect: false,
      // Tabs must not sync with each other behind the server's back: every edit is validated there.
      disableBc: true,
      WebSocketPolyfill: this.hold.webSocketClass(),
    })
    if (options.user) this.provider.awareness.setLocalStateField(AWARENESS_USER_FIELD, options.user)
    this.saveTracker = new SaveTracker(this.provider, (save) => {
      this.guardUnload(save)
      this.update(save === 'refused' ? { save } : { save, refusal: null })
    })
    // A line that went silent is dropped within seconds, and the status says « Hors ligne » (KEEP3).
    this.watchdog = new HeartbeatWatchdog(this.provider, this.dropSocket)
    // Large documents load faster in V2 (smaller frame, faster to apply); the server sends it on request.
    acceptSyncV2(this.provider)
    this.provider.messageHandlers[MESSAGE.planPreview] = (_encoder, decoder) => {
      try {
        this.receivePreview(readPlanPreview(decoder))
      } catch {
        // Only a preview: the document itself follows.
      }
    }
    this.provider.messageHandlers[MESSAGE.serverError] = (_encoder, decoder) => {
      try {
        this.receiveError(readServerError(decoder))
      } catch {
        // A malformed error message is not worth breaking the connection over.
      }
    }
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') {
        mark(`collab:${options.docName}:ws-open`)
        this.everConnected = true
        this.update({ status: 'connected', closed: null, rateLimited: false })
      }
    })
    this.provider.on('sync', (synced: boolean) => {
      if (synced) mark(`collab:${this.options.docName}:synced`)
      if (synced) this.attempts = 0
      if (synced) this.update({ synced: true, preview: null })
    })
    this.provider.on('connection-close', (event) => this.handleClose(event))
    window.addEventListener('online', this.reconnectNow)
    window.addEventListener('offline', this.dropSocket)
    document.addEventListener('visibilitychange', this.reconnectNow)
  }

  get awareness() {
    return this.provider.awareness
  }

  start(): void {
    void this.open()
  }

  /** The page that shows this document takes over its errors (a connection may open before the page). */
  setHandlers(handlers: CollabHandlers): void {
    this.handlers = handlers
    if (this.unauthenticated) handlers.onUnauthenticated()
  }

  /**
   * The page has painted the preview: the document, held meanwhile, is applied now (after that
   * frame, so the rows are on screen during the decoding rather than after it).
   */
  previewShown(): void {
    if (this.hold.holding) window.requestAnimationFrame(() => window.setTimeout(() => this.hold.release(), 0))
  }

  /**
   * Keeps this document on the device for `userId` (IndexedDB, KEEP1): what it holds is applied now
   * and sent with the next sync, and every change is written there as it happens. Once per connection
   * (a preloaded one learns its user when its page adopts it).
   */
  keepOnDevice(userId: string): void {
    if (this.localCopy || this.destroyed) return
    this.localCopy = keepOnDevice(this.doc, userId, this.options.workspaceId, this.options.docName)
  }

  /** Replaces the identity shown to others (name, colour, partner) — the server stamps it anyway. */
  setUser(user: AwarenessUser): void {
    this.provider.awareness.setLocalStateField(AWARENESS_USER_FIELD, user)
  }

  destroy(): void {
    this.destroyed = true
    this.hold.release()
    window.clearTimeout(this.retryTimer)
    window.removeEventListener('online', this.reconnectNow)
    window.removeEventListener('offline', this.dropSocket)
    document.removeEventListener('visibilitychange', this.reconnectNow)
    window.clearTimeout(this.savingTimer)
    setUnsaved(this, false)
    this.watchdog.destroy()
    void this.localCopy?.destroy()
    this.saveTracker.destroy()
    this.provider.destroy()
    this.doc.destroy()
    this.listeners.clear()
  }

  /**
   * Leaving asks first while something is not stored (KEEP4): at once when it is « Non enregistré »,
   * and after SAVING_GUARD_MS of « Enregistrement… » (an edit normally spends a few milliseconds
   * there; one in flight when the tab closes is on the device anyway, KEEP1).
   */
  private guardUnload(save: SaveState): void {
    window.clearTimeout(this.savingTimer)
    if (save === 'saving') this.savingTimer = window.setTimeout(() => setUnsaved(this, true), SAVING_GUARD_MS)
    setUnsaved(this, save === 'unsaved')
  }

  // --- store for useSyncExternalStore -------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): CollabSnapshot => this.snapshot

  private update(patch: Partial<CollabSnapshot>): void {
    const next = { ...this.snapshot, ...patch }
    if ((Object.keys(patch) as (keyof CollabSnapshot)[]).every((k) => next[k] === this.snapshot[k])) return
    this.snapshot = next
    for (const listener of this.listeners) listener()
  }

  // --- server errors routed to fields ------------------------------------------------------

  /** A field on screen declares it shows errors about `entity`/`field`; returns the release. */
  claimField(entity: string, field: string): () => void {
    const key = fieldKey(entity, field)
    this.claims.set(key, (this.claims.get(key) ?? 0) + 1)
    return () => {
      const left = (this.claims.get(key) ?? 1) - 1
      if (left > 0) this.claims.set(key, left)
      else this.claims.delete(key)
    }
  }

  fieldError(entity: string, field: string): ReceivedServerError | null {
    return this.fieldErrors.get(fieldKey(entity, field)) ?? null
  }

  clearFieldError(entity: string, field: string): void {
    if (this.fieldErrors.delete(fieldKey(entity, field))) this.update({ fieldErrorsVersion: this.snapshot.fieldErrorsVersion + 1 })
  }

  private receiveError(error: ServerErrorMessage): void {
    const received = { ...error, seq: ++this.errorSeq }
    const key = fieldKey(error.entity, error.field)
    if (error.field && this.claims.has(key)) this.fieldErrors.set(key, received)
    else this.handlers.onUnclaimedError?.(received)
    this.handlers.onServerError?.(received)
    this.update({ lastError: received, fieldErrorsVersion: this.snapshot.fieldErrorsVersion + 1 })
    if (isRefusal(error)) {
      this.update({ refusal: received })
      this.saveTracker.noteRefusal()
    }
  }

  private receivePreview(preview: PlanPreview): void {
    if (this.provider.synced) return
    mark(`collab:${this.options.docName}:preview-received`, { rows: preview.rows.length })
    this.hold.hold(MAX_PREVIEW_HOLD_MS)
    this.update({ preview })
  }

  // --- connection loop ---------------------------------------------------------------------

  private async open(): Promise<void> {
    if (this.destroyed || this.opening || this.provider.ws !== null) return
    this.opening = true
    window.clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    if (!this.everConnected) this.update({ status: 'connecting' })
    let ticket: string
    try {
      mark(`collab:${this.options.docName}:ticket-start`)
      ticket = await this.options.fetchTicket()
      mark(`collab:${this.options.docName}:ticket`)
    } catch (error) {
      this.opening = false
      if (this.destroyed) return
      if (error instanceof ApiError && error.status === 401) {
        this.update({ status: 'offline' })
        this.unauthenticated = true
        this.handlers.onUnauthenticated?.()
        return
      }
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
        this.update({ status: 'offline', closed: { code: FORBIDDEN_TICKET, reason: error.code } })
        return
      }
      this.scheduleRetry()
      return
    }
    this.opening = false
    if (this.destroyed) return
    // Holding nothing yet, it may be sent a large document's kept state before the server has loaded it.
    const fresh = this.doc.store.clients.size === 0
    this.provider.params = {
      ticket,
      schema: String(SCHEMA_VERSION),
      ...extensionsParams,
      ...syncV2Params,
      ...(fresh ? freshParams : {}),
      ...(fresh && this.options.preview ? previewParams : {}),
    }
    this.provider.connect()
  }

  private handleClose(event: CloseEvent | null): void {
    if (this.destroyed) return
    // Stop the provider's own retry (it would reuse the spent ticket). Setting the flag rather than
    // calling disconnect(): we are inside the provider's close handler, which disconnect() re-enters.
    this.provider.shouldConnect = false
    // Whatever the closed socket delivered after a preview is dropped by the provider (not its socket any more).
    this.hold.release()
    if (event && isTerminal(event.code)) {
      // No longer a member, or signed out in another tab: nothing of this document stays here (KEEP2).
      if (event.code === CLOSE.accessRevoked) void this.localCopy?.clearData()
      this.update({ status: 'offline', closed: { code: event.code, reason: event.reason } })
      return
    }
    const rateLimited = event?.code === CLOSE.rateLimited
    if (rateLimited) this.attempts = Math.max(this.attempts, RATE_LIMITED_ATTEMPTS)
    this.update({ status: this.everConnected ? 'offline' : 'connecting', rateLimited })
    this.scheduleRetry()
  }

  private scheduleRetry(): void {
    if (this.destroyed || this.snapshot.closed) return
    window.clearTimeout(this.retryTimer)
    const base = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts)
    this.attempts++
    const delay = base * (0.75 + Math.random() * 0.5)
    this.retryTimer = window.setTimeout(() => void this.open(), delay)
  }

  /**
   * The line is gone (the heartbeat went unanswered, or the browser says it is offline): close the
   * socket now rather than wait for TCP, which shows « Hors ligne » and starts the reconnect loop.
   */
  private dropSocket = (): void => {
    if (this.destroyed || this.provider.ws === null) return
    // disconnect() closes through the provider's own path, which emits 'connection-close' (handleClose reconnects).
    this.provider.disconnect()
  }

  /** Back online or back on the tab: do not wait for the backoff to elapse. */
  private reconnectNow = (): void => {
    if (document.visibilityState === 'hidden') return
    if (this.destroyed || this.snapshot.closed || this.provider.ws !== null || this.opening) return
    if (this.retryTimer === undefined) return
    this.attempts = 0
    void this.open()
  }
}
