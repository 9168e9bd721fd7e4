/**
 * The cost of history, read from the update log alone (no snapshot): replaying a rich text of N rows,
 * grouping it into sessions, and the field history of one plan action among 100. Prints figures
 * only; nothing here asserts timings.
 *
 *   node --import tsx bench/history.ts   (from test/) [textRows=10000] [planRows=5000]
 */
import { actionsOf, buildAction, contentOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { actionFieldHistory } from '../../server/src/history/fieldHistory.ts'
import { stateAt } from '../../server/src/history/replay.ts'
import { sessionsOf } from '../../server/src/history/sessions.ts'
import type { LogRow } from '../../server/src/storage/docStore.ts'

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

const time = (label: string, run: () => unknown) => {
  const start = performance.now()
  run()
  console.log(`${label}: ${Math.round(performance.now() - start)} ms`)
}

const text = rowsOf(textRows, (doc, i) => {
  const content = contentOf(doc)
  if (i === 0) {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('')])
    content.insert(0, [paragraph])
  } else ((content.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(i - 1, 'a')
})
time(`replay ${textRows} rich-text rows`, () => stateAt(text).destroy())
time(`sessions of ${textRows} rich-text rows`, () => sessionsOf(text, 'agreement'))
const plan = rowsOf(planRows, (doc, i) => {
  if (i < 100) actionsOf(doc).set(`a${i}`, buildAction({ title: `Action ${i}`, order: `a${i}` }))
  else actionsOf(doc).get(`a${i % 100}`)!.set('progress', i % 100)
})
time(`field history of one action among 100, ${planRows} plan rows`, () => actionFieldHistory(plan, 'a7'))
