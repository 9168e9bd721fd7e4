/**
 * `pnpm bench` (BENCH_SMOKE=1 or `pnpm bench:smoke` for the short version): the benchmark suite of
 * issue 8, described in docs/BENCHMARKS.md. Starts the four servers (bare relay, y-websocket
 * reference, Hocuspocus, Ensemble) each pinned to core 1, pins itself (the load generator) to core 0,
 * runs every measure on every server, then writes JSON and markdown to `test/bench/results/` (or
 * BENCH_OUT). Targets are compared and printed, never asserted.
 */
import { execFile } from 'node:child_process'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { ensureClientBuilt } from '../helpers/browser.ts'
import { actorsMapTimes } from './actorsMap.ts'
import { browserTimes } from './browserTimes.ts'
import { FULL, SMOKE } from './config.ts'
import { dashboardTimes } from './dashboard.ts'
import { loadAndJoin } from './joins.ts'
import { largeSeed } from './largeDoc.ts'
import { runLoad } from './loadGenerator.ts'
import { idleConnections, openClose } from './memory.ts'
import { LOADGEN_CORE, pin } from './proc.ts'
import { savedAckLatency } from './savedAck.ts'
import { checkTargets, writeReport, type LoadRow, type SuiteResults } from './report.ts'
import { joinWhileEditing } from './stall.ts'
import { loopStalls } from './loopStalls.ts'
import { launchEnsemble } from './targets/ensemble.ts'
import { launchHocuspocus } from './targets/hocuspocus.ts'
import { launchReference } from './targets/reference.ts'
import { launchRelay } from './targets/relay.ts'
import type { Target } from './targets/target.ts'

const here = path.dirname(new URL(import.meta.url).pathname)
const config = process.env.BENCH_SMOKE === '1' ? SMOKE : FULL
/**
 * Filters for running one measure while working on it (the full suite takes 20–40 minutes):
 * BENCH_ONLY=fanout,large,memory,browser,actors,rules,saved,dashboard,loop (parts), BENCH_TARGETS=relay,ensemble (servers),
 * BENCH_LOADS=<text in the load's id>, e.g. `BENCH_ONLY=fanout BENCH_TARGETS=relay,ensemble BENCH_LOADS='50 docs'`.
 * Unset, everything runs. BENCH_ENSEMBLE_NODE_ARGS go to Ensemble's node (e.g. `--cpu-prof`).
 */
const listOf = (name: string): string[] | null =>
  process.env[name]
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? null
const onlyParts = listOf('BENCH_ONLY')
const onlyTargets = listOf('BENCH_TARGETS')
const onlyLoads = listOf('BENCH_LOADS')
const runs = (part: string) => onlyParts === null || onlyParts.includes(part)
// A filtered run does not overwrite the committed report of a whole run.
const filtered = onlyParts !== null || onlyTargets !== null || onlyLoads !== null
const outDir = process.env.BENCH_OUT ?? (filtered ? path.join(tmpdir(), 'ensemble-bench') : path.join(here, 'results'))
const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)
const started = performance.now()
const loadStart = loadavg()

await pin(process.pid, LOADGEN_CORE)
process.setMaxListeners(0) // every y-websocket provider listens for the process' exit
const wanted = (name: Target['name']) => onlyTargets === null || onlyTargets.includes(name)
// The relay is the floor every ratio divides by, and Ensemble hosts the alliance: both always start.
const relay = await launchRelay()
const reference = wanted('reference') ? await launchReference() : null
const hocuspocus = wanted('hocuspocus') ? await launchHocuspocus() : null
// Ensemble serves client/dist only if it exists when it starts: build it first (a fresh clone has none).
if (runs('browser') || runs('dashboard') || runs('actors')) ensureClientBuilt()
const ensemble = await launchEnsemble()
const targets: Target[] = [relay, reference, hocuspocus, ensemble].filter((t): t is Target => t !== null && wanted(t.name))
log(`${config.mode} run; servers up: ${targets.map((t) => `${t.name} (pid ${t.pid})`).join(', ')}`)

