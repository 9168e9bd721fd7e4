/**
 * Where Ensemble's memory per idle connection goes: JS heap snapshots of the server (after a full GC)
 * before and after 1,000 idle providers over 20 documents, compared by object kind, next to the RSS
 * growth the suite's memory measure reports. Run: `cd test && node --import tsx bench/heapPerConnection.ts`.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { connectMany } from './loadGenerator.ts'
import { collectGarbage, rssKb } from './proc.ts'
import { sleep } from './stats.ts'
import { launchEnsemble } from './targets/ensemble.ts'

const CONNECTIONS = 1_000
const DOCS = 20
const dir = mkdtempSync(path.join(tmpdir(), 'ensemble-heap-'))
const snapshots = () => readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'))

/** A heap snapshot after a full GC (SIGUSR1 → --heapsnapshot-signal), once its file is complete. */
async function snapshot(pid: number): Promise<Map<string, { count: number; bytes: number }>> {
  await collectGarbage(pid)
  const known = snapshots().length
  process.kill(pid, 'SIGUSR1')
  let file: string | undefined
  while (!file) {
    await sleep(500)
    file = snapshots()[known]
  }
  for (;;) {
    try {
      return byKind(JSON.parse(readFileSync(path.join(dir, file), 'utf8')))
    } catch {
      await sleep(500) // still being written
    }
  }
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
  nodes: number[]
  strings: string[]
}

/** Self size and count per (type, constructor name). */
function byKind(heap: HeapSnapshot): Map<string, { count: number; bytes: number }> {
  const fields = heap.snapshot.meta.node_fields
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number]
  const kinds = new Map<string, { count: number; bytes: number }>()
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const key = `${heap.snapshot.meta.node_types[0][heap.nodes[i + type]!]}:${heap.strings[heap.nodes[i + name]!]!.slice(0, 50)}`
    const kind = kinds.get(key) ?? { count: 0, bytes: 0 }
    kind.count++
    kind.bytes += heap.nodes[i + size]!
    kinds.set(key, kind)
  }
  return kinds
}

const total = (kinds: Map<string, { bytes: number }>) => [...kinds.values()].reduce((sum, k) => sum + k.bytes, 0)

process.env.BENCH_ENSEMBLE_NODE_ARGS = `--heapsnapshot-signal=SIGUSR1 --diagnostic-dir=${dir}`
// gcOnSignal.mjs writes process.memoryUsage() here after each forced GC: heap, external, array buffers.
const usageFile = path.join(dir, 'memory-usage.json')
process.env.BENCH_MEMORY_REPORT = usageFile
const usage = () => JSON.parse(readFileSync(usageFile, 'utf8')) as Record<string, number>
const target = await launchEnsemble()
const docNames = Array.from({ length: CONNECTIONS }, (_, i) => `minutes:heap-idle${i % DOCS}`)
const warm = await connectMany(target, docNames.slice(0, DOCS)) // the rooms exist before the baseline
const before = await snapshot(target.pid)
const rssBefore = rssKb(target.pid)
const usageBefore = usage()
const clients = await connectMany(target, docNames)
await sleep(1_000)
const after = await snapshot(target.pid)
const rssAfter = rssKb(target.pid)
const usageAfter = usage()
console.log(
  `${CONNECTIONS} idle connections: JS heap +${((total(after) - total(before)) / CONNECTIONS / 1024).toFixed(1)} KB, RSS +${((rssAfter - rssBefore) / CONNECTIONS).toFixed(1)} KB per connection`,
)
console.log(
  `process.memoryUsage() per connection: ${Object.keys(usageAfter)
    .map((field) => `${field} ${((usageAfter[field]! - usageBefore[field]!) / CONNECTIONS / 1024).toFixed(1)} KB`)
    .join(', ')}`,
)
const growth = [...after].map(([kind, a]) => ({ kind, bytes: a.bytes - (before.get(kind)?.bytes ?? 0), count: a.count - (before.get(kind)?.count ?? 0) }))
for (const { kind, bytes, count } of growth.sort((x, y) => y.bytes - x.bytes).slice(0, 20)) {
  console.log(`${(bytes / CONNECTIONS).toFixed(0).padStart(6)} B/connection ${String(count).padStart(7)} × ${kind}`)
}
for (const client of [...warm, ...clients]) client.destroy()
await target.stop()
process.exit(0)
