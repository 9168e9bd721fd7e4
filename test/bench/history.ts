/**
 * The cost of history, read from the update log alone (no snapshot): replaying a rich text of N rows,
 * grouping it into sessions, the same through the history service's session cache (a request that
 * finds one new row replays that row alone, HIST6), and the field history of one plan action among
 * 100. Prints figures only; nothing here asserts timings.
 *
 *   node --import tsx bench/history.ts   (from test/) [textRows=10000] [planRows=5000]
 */
import { actionsOf, buildAction, contentOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { actionFieldHistory, groupSessions, SessionCache, sessionsOf, stateAt } from '@ensemble/server/domain'
import type { LogRow } from '@ensemble/server/storage'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'

const [textRows = 10_000, planRows = 5_000] = process.argv.slice(2).map(Number)

/** One log row per transaction, three authors taking turns, a second apart. */
function rowsOf(n: number, edit: (doc: Y.Doc, i: number) => void): LogRow[] {
  const doc = new Y.Doc()
  const rows: LogRow[] = []
  let last: Uint8Array | null = null
  doc.on('update', (update: Uint8Array) => (last = update))
  for (let i = 0; i < n; i++) {
    doc.transact(() => edit(doc, i))
    rows.push({ id: i + 1, authorId: `u${i % 3}`, createdAt: i * 1000, data: last! })
  }
  return rows
}

const time = async (label: string, run: () => unknown) => {
  const start = performance.now()
  await run()
  const ms = performance.now() - start
  console.log(`${label}: ${ms < 10 ? ms.toFixed(2) : Math.round(ms)} ms`)
}

const text = rowsOf(textRows, (doc, i) => {
  const content = contentOf(doc)
  if (i === 0) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('')])
    content.insert(0, [paragraph])
  } else ((content.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(i - 1, 'a')
})
await time(`replay ${textRows} rich-text rows`, () => stateAt(text).destroy())
await time(`sessions of ${textRows} rich-text rows`, () => sessionsOf(text, 'agreement'))

// The history request as the service serves it, before (read the whole log, replay it) and after
// the cache (read and replay the rows since the last request): median of 5 requests, each after one new row.
const key = { workspaceId: 'w1', docName: 'agreement' }
const store = new MemoryDocStore()
const held = 5
store.rows(key).push(...text.slice(0, -held))
const median = async (label: string, run: () => Promise<unknown>) => {
  const times: number[] = []
  for (let i = 0; i < held; i++) {
    store.rows(key).push(text[text.length - held + i]!)
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  store.rows(key).splice(-held, held)
  const ms = times.sort((a, b) => a - b)[Math.floor(held / 2)]!
  console.log(`${label}: ${ms < 10 ? ms.toFixed(2) : Math.round(ms)} ms (median of ${held})`)
}
await median(`history request before (no cache): read ${textRows} rows + replay them all`, async () => sessionsOf(await store.log(key), 'agreement'))
const cache = new SessionCache(store)
await time(`history request after, cold (first request of the document): ${textRows - held} rows`, async () => groupSessions(await cache.touches(key)))
await median(`history request after (cache), 1 new row`, async () => groupSessions(await cache.touches(key)))
const plan = rowsOf(planRows, (doc, i) => {
  if (i < 100) actionsOf(doc).set(`a${i}`, buildAction({ title: `Action ${i}`, order: `a${i}` }))
  else
    actionsOf(doc)
      .get(`a${i % 100}`)!
      .set('progress', i % 100)
})
await time(`field history of one action among 100, ${planRows} plan rows`, () => actionFieldHistory(plan, 'a7'))
