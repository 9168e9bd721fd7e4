import type { DashboardSpec } from './dashboard.ts'
import type { LoadSpec } from './loadGenerator.ts'
import type { LoopSpec } from './loopStalls.ts'
import type { SavedAckSpec } from './savedAck.ts'

/** What one run of the suite measures; `pnpm bench` runs FULL, BENCH_SMOKE=1 the short SMOKE. */
export interface SuiteConfig {
  mode: 'full' | 'smoke'
  repeats: number
  loads: LoadSpec[]
  large: { actions: number; agreementBytes: number; joins: number }
  stall: { spec: LoadSpec; joiners: number }
  /** `waitMs`: how long a memory reading may wait for the server's young generation to shrink (memory.ts idleRssKb). */
  idle: { connections: number; docs: number; waitMs: number }
  openClose: { opens: number; unloadMs: number }
  browserRounds: number
  /** The map of actors in Chromium (MAP9): how many actors, and how many cold opens. */
  actorsMap: { actors: number; rounds: number }
  /** The "saved" acknowledgement's latency (Ensemble only). */
  savedAck: SavedAckSpec
  /** Arguments of rules.ts: actions, updates, rounds. */
  rulesArgs: string[]
  /** Other documents' edits while a large plan's history is read and while it opens cold (issue 26, items 5 and 6). */
  loop: LoopSpec
  /** The dashboard of the large alliance, computed, served and painted (issue 18, DASH10). */
  dashboard: DashboardSpec
}

const load = (
  id: string,
  docs: number,
  clientsPerDoc: number,
  editsPerSecond: number,
  presencePerSecond: number,
  warmupMs: number,
  measureMs: number,
): LoadSpec => ({
  id,
  docs,
  clientsPerDoc,
  editsPerSecond,
  presencePerSecond,
  warmupMs,
  measureMs,
})

/**
 * Rates are chosen so the load generator (one core, every client in one process) stays well below
 * saturation: the edit rate falls as the fan-out grows.
 */
export const FULL: SuiteConfig = {
  mode: 'full',
  repeats: 2,
  loads: [
    load('1 doc × 10', 1, 10, 100, 0, 2_000, 6_000),
    load('1 doc × 50', 1, 50, 40, 0, 2_000, 6_000),
    load('1 doc × 200', 1, 200, 10, 0, 2_000, 6_000),
    load('50 docs × 4', 50, 4, 500, 0, 2_000, 6_000),
    load('1 doc × 50 + presence', 1, 50, 20, 20, 2_000, 6_000),
  ],
  large: { actions: 5_000, agreementBytes: 200_000, joins: 2 },
  stall: { spec: load('10 clients editing while 20 join', 1, 10, 50, 0, 1_000, 1_000), joiners: 20 },
  idle: { connections: 1_000, docs: 20, waitMs: 30_000 },
  openClose: { opens: 5_000, unloadMs: 3_000 },
  browserRounds: 1,
  actorsMap: { actors: 1_000, rounds: 3 },
  savedAck: { docs: 50, clientsPerDoc: 2, updatesPerSecond: 1_000, warmupMs: 2_000, measureMs: 6_000 },
  rulesArgs: ['5000', '2000', '3'],
  // BENCH_LOOP_ACTIONS: another plan size for the event-loop part (the is 50,000).
  loop: { actions: Number(process.env.BENCH_LOOP_ACTIONS ?? 50_000), perRow: 1_000, load: load('5 docs × 4, other documents', 5, 4, 100, 0, 1_000, 3_000) },
  dashboard: { actions: 5_000, objectives: 200, indicators: 500, valuesPerIndicator: 36, requests: 200, computeRounds: 10 },
}

export const SMOKE: SuiteConfig = {
  mode: 'smoke',
  repeats: 1,
  loads: FULL.loads.map((spec) => {
    const docs = Math.min(spec.docs, 5)
    const clientsPerDoc = Math.min(spec.clientsPerDoc, 8)
    return { ...spec, id: `${spec.id} (smoke: ${docs} × ${clientsPerDoc})`, docs, clientsPerDoc, warmupMs: 200, measureMs: 500 }
  }),
  large: { actions: 200, agreementBytes: 10_000, joins: 1 },
  stall: { spec: { ...FULL.stall.spec, clientsPerDoc: 4, warmupMs: 200, measureMs: 300 }, joiners: 4 },
  idle: { connections: 30, docs: 3, waitMs: 0 },
  openClose: { opens: 30, unloadMs: 1_200 },
  browserRounds: 1,
  actorsMap: { actors: 200, rounds: 1 },
  savedAck: { docs: 5, clientsPerDoc: 2, updatesPerSecond: 100, warmupMs: 200, measureMs: 500 },
  rulesArgs: ['100', '100', '1'],
  loop: { actions: 2_000, perRow: 500, load: load('2 docs × 2, other documents (smoke)', 2, 2, 50, 0, 200, 500) },
  dashboard: { actions: 200, objectives: 20, indicators: 20, valuesPerIndicator: 12, requests: 10, computeRounds: 2 },
}
