import { monitorEventLoopDelay } from 'node:perf_hooks'
import { MESSAGE, readSaved, STORAGE_STATE } from '@ensemble/shared'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { stampEdit } from './loadGenerator.ts'
import { inBatches, latencyOf, sleep, type Latency } from './stats.ts'
import type { EnsembleTarget } from './targets/ensemble.ts'
import { READY_TIMEOUT_MS } from './targets/yWebsocketClient.ts'

export interface SavedAckSpec {
  docs: number
  clientsPerDoc: number
  /** Edits per second, all clients together (round robin). */
  updatesPerSecond: number
  warmupMs: number
  measureMs: number
}

export interface SavedAckResult {
  spec: SavedAckSpec
  /** From an edit's send until the "saved" message (type 101) that counts it reaches its author. */
  latency: Latency
  /** Edits acknowledged per second of the window (below the offered rate when the server lags). */
  acksPerSecond: number
  /**
   * The load generator's own event-loop delay over the window (ms): an ack is timed when this
   * process reads it, so a stall here (its GC, say) shows in the latency as if the server lagged.
   */
  loadGeneratorDelay: { p99: number; max: number }
}

/** One author: when each of its edits was sent, and how many of its updates the server said are saved. */
interface Author {
  client: DocClient
  /** Updates it sent before its first edit (the provider's sync step 2), counted by the server too. */
  offset: number
  saved: number
  sentAt: number[]
  acked: number
}

/**
 * "Saved" acknowledgement latency (issue 8: p99 ≤ 5 ms at 1,000 updates/s across 50 documents), on
 * Ensemble only (the other servers have no such message). Real providers, `clientsPerDoc` per
 * document so each edit is also broadcast; every edit is one update (the send time typed into a
 * paragraph, as in the fan-out loads). The server counts the updates each connection sent that are
 * stored; edit i of an author is saved once that count reaches offset + i + 1.
 */
export async function savedAckLatency(ensemble: EnsembleTarget, spec: SavedAckSpec, tag: string): Promise<SavedAckResult> {
  const docNames = Array.from({ length: spec.docs }, (_, d) => `minutes:${tag}-d${d}`)
  const window = { measuring: false, latencies: [] as number[] }
  const authors = await inBatches(
    docNames.flatMap((name) => Array<string>(spec.clientsPerDoc).fill(name)),
    25,
    async (docName): Promise<Author> => {
      const client = await connectDoc(ensemble.admin.client, ensemble.workspaceId, docName)
      const author: Author = { client, offset: 0, saved: 0, sentAt: [], acked: 0 }
      client.provider.messageHandlers[MESSAGE.saved] = (_encoder, decoder) => {
        const { saved, storage } = readSaved(decoder)
        if (storage !== STORAGE_STATE.ok) return
        author.saved = saved
        const now = performance.now()
        // Every edit this count covers is now durable.
        while (author.acked < author.sentAt.length && author.offset + author.acked < saved) {
          if (window.measuring) window.latencies.push(now - author.sentAt[author.acked]!)
          author.acked++
        }
      }
      await client.synced()
      // The provider answered the server's sync step 1 with its (empty) sync step 2: one update.
      await waitFor(() => author.saved >= 1, { timeoutMs: READY_TIMEOUT_MS, message: `${docName} first saved` })
      author.offset = author.saved
      return author
    },
  )

  const started = performance.now()
  let edits = 0
  const sender = setInterval(() => {
    const due = Math.floor(spec.updatesPerSecond * ((performance.now() - started) / 1000))
    while (edits < due) {
      const author = authors[edits++ % authors.length]!
      author.sentAt.push(performance.now())
      // One transaction, so one update, even when it first creates the paragraph.
      author.client.doc.transact(() => stampEdit(author.client))
    }
  }, 5)
  await sleep(spec.warmupMs)
  const delay = monitorEventLoopDelay({ resolution: 1 })
  delay.enable()
  window.measuring = true
  const measureStart = performance.now()
  await sleep(spec.measureMs)
  window.measuring = false
  delay.disable()
  const seconds = (performance.now() - measureStart) / 1000
  clearInterval(sender)
  for (const author of authors) author.client.destroy()
  return {
    spec,
    latency: latencyOf(window.latencies),
    acksPerSecond: window.latencies.length / seconds,
    loadGeneratorDelay: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
  }
}
