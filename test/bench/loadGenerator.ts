import { contentOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { waitFor } from '../helpers/waitFor.ts'
import { cursorAt } from '../helpers/presence.ts'
import { cpuTimes, rssKb } from './proc.ts'
import { inBatches, latencyOf, sleep, type Latency } from './stats.ts'
import type { BenchClient, Target } from './targets/target.ts'
import { READY_TIMEOUT_MS } from './targets/yWebsocketClient.ts'

/** A load: `docs` documents with `clientsPerDoc` providers each, edits and presence at fixed total rates. */
export interface LoadSpec {
  id: string
  docs: number
  clientsPerDoc: number
  /** Edits per second, all clients together (round robin). */
  editsPerSecond: number
  /** Presence (awareness) changes per second, all clients together; 0 for none. */
  presencePerSecond: number
  warmupMs: number
  measureMs: number
}

export interface LoadResult {
  connections: number
  latency: Latency
  editDeliveries: number
  presenceDeliveries: number
  deliveriesPerSecond: number
  cpuMicrosPerDelivery: number
  /** The user-time part of it (the rest is system time: socket writes, fsyncs). */
  cpuUserMicrosPerDelivery: number
  /** The server's main thread only (user + system); the rest is its other threads: a writer, V8's helpers. */
  cpuMainThreadMicrosPerDelivery: number
  rssKb: number
  kbPerConnection: number
}

const STAMP = /(\d+\.\d+);/g
const CONNECT_CONCURRENCY = 25

/**
 * Edits are typed into one paragraph of the rich-text layout (a shape every target accepts and
 * Ensemble's rules validate): each inserts `<send time in ms>;` at the start, read back by every
 * receiver from the insert it observes to compute the fan-out latency (all clients share this
 * process's clock).
 */
function paragraphText(doc: Y.Doc): Y.XmlText | undefined {
  const paragraph = contentOf(doc).get(0)
  return paragraph instanceof Y.XmlElement ? (paragraph.get(0) as Y.XmlText | undefined) : undefined
}

function createParagraph(doc: Y.Doc): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('')])
  contentOf(doc).insert(0, [paragraph])
}

/** Connects `count` clients to `docName`, in batches, and waits until each is ready. */
export async function connectMany(target: Target, docNames: readonly string[]): Promise<BenchClient[]> {
  return inBatches(docNames, CONNECT_CONCURRENCY, async (docName) => {
    const client = await target.connect(docName)
    await client.ready()
    return client
  })
}

/** Makes one edit (the send time) in the client's paragraph, creating the paragraph if needed. */
export function stampEdit(client: Pick<BenchClient, 'doc'>): void {
  if (!paragraphText(client.doc)) createParagraph(client.doc)
  paragraphText(client.doc)!.insert(0, `${performance.now().toFixed(3)};`)
}

/** Which measurement window we are in: receipts count only while measuring. */
interface Window {
  measuring: boolean
  latencies: number[]
  edits: number
  presence: number
}

/**
 * Runs one load on one target: connects the clients (documents `<tag>-d<i>`), waits until each
 * document's paragraph reached all its clients, then sends edits (and presence changes) at the spec's
 * rates through a warm-up and a measured window. The server's CPU time and deliveries are read over
 * the measured window only. `during` runs at the start of the measured window, which then lasts
 * until both it and `measureMs` are over.
 */
export async function runLoad(target: Target, spec: LoadSpec, tag: string, during?: () => Promise<unknown>): Promise<LoadResult> {
  const rssBefore = rssKb(target.pid)
  const docNames = Array.from({ length: spec.docs }, (_, d) => `minutes:${tag}-d${d}`)
  const clients = await connectMany(
    target,
    docNames.flatMap((name) => Array<string>(spec.clientsPerDoc).fill(name)),
  )
  const byDoc = docNames.map((_, d) => clients.slice(d * spec.clientsPerDoc, (d + 1) * spec.clientsPerDoc))
  for (const group of byDoc) createParagraph(group[0]!.doc)
  await waitFor(() => clients.every((c) => paragraphText(c.doc)), { timeoutMs: READY_TIMEOUT_MS, message: 'paragraph everywhere' })

  const window: Window = { measuring: false, latencies: [], edits: 0, presence: 0 }
  for (const client of clients) {
    paragraphText(client.doc)!.observe((event) => {
      if (event.transaction.local || !window.measuring) return
      const now = performance.now()
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue
        for (const m of op.insert.matchAll(STAMP)) {
          window.latencies.push(now - Number(m[1]))
          window.edits++
        }
      }
    })
    const own = client.awareness.clientID
    client.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (!window.measuring || origin === 'local') return
      for (const id of [...added, ...updated]) if (id !== own) window.presence++
    })
  }

  // Senders: due = rate × elapsed, so a late timer catches up rather than lowering the rate.
  const started = performance.now()
  let edits = 0
  let moves = 0
  const sender = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000
    while (edits < Math.floor(spec.editsPerSecond * elapsed)) stampEdit(clients[edits++ % clients.length]!)
    while (moves < Math.floor(spec.presencePerSecond * elapsed)) {
      const client = clients[moves++ % clients.length]!
      client.awareness.setLocalStateField('cursor', cursorAt(moves))
    }
  }, 5)

  await sleep(spec.warmupMs)
  const cpuStart = cpuTimes(target.pid)
  const mainStart = cpuTimes(target.pid, target.pid)
  const measureStart = performance.now()
  window.measuring = true
  await Promise.all([sleep(spec.measureMs), during?.()])
  window.measuring = false
  const seconds = (performance.now() - measureStart) / 1000
  const cpuEnd = cpuTimes(target.pid)
  const mainEnd = cpuTimes(target.pid, target.pid)
  const user = cpuEnd.user - cpuStart.user
  const cpu = user + cpuEnd.system - cpuStart.system
  const mainThread = mainEnd.user + mainEnd.system - mainStart.user - mainStart.system
  clearInterval(sender)
  const rss = rssKb(target.pid)
  for (const client of clients) client.destroy()

  const deliveries = window.edits + window.presence
  return {
    connections: clients.length,
    latency: latencyOf(window.latencies),
    editDeliveries: window.edits,
    presenceDeliveries: window.presence,
    deliveriesPerSecond: deliveries / seconds,
    cpuMicrosPerDelivery: cpu / deliveries,
    cpuUserMicrosPerDelivery: user / deliveries,
    cpuMainThreadMicrosPerDelivery: mainThread / deliveries,
    rssKb: rss,
    kbPerConnection: (rss - rssBefore) / clients.length,
  }
}
