import { connectMany, stampEdit } from './loadGenerator.ts'
import { collectGarbage, rssKb } from './proc.ts'
import { inBatches, sleep } from './stats.ts'
import type { Target } from './targets/target.ts'

const SETTLE_MS = 1_000

export interface IdleResult {
  connections: number
  rssBeforeKb: number
  /** RSS once the first half of the connections is open. */
  rssHalfKb: number
  rssKb: number
  /** What each connection of the second half added: the marginal cost, without one-time costs. */
  kbPerConnection: number
  /** (rssKb − rssBeforeKb) / connections: includes what the first connections cost once (heap reserved, code compiled, pools). */
  kbPerConnectionAll: number
}

/**
 * Server memory per idle connection: `count` providers spread over `docs` documents, connected and
 * left alone, in two halves. The figure is the second half's growth per connection: the first
 * connections to a fresh server also pay for what a server sets up once (V8 reserves heap, compiles
 * the connection path, allocators grow their pools), which is not a cost per connection.
 */
export async function idleConnections(target: Target, tag: string, count: number, docs: number): Promise<IdleResult> {
  const rssNow = async () => {
    await sleep(SETTLE_MS)
    await collectGarbage(target.pid)
    return rssKb(target.pid)
  }
  const docNames = Array.from({ length: count }, (_, i) => `minutes:${tag}-idle${i % docs}`)
  const half = Math.floor(count / 2)
  await collectGarbage(target.pid)
  const rssBeforeKb = rssKb(target.pid)
  const clients = await connectMany(target, docNames.slice(0, half))
  const rssHalfKb = await rssNow()
  clients.push(...(await connectMany(target, docNames.slice(half))))
  const rss = await rssNow()
  for (const client of clients) client.destroy()
  return {
    connections: count,
    rssBeforeKb,
    rssHalfKb,
    rssKb: rss,
    kbPerConnection: (rss - rssHalfKb) / (count - half),
    kbPerConnectionAll: (rss - rssBeforeKb) / count,
  }
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
 * last reading waits for the server to unload idle documents (Ensemble: ROOM_IDLE_MS = 1 s).
 */
export async function openClose(target: Target, tag: string, opens: number, unloadMs: number): Promise<OpenCloseResult> {
  const openOnce = async (i: number) => {
    const [client] = await connectMany(target, [`minutes:${tag}-oc${i}`])
    stampEdit(client!) // sent at once: it leaves before the socket's close frame
    client!.destroy()
  }
  const warmup = Math.max(10, Math.floor(opens / 50))
  await inBatches(Array.from({ length: warmup }, (_, i) => i), 10, (i) => openOnce(-1 - i))
  await sleep(unloadMs)
  await collectGarbage(target.pid)
  const baselineKb = rssKb(target.pid)
  await inBatches(Array.from({ length: opens }, (_, i) => i), 25, (i) => openOnce(i))
  await sleep(unloadMs)
  await collectGarbage(target.pid)
  const afterKb = rssKb(target.pid)
  return { opens, baselineKb, afterKb, growth: afterKb / baselineKb - 1 }
}
