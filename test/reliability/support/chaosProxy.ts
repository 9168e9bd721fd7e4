import { createServer, type Server, type Socket, connect } from 'node:net'
import type { AddressInfo } from 'node:net'

/** How badly the proxy treats the connections it carries (all decisions come from `random`). */
export interface Chaos {
  /** Largest delay added to a chunk, in ms; each connection draws its own bound, so streams drift apart. */
  maxDelayMs: number
  /** Chance, per chunk, that the connection is cut after it (both ways). */
  cutChance: number
  /** Chance that a cut happens in the middle of the chunk (only part of it is forwarded). */
  midFrameChance: number
}

export const CALM: Chaos = { maxDelayMs: 0, cutChance: 0, midFrameChance: 0 }

/**
 * A local TCP proxy in front of the server that delays chunks (in order within a connection, so
 * frames of different connections overtake each other: the reordering TCP allows), cuts
 * connections, sometimes in the middle of a websocket frame. Seeded through `random`.
 */
export class ChaosProxy {
  cuts = 0
  midFrameCuts = 0
  connections = 0
  private readonly server: Server
  private readonly open = new Set<Socket>()

  private constructor(
    private readonly target: { host: string; port: number },
    private readonly random: () => number,
    public chaos: Chaos,
  ) {
    this.server = createServer((client) => this.carry(client))
  }

  static async start(targetUrl: string, random: () => number, chaos: Chaos): Promise<ChaosProxy> {
    const u = new URL(targetUrl)
    const proxy = new ChaosProxy({ host: u.hostname, port: Number(u.port) }, random, chaos)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private carry(client: Socket): void {
    this.connections++
    const upstream = connect(this.target.port, this.target.host)
    const sockets = [client, upstream]
    for (const s of sockets) {
      this.open.add(s)
      s.on('close', () => this.open.delete(s))
      s.on('error', () => cut())
    }
    let gone = false
    const cut = () => {
      if (gone) return
      gone = true
      for (const s of sockets) s.destroy()
    }
    const bound = this.random() * this.chaos.maxDelayMs
    const pipe = (from: Socket, to: Socket) => {
      // In order within the connection: a chunk never leaves before the one ahead of it.
      const queue: { data: Buffer | null; at: number; cutAfter: boolean }[] = []
      let timer: ReturnType<typeof setTimeout> | null = null
      const drain = () => {
        timer = null
        while (!gone && queue.length > 0 && queue[0]!.at <= Date.now()) {
          const { data, cutAfter } = queue.shift()!
          // null: the other side finished sending (after everything queued before it).
          if (data === null) to.end()
          else to.write(data)
          if (cutAfter) cut()
        }
        if (!gone && queue.length > 0) timer = setTimeout(drain, queue[0]!.at - Date.now())
      }
      from.on('data', (chunk: Buffer) => {
        const { cutChance, midFrameChance, maxDelayMs } = this.chaos
        let data = chunk
        let cutAfter = false
        if (this.random() < cutChance) {
          cutAfter = true
          this.cuts++
          if (chunk.length > 1 && this.random() < midFrameChance) {
            data = chunk.subarray(0, 1 + Math.floor(this.random() * (chunk.length - 1)))
            this.midFrameCuts++
          }
        }
        const last = queue.at(-1)?.at ?? 0
        queue.push({ data, at: Math.max(last, Date.now() + Math.min(bound, maxDelayMs) * this.random()), cutAfter })
        if (timer === null) drain()
      })
      from.on('end', () => {
        queue.push({ data: null, at: queue.at(-1)?.at ?? 0, cutAfter: false })
        if (timer === null) drain()
      })
    }
    pipe(client, upstream)
    pipe(upstream, client)
  }
}