/** Failures of single measures: recorded in the report, so one stalled part does not lose the run. */
const errors: string[] = []
async function measure<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run()
  } catch (err) {
    errors.push(`${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
    log(`FAILED ${errors.at(-1)}`)
    return undefined
  }
}

try {
  // ---- fan-out loads, each repeated; the servers take turns within a repeat ----------------------
  const loads: LoadRow[] = []
  for (let repeat = 1; repeat <= config.repeats; repeat++) {
    for (const [i, spec] of config.loads.entries()) {
      if (!runs('fanout') || (onlyLoads && !onlyLoads.some((text) => spec.id.includes(text)))) continue
      const rows: LoadRow[] = []
      for (const target of targets) {
        const result = await runLoad(target, spec, `l${i}r${repeat}`)
        rows.push({ scenario: spec.id, repeat, target: target.name, cpuRatio: NaN, p99Ratio: NaN, ...result })
        log(
          `${spec.id} #${repeat} ${target.name}: p99 ${result.latency.p99.toFixed(1)} ms, ${result.cpuMicrosPerDelivery.toFixed(1)} µs CPU/delivery (user ${result.cpuUserMicrosPerDelivery.toFixed(1)}, main thread ${result.cpuMainThreadMicrosPerDelivery.toFixed(1)}), ${result.deliveriesPerSecond.toFixed(0)} deliveries/s`,
        )
      }
      const floor = rows.find((row) => row.target === 'relay') ?? rows[0]!
      for (const row of rows) {
        row.cpuRatio = row.cpuMicrosPerDelivery / floor.cpuMicrosPerDelivery
        row.p99Ratio = row.latency.p99 / floor.latency.p99
      }
      loads.push(...rows)
    }
  }

  // ---- the large alliance: join time, server memory, joins that must not stall the others --------
  const seed = largeSeed(config.large.actions, config.large.agreementBytes, ensemble.people, [ensemble.partnerId])
  const joins: SuiteResults['joins'] = []
  const stalls: SuiteResults['stalls'] = []
  for (const target of targets.filter((t) => t.stateful && runs('large'))) {
    const loaded = await measure(`large doc on ${target.name}`, () => loadAndJoin(target, seed, config.large.joins))
    if (!loaded) continue
    joins.push({ target: target.name, ...loaded.result })
    log(`large doc on ${target.name}: joins ${loaded.result.joinMs.map((ms) => ms.toFixed(0)).join(', ')} ms`)
    if (loaded.result.joinMsV2) log(`large doc on ${target.name}: V2 joins ${loaded.result.joinMsV2.map((ms) => ms.toFixed(0)).join(', ')} ms`)
    const stall = await measure(`joins under load on ${target.name}`, () =>
      joinWhileEditing(target, config.stall.spec, `stall-${target.name}`, config.stall.joiners),
    )
    if (stall) {
      stalls.push({ target: target.name, ...stall })
      log(`${config.stall.joiners} joins on ${target.name}: other doc p99 ${stall.load.latency.p99.toFixed(1)} ms`)
    }
    for (const seeder of loaded.seeders) seeder.destroy()
  }

  // ---- memory --------------------------------------------------------------------------------
  const idle: SuiteResults['idle'] = []
  const opens: SuiteResults['openClose'] = []
  for (const target of targets.filter(() => runs('memory'))) {
    const idleResult = await measure(`idle connections on ${target.name}`, () =>
      idleConnections(target, `idle-${target.name}`, config.idle.connections, config.idle.docs, config.idle.waitMs),
    )
    if (idleResult) idle.push({ target: target.name, ...idleResult })
    const ocResult = await measure(`opens/closes on ${target.name}`, () =>
      openClose(target, `oc-${target.name}`, config.openClose.opens, config.openClose.unloadMs, config.idle.waitMs),
    )
    if (ocResult) opens.push({ target: target.name, ...ocResult })
    log(
      `memory on ${target.name}: ${idleResult?.kbPerConnection.toFixed(1)} KB per idle connection (quarters: ${idleResult?.kbPerConnectionByQuarter.map((kb) => kb.toFixed(1)).join(', ')}; all: ${idleResult?.kbPerConnectionAll.toFixed(1)}), ${ocResult ? (ocResult.growth * 100).toFixed(1) : '–'} % after opens/closes`,
    )
  }

  // ---- the "saved" acknowledgement (Ensemble only) -------------------------------------------
  const savedAck = !runs('saved') ? undefined : await measure('saved ack', () => savedAckLatency(ensemble, config.savedAck, 'saved'))
  if (savedAck)
    log(
      `saved ack: p50 ${savedAck.latency.p50.toFixed(1)} ms, p99 ${savedAck.latency.p99.toFixed(1)} ms, ${savedAck.acksPerSecond.toFixed(0)} acks/s (load generator's event-loop delay p99 ${savedAck.loadGeneratorDelay.p99.toFixed(1)}, max ${savedAck.loadGeneratorDelay.max.toFixed(1)} ms)`,
    )

  // ---- browser, then the rules bench (in-process pipeline, no network) -------------------------
  const browser = !runs('browser') ? [] : ((await measure('browser', () => browserTimes(ensemble, config.browserRounds))) ?? [])
  log(`browser: ${browser.map((t) => `${t.page} ${t.paintMs.toFixed(0)}/${t.interactiveMs.toFixed(0)} ms`).join(', ')}`)
  const actorsMap = !runs('actors')
    ? []
    : ((await measure('actors map', () => actorsMapTimes(ensemble, config.actorsMap.actors, config.actorsMap.rounds))) ?? [])
  log(
    `actors map: ${actorsMap.map((t) => `${t.actors} actors, paint ${t.paintMs.toFixed(0)} ms, filter ${t.filterMs.toFixed(0)}/${t.unfilterMs.toFixed(0)} ms, arrow ${t.keyMoveMs.toFixed(0)} ms`).join('; ')}`,
  )
  const rules = (!runs('rules') ? undefined : await measure('rules bench', () => runRulesBench(config.rulesArgs))) ?? {
    output: '',
    checkSmallUs: NaN,
    checkLargeUs: NaN,
    perUpdateSmallUs: NaN,
    perUpdateLargeUs: NaN,
    smallActions: 100,
    largeActions: Number(config.rulesArgs[0]),
  }

  // ---- the dashboard of the large alliance (issue 18): restarts Ensemble after writing its plan into the store
  const dashboard = !runs('dashboard') ? undefined : await measure('dashboard', () => dashboardTimes(ensemble, config.dashboard))
  if (dashboard)
    log(
      `dashboard: computed in ${dashboard.computeMs.p50.toFixed(1)} ms (p50), served p99 ${dashboard.served.p99.toFixed(1)} ms over ${dashboard.served.count} (first, cold ${(dashboard.firstRequestMs / 1000).toFixed(1)} s), painted ${dashboard.paintMs.toFixed(0)} ms, first chart ${dashboard.chartMs.toFixed(0)} ms`,
    )

  // ---- the event loop belongs to everyone (issue 26): last, as it restarts Ensemble and leaves a large plan in memory
  const loop = !runs('loop') ? undefined : await measure('event loop', () => loopStalls(ensemble, config.loop, 'loop'))
  if (loop) {
    log(
      `event loop: other docs p99 ${loop.baseline.latency.p99.toFixed(1)} ms alone, ${loop.history.latency.p99.toFixed(1)} ms during 4 history/diff requests (${loop.history.requestMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s), ${loop.coldOpen.latency.p99.toFixed(1)} ms during the cold open (${(loop.coldOpen.joinMs / 1000).toFixed(1)} s; RSS ${(loop.coldOpen.rssBeforeKb / 1024).toFixed(0)} → ${(loop.coldOpen.rssPeakKb / 1024).toFixed(0)} → ${(loop.coldOpen.rssAfterKb / 1024).toFixed(0)} MB)`,
    )
  }

  const results: SuiteResults = {
    meta: {
      mode: config.mode,
      date: new Date().toISOString(),
      machine: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      node: process.version,
      loadAverage: { start: loadStart, end: loadavg() },
      seconds: (performance.now() - started) / 1000,
    },
    config,
    loads,
    largeDoc: { actions: seed.actions, agreementBytes: config.large.agreementBytes, bytes: seed.bytes },
    joins,
    stalls,
    idle,
    openClose: opens,
    browser,
    actorsMap,
    savedAck: savedAck ?? null,
    rules,
    loop: loop ?? null,
    dashboard: dashboard ?? null,
    errors,
  }
  const files = writeReport(outDir, results)
  for (const check of checkTargets(results)) log(`${check.pass === null ? 'n/a ' : check.pass ? 'pass' : 'FAIL'}  ${check.target}: ${check.measured}`)
  log(`written ${files.json} and ${files.md}`)
} finally {
  for (const target of targets) await target.stop()
}
process.exit(0)

/** Runs bench/rules.ts in its own process and reads its by-size measure (plans of 100 and `args[0]` actions). */
async function runRulesBench(args: string[]): Promise<SuiteResults['rules']> {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', path.join(here, 'rules.ts'), ...args],
      { cwd: path.join(here, '..'), maxBuffer: 1 << 24 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    )
  })
  // The by-size rows: "size", actions, µs per update of the pipeline with rules, µs of the check alone.
  const row = (actions: string) => new RegExp(`^size\\s+${actions}\\s+([\\d.]+)\\s+([\\d.]+)`, 'm').exec(output)
  const [small, large] = [row('100'), row(args[0]!)]
  return {
    output,
    checkSmallUs: Number(small?.[2]),
    checkLargeUs: Number(large?.[2]),
    perUpdateSmallUs: Number(small?.[1]),
    perUpdateLargeUs: Number(large?.[1]),
    smallActions: 100,
    largeActions: Number(args[0]),
  }
}
