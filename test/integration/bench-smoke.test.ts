import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SMOKE } from '../bench/config.ts'
import type { SuiteResults } from '../bench/report.ts'
import { TARGET_NAMES } from '../bench/targets/target.ts'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { removeDir, tempDataDir } from '../helpers/server.ts'

const testDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

/** The short version of `pnpm bench`, run as `pnpm bench:smoke` does, into a temporary directory. */
function runSmoke(outDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/suite.ts'],
      { cwd: testDir, env: { ...process.env, BENCH_SMOKE: '1', BENCH_OUT: outDir }, maxBuffer: 1 << 24 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout)),
    )
  })
}

const finite = (n: number) => Number.isFinite(n)

// Only checks that the suite runs and fills every row: the figures come from the full run
// (docs/BENCHMARKS.md), and no timing is asserted here.
describe.skipIf(!browserTestsEnabled())('[BENCH1] the benchmark suite runs', () => {
  it('[BENCH1] [LOOP7] [DASH10] the smoke run measures every load on every server, the large document, memory, the browser, the rules, the saved acknowledgement, the event loop under history and a cold open, and the dashboard', {
    timeout: 420_000,
  }, async () => {
    const outDir = tempDataDir('ensemble-bench-smoke-')
    try {
      const output = await runSmoke(outDir)
      // A part that failed is logged, not thrown (the suite goes on): its line explains an empty row.
      const failures =
        output
          .split('\n')
          .filter((line) => line.includes('FAILED'))
          .join('\n') || 'no part failed'
      const results = JSON.parse(readFileSync(path.join(outDir, 'bench-smoke.json'), 'utf8')) as SuiteResults
      for (const spec of SMOKE.loads) {
        for (const target of TARGET_NAMES) {
          const row = results.loads.find((r) => r.scenario === spec.id && r.target === target)
          expect(row, `${spec.id} on ${target}`).toBeDefined()
          expect(row!.latency.count, `${spec.id} on ${target}: deliveries`).toBeGreaterThan(0)
          expect(
            [row!.latency.p50, row!.latency.p99, row!.deliveriesPerSecond, row!.cpuMainThreadMicrosPerDelivery, row!.rssKb].every(finite),
            `${spec.id} on ${target}`,
          ).toBe(true)
        }
      }
      const stateful = TARGET_NAMES.filter((t) => t !== 'relay')
      expect(
        results.joins.map((j) => j.target),
        failures,
      ).toEqual(stateful)
      expect(results.joins.every((j) => j.joinMs.length === SMOKE.large.joins && j.joinMs.every(finite))).toBe(true)
      expect(
        results.stalls.map((s) => s.target),
        failures,
      ).toEqual(stateful)
      expect(results.stalls.every((s) => s.joinMs.length === SMOKE.stall.joiners && s.load.latency.count > 0)).toBe(true)
      expect(
        results.idle.map((i) => i.target),
        failures,
      ).toEqual([...TARGET_NAMES])
      expect(results.openClose.every((o) => o.opens === SMOKE.openClose.opens && finite(o.growth))).toBe(true)
      expect(results.browser.map((b) => b.page).sort(), failures).toEqual(['agreement', 'plan'])
      expect(results.browser.every((b) => b.paintMs > 0 && b.interactiveMs >= b.paintMs)).toBe(true)
      // The map of actors (MAP9): painted, filtered and moved through with the keyboard.
      expect(
        results.actorsMap.map((t) => t.actors),
        failures,
      ).toEqual([SMOKE.actorsMap.actors])
      expect(results.actorsMap.every((t) => [t.paintMs, t.filterMs, t.unfilterMs, t.keyMoveMs].every((ms) => finite(ms) && ms > 0))).toBe(true)
      expect([results.rules.checkSmallUs, results.rules.checkLargeUs, results.rules.perUpdateSmallUs, results.rules.perUpdateLargeUs].every(finite)).toBe(true)
      expect(results.savedAck?.latency.count, 'saved acknowledgements timed').toBeGreaterThan(0)
      // The event loop part (LOOP7): other documents' edits alone, during four history/diff requests, during a cold open.
      const loop = results.loop
      expect(loop, failures).not.toBeNull()
      for (const row of [loop!.baseline, loop!.history, loop!.coldOpen]) expect(row.latency.count).toBeGreaterThan(0)
      expect(loop!.history.statuses).toEqual([200, 200, 200, 200])
      expect([loop!.coldOpen.joinMs, loop!.coldOpen.rssBeforeKb, loop!.coldOpen.rssPeakKb, loop!.coldOpen.rssAfterKb].every(finite)).toBe(true)
      // The dashboard part (DASH10): computed, served and painted; figures only.
      const dashboard = results.dashboard
      expect(dashboard, failures).not.toBeNull()
      expect(dashboard!.served.count).toBe(SMOKE.dashboard.requests)
      expect([dashboard!.computeMs.p50, dashboard!.firstRequestMs, dashboard!.served.p99, dashboard!.paintMs, dashboard!.chartMs].every(finite)).toBe(true)
      const markdown = readFileSync(path.join(outDir, 'bench-smoke.md'), 'utf8')
      for (const spec of SMOKE.loads) expect(markdown).toContain(`| ${spec.id} | ensemble |`)
      expect(markdown).toContain('## Targets of issue 8')
      expect(markdown).toContain('## The event loop belongs to everyone')
      expect(markdown).toContain('## Dashboard (Ensemble')
    } finally {
      removeDir(outDir)
    }
  })
})
