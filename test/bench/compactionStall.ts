/**
 * What a compaction of the large plan (5,000 actions, ~3.3 MB) costs the event loop: the longest
 * event-loop delay while SqliteDocStore.compact folds 500 updates into the snapshot (merge on the
 * Yjs thread, snapshot written by the writer thread), next to the same merge done on the event loop,
 * as compaction did before (the baseline, measured in the same run). Prints figures only.
 * Run: `cd test && node --import tsx bench/compactionStall.ts`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { migrateToLatest, openDatabase } from '@ensemble/server/db'
import { SqliteDocStore } from '@ensemble/server/storage'
import { removeDir, tempDataDir } from '../helpers/server.ts'
import { planOf } from './largeDoc.ts'
const dir = tempDataDir('compact-')
const handle = openDatabase({ dataDir: dir, databaseUrl: null })
await migrateToLatest(handle.db, handle.dialect)
const store = new SqliteDocStore(handle.sqlite!, Date.now, { writerThread: true })
const key = { workspaceId: 'w', docName: 'plan' }
const plan = planOf(5000, ['e1', 'e2', 'e3', 'e4', 'e5'], ['p1'])
await store.append(key, Y.encodeStateAsUpdate(plan), null)
const updates: Uint8Array[] = []
plan.on('update', (u: Uint8Array) => updates.push(u))
const actions = plan.getMap('actions') as Y.Map<Y.Map<unknown>>
for (let round = 0; round < 3; round++) {
  updates.length = 0
  for (let i = 0; i < 500; i++) actions.get(`a${(i * 7 + round) % 5000}`)?.set('progress', (i + round) % 100)
  await Promise.all(updates.map((u) => store.append(key, u, null)))
  const h = monitorEventLoopDelay({ resolution: 1 })
  h.enable()
  const t = performance.now()
  await store.compact(key)
  h.disable()
  console.log(`compaction ${round}: ${(performance.now() - t).toFixed(0)} ms in all, longest event-loop delay meanwhile ${(h.max / 1e6).toFixed(1)} ms`)
  const m = performance.now()
  Y.mergeUpdates([Y.encodeStateAsUpdate(plan), ...updates])
  console.log(`  baseline: the same merge on the event loop blocks it ${(performance.now() - m).toFixed(0)} ms`)
}
await store.close()
await handle.close()
removeDir(dir)
process.exit(0)
