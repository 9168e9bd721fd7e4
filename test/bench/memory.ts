import { connectMany, stampEdit } from './loadGenerator.ts'
import { rssKb } from './proc.ts'
import { inBatches, sleep } from './stats.ts'
import type { Target } from './targets/target.ts'

const SETTLE_MS = 1_000

export interface IdleResult {
  connections: number
  rssBeforeKb: number
  rssKb: number
  kbPerConnection: number
}

/** Server memory per idle connection: `count` providers spread over `docs` documents, connected and left alone. */
export async function idleConnections(target: Target, tag: string, count: number, docs: number): Promise<IdleResult> {
  const rssBeforeKb = rssKb(target.pid)
  const clients = await connectMany(target, Array.from({ length: count }, (_, i) => `minutes:${tag}-idle${i % docs}`))
  await sleep(SETTLE_MS)
  const rss = rssKb(target.pid)
  for (const client of clients) client.destroy()
  return { connections: count, rssBeforeKb, rssKb: rss, kbPerConnection: (rss - rssBeforeKb) / count }
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
  const baselineKb = rssKb(target.pid)
  await inBatches(Array.from({ length: opens }, (_, i) => i), 25, (i) => openOnce(i))
  await sleep(unloadMs)
  const afterKb = rssKb(target.pid)
  return { opens, baselineKb, afterKb, growth: afterKb / baselineKb - 1 }
}
