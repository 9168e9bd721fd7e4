import { createParser } from 'eventsource-parser'
import { DEFAULT_RECONNECT, reconnectDelay, type ReconnectPolicy } from './reconnectDelay.ts'

/**
 * A Server-Sent Events stream read with `fetch`, kept open (SPEC LIM9). The browser's EventSource
 * gives up for good on any answer but 200 and never shows the status or `Retry-After`, so a tab
 * refused with 429 (LIM3: a member holds at most 8 streams) would silently stop hearing live
 * events. Here every end — a refusal, a network failure, the server closing, a stream silent for
 * longer than two heartbeats — is followed by a new attempt after `reconnectDelay`; only answers
 * that no retry can change (signed out, not a member) end it. Each (re)connection is announced by
 * the server's own first event (`ready`), after which callers reload what they show.
 */
export interface EventStreamHandlers {
  onEvent(type: string, data: string): void
  /** The stream will not be reopened: 401, 403 or 404 (signed out, or no longer a member). */
  onEnd?(status: number): void
}

export interface EventStreamOptions {
  reconnect?: ReconnectPolicy
  /** The server writes a heartbeat every 25 s; a stream silent this long is dead and is reopened. */
  idleTimeoutMs?: number
}

export interface EventStream {
  close(): void
}

/** Answers that a new attempt would meet again. */
const FINAL_STATUSES = new Set([401, 403, 404])

export function openEventStream(url: string, handlers: EventStreamHandlers, options: EventStreamOptions = {}): EventStream {
  const policy = options.reconnect ?? DEFAULT_RECONNECT
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000
  let closed = false
  let attempt: AbortController | null = null
  let wake: (() => void) | null = null

  /** Reads one open stream to its end; resolves when it ends, rejects when it fails or is aborted. */
  const read = async (body: ReadableStream<Uint8Array>, controller: AbortController, onRetry: (ms: number) => void) => {
    const parser = createParser({
      onEvent: (event) => handlers.onEvent(event.event ?? 'message', event.data),
      onRetry,
    })
    const reader = body.getReader()
    const decoder = new TextDecoder()
    let idle = window.setTimeout(() => controller.abort(), idleTimeoutMs)
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        window.clearTimeout(idle)
        idle = window.setTimeout(() => controller.abort(), idleTimeoutMs)
        parser.feed(decoder.decode(value, { stream: true }))
      }
    } finally {
      window.clearTimeout(idle)
      reader.cancel().catch(() => undefined)
    }
  }

  const run = async () => {
    let failures = 0
    let serverRetryMs: number | null = null
    while (!closed) {
      const controller = new AbortController()
      attempt = controller
      let retryAfter: string | null = null
      try {
        const res = await fetch(url, { credentials: 'include', cache: 'no-store', headers: { accept: 'text/event-stream' }, signal: controller.signal })
        if (res.ok && res.body && (res.headers.get('content-type') ?? '').includes('text/event-stream')) {
          failures = 0
          await read(res.body, controller, (ms) => (serverRetryMs = ms))
        } else {
          await res.body?.cancel().catch(() => undefined)
          if (FINAL_STATUSES.has(res.status)) {
            closed = true
            handlers.onEnd?.(res.status)
            return
          }
          failures++
          retryAfter = res.headers.get('retry-after')
        }
      } catch {
        // A network failure, or a stream aborted as silent: try again like after a refusal.
        if (closed) return
        failures++
      }
      if (closed) return
      const delay = reconnectDelay({ failures, retryAfter, serverRetryMs }, policy)
      await new Promise<void>((resolve) => {
        const timer = window.setTimeout(resolve, delay)
        wake = () => {
          window.clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  }
  void run()

  return {
    close() {
      closed = true
      attempt?.abort()
      wake?.()
    },
  }
}
