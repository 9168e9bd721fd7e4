import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { contentOf, MESSAGE, SCHEMA_VERSION, type Role } from '@ensemble/shared'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { TicketStore } from '@ensemble/server/auth'
import { createCollab, type Collab, type CollabOptions } from '@ensemble/server/collab'
import { identity } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { tokensIn } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

/**
 * The collaboration core behind a bare Node HTTP server in this process (so the tests can watch its
 * heap and event loop), with a memory store and members of workspace `w1` by user id.
 */
export const ORIGIN = 'https://ensemble.example'
export const WORKSPACE = 'w1'

export interface BareCollab {
  wsBase: string
  collab: Collab
  store: MemoryDocStore
  ticketFor(userId: string): string
  /** Opens a raw `ws` socket on a document as `userId`; resolves once it is open (101). */
  open(userId: string, docName: string): Promise<RawSocket>
  close(): Promise<void>
}

export interface RawSocket {
  ws: WebSocket
  /** Frames the server sent. */
  received: Uint8Array[]
  /** Resolves with the close code and the milliseconds from `markSent()` (or open) to the close. */
  closed: Promise<{ code: number; afterMs: number }>
  /** Remembers now as the moment the offending frame was sent. */
  markSent(): void
}

export async function startBareCollab(members: Record<string, Role>, options: Partial<CollabOptions> = {}): Promise<BareCollab> {
  const tickets = new TicketStore()
  const store = new MemoryDocStore()
  const collab = createCollab({
    store,
    tickets,
    allowedOrigins: [ORIGIN],
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    roomIdleMs: 50,
    identify: async (workspaceId, userId, docName) => {
      const role = workspaceId === WORKSPACE ? members[userId] : undefined
      return role ? identity({ workspaceId, docName, userId, role, locale: 'en' }) : null
    },
    ...options,
  })
  const http: Server = createServer((_req, res) => res.writeHead(404).end())
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const wsBase = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`
  const ticketFor = (userId: string) => tickets.issue({ userId, workspaceId: WORKSPACE })
  return {
    wsBase,
    collab,
    store,
    ticketFor,
    open: (userId, docName) => openRaw(`${wsBase}/ws/${WORKSPACE}/${encodeURIComponent(docName)}?ticket=${ticketFor(userId)}`),
    close: async () => {
      await collab.close()
      http.closeAllConnections()
      await new Promise((resolve) => http.close(resolve))
    },
  }
}

/** Opens a raw `ws` socket from `origin`; resolves once it is open (101), rejects with the refusal status. */
export function openRaw(url: string, origin: string = ORIGIN): Promise<RawSocket> {
  // These sockets read the server's typed errors and acknowledgements, which only go to clients that ask (QUIET1).
  const withExtensions = new URL(url)
  if (!withExtensions.searchParams.has('ext')) withExtensions.searchParams.set('ext', '1')
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(withExtensions, { origin })
    ws.binaryType = 'arraybuffer'
    const received: Uint8Array[] = []
    let sentAt = performance.now()
    const closed = new Promise<{ code: number; afterMs: number }>((done) => ws.once('close', (code) => done({ code, afterMs: performance.now() - sentAt })))
    ws.on('message', (data) => received.push(new Uint8Array(data as ArrayBuffer)))
    // A socket the server closes abruptly may error on the client side: the close code says enough.
    ws.on('error', () => {})
    ws.once('open', () => resolve({ ws, received, closed, markSent: () => (sentAt = performance.now()) }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
}

/** Waits for a close, failing after `timeoutMs` (a generous bound, not the promise being measured). */
export async function closedWithin(socket: RawSocket, timeoutMs = 2000): Promise<{ code: number; afterMs: number }> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not closed within ${timeoutMs} ms`)), timeoutMs)))
  try {
    return await Promise.race([socket.closed, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** A frame: message type then the body written by `write`. */
export function frame(type: number, write: (encoder: encoding.Encoder) => void = () => {}): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** A sync message (step 0 = step 1, 1 = step 2, 2 = update) carrying `payload`. */
export const syncFrame = (step: number, payload: Uint8Array): Uint8Array =>
  frame(MESSAGE.sync, (encoder) => {
    encoding.writeVarUint(encoder, step)
    encoding.writeVarUint8Array(encoder, payload)
  })

export const awarenessFrame = (update: Uint8Array): Uint8Array => frame(MESSAGE.awareness, (encoder) => encoding.writeVarUint8Array(encoder, update))

/**
 * The control client of the bad-input cases: an editor typing unique tokens through the stock
 * provider while a second provider watches. `check()` types one more token and waits until the
 * watcher has it; `stop()` ends the background typing and returns every token typed.
 */
export class ControlClient {
  private readonly writer: { doc: Y.Doc; provider: WebsocketProvider }
  private readonly watcher: { doc: Y.Doc; provider: WebsocketProvider }
  private readonly typed: string[] = []
  private timer: ReturnType<typeof setInterval> | null = null
  /** Close codes the control connections got (should stay empty). */
  readonly closeCodes: number[] = []

  constructor(
    private readonly bare: BareCollab,
    userId: string,
    docName: string,
  ) {
    this.writer = this.provider(userId, docName)
    this.watcher = this.provider(userId, docName)
  }

  private provider(userId: string, docName: string) {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`${this.bare.wsBase}/ws/${WORKSPACE}`, docName, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { ticket: this.bare.ticketFor(userId), schema: String(SCHEMA_VERSION), ext: '1' },
      disableBc: true,
    })
    // The control client must never be dropped: count it if it is (a spent ticket cannot reconnect).
    provider.on('connection-close', (event: CloseEvent | null) => this.closeCodes.push(event?.code ?? 0))
    return { doc, provider }
  }

  /** The Yjs client id the control client types under: the victim of clock burning in the fuzz. */
  get writerClientId(): number {
    return this.writer.doc.clientID
  }

  async start(intervalMs = 25): Promise<void> {
    await waitFor(() => this.writer.provider.synced && this.watcher.provider.synced, { message: 'control clients synced' })
    this.timer = setInterval(() => this.type(), intervalMs)
  }

  private type(): string {
    const token = `tok-control-${this.typed.length}`
    this.typed.push(token)
    // A paragraph of its own per token: fuzzed edits by other editors may reshape the others.
    const doc = this.writer.doc
    doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(` ${token} `)])
      contentOf(doc).push([paragraph])
    })
    return token
  }

  /** Types a token now and waits until the watcher (another connection) received it. */
  async check(): Promise<void> {
    const token = this.type()
    await waitFor(() => tokensIn(this.watcher.doc).has(token), {
      message: `control token ${token} relayed (control closes: ${this.closeCodes.join(', ') || 'none'})`,
      timeoutMs: 5000,
    })
  }

  /** Stops typing, waits until the watcher has every token, and returns how many there were. */
  async stop(): Promise<number> {
    if (this.timer) clearInterval(this.timer)
    await this.check()
    const seen = tokensIn(this.watcher.doc)
    await waitFor(() => this.typed.every((t) => seen.has(t)), { message: 'every control token relayed' })
    return this.typed.length
  }

  destroy(): void {
    if (this.timer) clearInterval(this.timer)
    this.writer.provider.destroy()
    this.watcher.provider.destroy()
  }
}

/** The event loop's delay while `run` runs, in milliseconds (max and p99). */
export async function watchEventLoop<T>(run: () => Promise<T>): Promise<{ result: T; maxMs: number; p99Ms: number }> {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  try {
    const result = await run()
    return { result, maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 }
  } finally {
    histogram.disable()
  }
}

/** `global.gc` without restarting node with --expose-gc (V8 lets a flag be set at run time). */
export function forceGc(): () => void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  return () => {
    gc()
    gc()
  }
}

export const heapMb = (): number => process.memoryUsage().heapUsed / 2 ** 20
export const rssMb = (): number => process.memoryUsage().rss / 2 ** 20

/** Figures of a run, printed for docs/RELIABILITY.md. */
export function report(rule: string, figures: Record<string, unknown>): void {
  console.log(`[figures] ${rule} ${JSON.stringify(figures)}`)
}
