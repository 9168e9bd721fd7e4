import { connectMany, stampEdit } from './loadGenerator.ts'
import { collectGarbage, rssKb } from './proc.ts'
import { inBatches, median, sleep } from './stats.ts'
import type { Target } from './targets/target.ts'

const SETTLE_MS = 1_000
/** The smallest young generation V8 gives a Node 20 heap (1 MB): where an idle server's ends up. */
const YOUNG_GENERATION_FLOOR_BYTES = 1 << 20

/**
 * A server's RSS once it is idle. A burst of connections grows V8's young generation from 1 MB to
 * 32 MB in every server here, and a full GC leaves it that size; V8's memory reducer gives it back
 * 8–10 s after the allocations stop. Read 1 s after a quarter connected, Ensemble's 1,000
 * connections were new space 1 → 8 → 16 → 32 MB, against +6.6 MB of old space (what the
 * connections keep): 20–30 of its ~40 KB per connection. So each reading follows a full GC, repeated
 * every second until the young generation is back to its floor, for at most `waitMs` (0: one reading).
 */
export async function idleRssKb(pid: number, waitMs: number): Promise<number> {
  const giveUpAt = Date.now() + waitMs
  for (;;) {
    const report = await collectGarbage(pid)
    if (report.youngGenerationBytes <= YOUNG_GENERATION_FLOOR_BYTES || Date.now() >= giveUpAt) return rssKb(pid)
    await sleep(SETTLE_MS)
  }
}

export interface IdleResult {
  connections: number
  rssBeforeKb: number
  /** RSS after each quarter of the connections is open. */
  rssQuartersKb: number[]
  rssKb: number
  /** The median of the last three quarters' growth per connection: the marginal cost, without one-time costs. */
  kbPerConnection: number
  /** Each quarter's growth per connection, in order. */
  kbPerConnectionByQuarter: number[]
  /** (rssKb − rssBeforeKb) / connections: includes what the first connections cost once (heap reserved, code compiled, pools). */
  kbPerConnectionAll: number
}

const QUARTERS = 4

/**
 * Server memory per idle connection: `count` providers spread over `docs` documents, connected and
 * left alone, a quarter at a time, with the server's RSS read once it is quiet and after each quarter
 * (idle: see idleRssKb, which waits up to `idleWaitMs`). The figure is the median growth per connection of the last three quarters:
 * the first connections to a fresh server also pay for what a server sets up once (V8 reserves heap,
 * compiles the connection path, allocators grow their pools), and RSS moves by steps (a heap space
 * or an allocator arena grows by megabytes at once), so a single difference of two readings swung
 * from 7 to 41 KB per connection between runs of the same build; the median of three does not.
 */
export async function idleConnections(target: Target, tag: string, count: number, docs: number, idleWaitMs: number): Promise<IdleResult> {
  const rssNow = async () => {
    await sleep(SETTLE_MS)
    return idleRssKb(target.pid, idleWaitMs)
  }
  const docNames = Array.from({ length: count }, (_, i) => `minutes:${tag}-idle${i % docs}`)
  const bounds = Array.from({ length: QUARTERS + 1 }, (_, q) => Math.round((q * count) / QUARTERS))
  const rssBeforeKb = await quiescentRssKb(target.pid, idleWaitMs)
  const clients = []
  const rssQuartersKb: number[] = []
  for (let q = 0; q < QUARTERS; q++) {
    clients.push(...(await connectMany(target, docNames.slice(bounds[q], bounds[q + 1]))))
    rssQuartersKb.push(await rssNow())
  }
  for (const client of clients) client.destroy()
  const readings = [rssBeforeKb, ...rssQuartersKb]
  const kbPerConnectionByQuarter = rssQuartersKb.map((rss, q) => (rss - readings[q]!) / (bounds[q + 1]! - bounds[q]!))
  const rss = rssQuartersKb.at(-1)!
  return {
    connections: count,
    rssBeforeKb,
    rssQuartersKb,
    rssKb: rss,
    kbPerConnection: median(kbPerConnectionByQuarter.slice(1)),
    kbPerConnectionByQuarter,
    kbPerConnectionAll: (rss - rssBeforeKb) / count,
  }
}

/**
 * The server's RSS once it stopped changing: after the large-document part a server may still be
 * unloading (and compacting) that document, and memory it frees or takes meanwhile was counted as
 * the idle connections' (−38 to +41 KB per connection on the same build, depending on timing).
 * Idle readings (idleRssKb), one settle period apart, until two agree within 1 % (at most 30 s more).
 */
async function quiescentRssKb(pid: number, idleWaitMs: number): Promise<number> {
  let previous = await idleRssKb(pid, idleWaitMs)
  for (const giveUpAt = Date.now() + 30_000; Date.now() < giveUpAt; ) {
    await sleep(SETTLE_MS)
    const now = await idleRssKb(pid, idleWaitMs)
    if (Math.abs(now - previous) <= previous * 0.01) return now
    previous = now
  }
  return previous
}

export interface OpenCloseResult {
  opens: number
  baselineKb: number
  afterKb: number
  /** afterKb / baselineKb − 1 */
  growth: number
}

/**
 * Memory after many document opens and closes: each open is a fresh document, one client that
 * syncs, makes one edit and leaves. The baseline is read after a warm-up of `opens / 50` opens; the
 * last reading waits for the server to unload idle documents (Ensemble: ROOM_IDLE_MS = 1 s). Both
 * readings are idle ones (idleRssKb).
 */
export async function openClose(target: Target, tag: string, opens: number, unloadMs: number, idleWaitMs: number): Promise<OpenCloseResult> {
  const openOnce = async (i: number) => {
    const [client] = await connectMany(target, [`minutes:${tag}-oc${i}`])
    stampEdit(client!) // sent at once: it leaves before the socket's close frame
    client!.destroy()
  }
  const warmup = Math.max(10, Math.floor(opens / 50))
  await inBatches(
    Array.from({ length: warmup }, (_, i) => i),
    10,
    (i) => openOnce(-1 - i),
  )
  await sleep(unloadMs)
  const baselineKb = await idleRssKb(target.pid, idleWaitMs)
  await inBatches(
    Array.from({ length: opens }, (_, i) => i),
    25,
    (i) => openOnce(i),
  )
  await sleep(unloadMs)
  const afterKb = await idleRssKb(target.pid, idleWaitMs)
  return { opens, baselineKb, afterKb, growth: afterKb / baselineKb - 1 }
}
