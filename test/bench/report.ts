import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ActorsMapTimes } from './actorsMap.ts'
import type { PageTimes } from './browserTimes.ts'
import type { SuiteConfig } from './config.ts'
import type { JoinResult } from './joins.ts'
import type { LoadResult } from './loadGenerator.ts'
import type { DashboardResult } from './dashboard.ts'
import type { LoopResult } from './loopStalls.ts'
import type { IdleResult, OpenCloseResult } from './memory.ts'
import type { SavedAckResult } from './savedAck.ts'
import type { StallResult } from './stall.ts'
import { median } from './stats.ts'
import type { TargetName } from './targets/target.ts'

export interface LoadRow extends LoadResult {
  scenario: string
  repeat: number
  target: TargetName
  /** Ratios to the relay of the same scenario and repeat. */
  cpuRatio: number
  p99Ratio: number
}

export interface SuiteResults {
  meta: {
    mode: SuiteConfig['mode']
    date: string
    machine: string
    cores: number
    node: string
    loadAverage: { start: number[]; end: number[] }
    seconds: number
  }
  config: SuiteConfig
  loads: LoadRow[]
  largeDoc: { actions: number; agreementBytes: number; bytes: number }
  joins: ({ target: TargetName } & JoinResult)[]
  stalls: ({ target: TargetName } & StallResult)[]
  idle: ({ target: TargetName } & IdleResult)[]
  openClose: ({ target: TargetName } & OpenCloseResult)[]
  browser: PageTimes[]
  /** The map of actors in Chromium (MAP9); empty when not run. */
  actorsMap: ActorsMapTimes[]
  /** Null when the measure did not run (filtered out or failed). */
  savedAck: SavedAckResult | null
  /** From rules.ts's by-size measure: the rules' check alone (the target) and the whole pipeline with rules, µs per update. */
  rules: {
    output: string
    checkSmallUs: number
    checkLargeUs: number
    perUpdateSmallUs: number
    perUpdateLargeUs: number
    smallActions: number
    largeActions: number
  }
  /** Other documents' edits while a large plan's history is read and while it opens cold; null when not run. */
  loop: LoopResult | null
  /** The dashboard of the large alliance (issue 18); null when not run. */
  dashboard: DashboardResult | null
  /** Measures that failed (a timeout on a stalled server…): their rows are missing. */
  errors: string[]
}

export interface TargetCheck {
  target: string
  measured: string
  pass: boolean | null
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–')
const spread = (values: number[], digits = 2) =>
  values.length > 1 ? `${f(median(values), digits)} (${f(Math.min(...values), digits)}–${f(Math.max(...values), digits)})` : f(values[0] ?? NaN, digits)

/** Ensemble's rows of one scenario. */
const ensembleRows = (r: SuiteResults, scenario: string) => r.loads.filter((row) => row.scenario === scenario && row.target === 'ensemble')

/** The issue's targets for Ensemble, each compared to its figure of this run (never asserted). */
export function checkTargets(r: SuiteResults): TargetCheck[] {
  const checks: TargetCheck[] = []
  const cpuLimits = r.config.loads.map((spec, i) => ({ spec, limit: spec.presencePerSecond > 0 ? 1.5 : i === 0 ? null : 1.3 }))
  for (const { spec, limit } of cpuLimits) {
    const rows = ensembleRows(r, spec.id)
    const cpu = median(rows.map((row) => row.cpuRatio))
    const p99 = median(rows.map((row) => row.p99Ratio))
    if (limit !== null) checks.push({ target: `CPU per delivery ≤ ${limit}× relay — ${spec.id}`, measured: `${f(cpu, 2)}×`, pass: cpu <= limit })
    checks.push({ target: `fan-out p99 ≤ 1.5× relay — ${spec.id}`, measured: `${f(p99, 2)}×`, pass: p99 <= 1.5 })
  }
  const saved = r.savedAck
  checks.push({
    target: `"saved" ack p99 ≤ 5 ms at 1,000 updates/s over 50 docs${saved ? ` (run: ${saved.spec.updatesPerSecond}/s over ${saved.spec.docs} × ${saved.spec.clientsPerDoc})` : ''}`,
    measured: saved ? `p50 ${f(saved.latency.p50)} / p99 ${f(saved.latency.p99)} ms, ${f(saved.acksPerSecond, 0)} acks/s` : 'not run',
    pass: saved ? saved.latency.p99 <= 5 : null,
  })
  for (const name of ['plan', 'agreement'] as const) {
    const times = r.browser.filter((t) => t.page === name)
    const paint = median(times.map((t) => t.paintMs))
    const interactive = median(times.map((t) => t.interactiveMs))
    checks.push({ target: `browser: ${name} first meaningful paint ≤ 1 s`, measured: `${f(paint, 0)} ms`, pass: paint <= 1000 })
    checks.push({ target: `browser: ${name} interactive ≤ 2 s`, measured: `${f(interactive, 0)} ms`, pass: interactive <= 2000 })
  }
  const d = r.dashboard
  const large = d
    ? `${d.spec.actions.toLocaleString('en')} actions, ${d.spec.objectives} objectives, ${d.spec.indicators} indicators × ${d.spec.valuesPerIndicator} values`
    : 'the large alliance'
  checks.push({
    target: `dashboard served p99 ≤ 100 ms (${large})`,
    measured: d ? `${f(d.served.p99)} ms over ${d.served.count} (computed in ${f(d.computeMs.p50)} ms)` : 'not run',
    pass: d ? d.served.p99 <= 100 : null,
  })
  checks.push({ target: 'browser: dashboard first paint ≤ 1 s', measured: d ? `${f(d.paintMs, 0)} ms` : 'not run', pass: d ? d.paintMs <= 1000 : null })
  const stall = r.stalls.find((s) => s.target === 'ensemble')
  if (stall)
    checks.push({
      target: `other documents' edit p99 ≤ 50 ms while ${stall.joinMs.length} clients join the large doc`,
      measured: `${f(stall.load.latency.p99)} ms`,
      pass: stall.load.latency.p99 <= 50,
    })
  const idle = r.idle.find((i) => i.target === 'ensemble')
  if (idle)
    checks.push({
      target: `≤ 30 KB per idle connection (${idle.connections} connections)`,
      measured: `${f(idle.kbPerConnection)} KB (all ${idle.connections}: ${f(idle.kbPerConnectionAll)} KB)`,
      pass: idle.kbPerConnection <= 30,
    })
  const oc = r.openClose.find((o) => o.target === 'ensemble')
  if (oc) checks.push({ target: `memory within 10% of baseline after ${oc.opens} opens/closes`, measured: `${f(oc.growth * 100)} %`, pass: oc.growth <= 0.1 })
  const loop = r.loop
  if (loop) {
    const base = `baseline ${f(loop.baseline.latency.p99)} ms`
    checks.push({
      target: `other documents' edit p99 ≤ 50 ms while 4 history/diff requests replay a ${loop.actions.toLocaleString('en')}-action plan`,
      measured: `${f(loop.history.latency.p99)} ms (${base})`,
      pass: loop.history.latency.p99 <= 50,
    })
    checks.push({
      target: `other documents' edit p99 ≤ 50 ms while a ${loop.actions.toLocaleString('en')}-action plan opens cold`,
      measured: `${f(loop.coldOpen.latency.p99)} ms (${base})`,
      pass: loop.coldOpen.latency.p99 <= 50,
    })
  }
  const v = r.rules
  const ratio = v.checkLargeUs / v.checkSmallUs
  const pipelineRatio = v.perUpdateLargeUs / v.perUpdateSmallUs
  checks.push({
    target: `validation cost per update independent of size (${v.smallActions} vs ${v.largeActions} actions, within 20%)`,
    measured: `check ${f(v.checkSmallUs, 2)} vs ${f(v.checkLargeUs, 2)} µs (${f(ratio, 2)}×); whole pipeline with rules ${f(v.perUpdateSmallUs)} vs ${f(v.perUpdateLargeUs)} µs (${f(pipelineRatio, 2)}×)`,
    pass: Math.abs(ratio - 1) <= 0.2,
  })
  return checks
}

export function markdown(r: SuiteResults): string {
  const lines: string[] = []
  const m = r.meta
  lines.push(`# Benchmark results (${m.mode})`, '')
  lines.push(
    `${m.date} · ${m.machine}, ${m.cores} cores · Node ${m.node} · load average ${m.loadAverage.start.map((l) => f(l, 2)).join(' ')} at start, ${m.loadAverage.end.map((l) => f(l, 2)).join(' ')} at end · ${f(m.seconds, 0)} s`,
    '',
  )
  lines.push('## Fan-out loads', '')
  lines.push('Median of the repeats; ratios are per repeat to the relay of the same repeat, shown as median (min–max).', '')
  lines.push(
    '| load | server | connections | p50 ms | p95 ms | p99 ms | deliveries/s | CPU µs/delivery (user) | main thread µs/delivery | CPU × relay | p99 × relay | RSS MB | KB/connection |',
  )
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const spec of r.config.loads) {
    for (const target of ['relay', 'reference', 'hocuspocus', 'ensemble'] as const) {
      const rows = r.loads.filter((row) => row.scenario === spec.id && row.target === target)
      if (rows.length === 0) continue
      const med = (pick: (row: LoadRow) => number) => median(rows.map(pick))
      lines.push(
        `| ${spec.id} | ${target} | ${rows[0]!.connections} | ${f(med((x) => x.latency.p50))} | ${f(med((x) => x.latency.p95))} | ${f(med((x) => x.latency.p99))} | ${f(
          med((x) => x.deliveriesPerSecond),
          0,
        )} | ${f(med((x) => x.cpuMicrosPerDelivery))} (${f(med((x) => x.cpuUserMicrosPerDelivery))}) | ${f(med((x) => x.cpuMainThreadMicrosPerDelivery))} | ${spread(rows.map((x) => x.cpuRatio))} | ${spread(rows.map((x) => x.p99Ratio))} | ${f(med((x) => x.rssKb) / 1024)} | ${f(med((x) => x.kbPerConnection))} |`,
      )
    }
  }
  lines.push(
    '',
    `## Large document (${r.largeDoc.actions} actions + ${f(r.largeDoc.agreementBytes / 1000, 0)} KB agreement text: ${f(r.largeDoc.bytes / 1e6, 2)} MB of updates)`,
    '',
  )
  lines.push(
    '| server | time to synced, fresh client (ms, each join) | server RSS before → loaded (MB) | while 20 join: other doc p50 / p99 / max ms | joiners’ time to state (ms, median / max) |',
  )
  lines.push('|---|---|---|---|---|')
  for (const join of r.joins) {
    const stall = r.stalls.find((s) => s.target === join.target)
    const joins = stall ? `${f(median(stall.joinMs), 0)} / ${f(Math.max(...stall.joinMs), 0)}` : '–'
    const lat = stall ? `${f(stall.load.latency.p50)} / ${f(stall.load.latency.p99)} / ${f(stall.load.latency.max)}` : '–'
    // Ensemble's V2 joiners (the web client's `?sync=v2`) after its stock V1 ones.
    const v2 = join.joinMsV2 ? ` (V2: ${join.joinMsV2.map((ms) => f(ms, 0)).join(', ')})` : ''
    lines.push(
      `| ${join.target} | ${join.joinMs.map((ms) => f(ms, 0)).join(', ')}${v2} | ${f(join.rssBeforeKb / 1024)} → ${f(join.rssLoadedKb / 1024)} | ${lat} | ${joins} |`,
    )
  }
  lines.push('', '## Memory', '')
  lines.push(
    '| server | idle connections | KB per idle connection (median of quarters 2–4) | each quarter | KB per connection, all (incl. one-time) | opens/closes | RSS baseline → after (MB) | growth |',
  )
  lines.push('|---|---:|---:|---|---:|---:|---|---:|')
  for (const idle of r.idle) {
    const oc = r.openClose.find((o) => o.target === idle.target)
    lines.push(
      `| ${idle.target} | ${idle.connections} | ${f(idle.kbPerConnection)} | ${idle.kbPerConnectionByQuarter.map((kb) => f(kb)).join(', ')} | ${f(idle.kbPerConnectionAll)} | ${oc?.opens ?? '–'} | ${oc ? `${f(oc.baselineKb / 1024)} → ${f(oc.afterKb / 1024)}` : '–'} | ${oc ? `${f(oc.growth * 100)} %` : '–'} |`,
    )
  }
  if (r.savedAck) {
    const { spec, latency, acksPerSecond } = r.savedAck
    lines.push('', `## "Saved" acknowledgement (Ensemble, ${spec.updatesPerSecond} updates/s over ${spec.docs} docs × ${spec.clientsPerDoc} clients)`, '')
    lines.push('| p50 ms | p95 ms | p99 ms | max ms | acks/s |', '|---:|---:|---:|---:|---:|')
    lines.push(`| ${f(latency.p50)} | ${f(latency.p95)} | ${f(latency.p99)} | ${f(latency.max)} | ${f(acksPerSecond, 0)} |`)
  }
  if (r.loop) {
    const { baseline, history, coldOpen, actions, storedBytes } = r.loop
    const row = (label: string, l: LoadResult, extra: string) =>
      `| ${label} | ${f(l.latency.p50)} | ${f(l.latency.p95)} | ${f(l.latency.p99)} | ${f(l.latency.max)} | ${l.latency.count} | ${extra} |`
    lines.push('', `## The event loop belongs to everyone (Ensemble, a ${actions.toLocaleString('en')}-action plan, ${f(storedBytes / 1e6)} MB stored)`, '')
    lines.push(`Edits of other documents (${r.config.loop.load.id}), alone and during each event.`, '')
    lines.push('| while | p50 ms | p95 ms | p99 ms | max ms | deliveries | the event |', '|---|---:|---:|---:|---:|---:|---|')
    lines.push(row('nothing else (baseline)', baseline, '–'))
    lines.push(
      row('4 history/diff requests', history, `answered in ${history.requestMs.map((ms) => f(ms / 1000)).join(', ')} s (HTTP ${history.statuses.join(', ')})`),
    )
    lines.push(
      row(
        'the plan opens cold',
        coldOpen,
        `joined in ${f(coldOpen.joinMs / 1000)} s; server RSS ${f(coldOpen.rssBeforeKb / 1024, 0)} → peak ${f(coldOpen.rssPeakKb / 1024, 0)} → ${f(coldOpen.rssAfterKb / 1024, 0)} MB`,
      ),
    )
  }
  lines.push('', '## Browser (Ensemble, large alliance, Chromium)', '')
  lines.push('| page | first meaningful paint ms | interactive ms |', '|---|---:|---:|')
  for (const t of r.browser) lines.push(`| ${t.page} | ${f(t.paintMs, 0)} | ${f(t.interactiveMs, 0)} |`)
  if (r.dashboard) {
    const { spec, computeMs, firstRequestMs, served, answerBytes, paintMs, chartMs, storedBytes } = r.dashboard
    lines.push(`| dashboard (attention list / first chart) | ${f(paintMs, 0)} | ${f(chartMs, 0)} |`)
    lines.push(
      '',
      `## Dashboard (Ensemble, ${spec.actions.toLocaleString('en')} actions, ${spec.objectives} objectives, ${spec.indicators} indicators × ${spec.valuesPerIndicator} values, ${f(storedBytes / 1e6)} MB stored)`,
      '',
    )
    lines.push('| computed p50 / p99 ms | first GET (cold open) ms | served p50 / p95 / p99 / max ms | requests | answer KB |', '|---:|---:|---:|---:|---:|')
    lines.push(
      `| ${f(computeMs.p50)} / ${f(computeMs.p99)} | ${f(firstRequestMs, 0)} | ${f(served.p50)} / ${f(served.p95)} / ${f(served.p99)} / ${f(served.max)} | ${served.count} | ${f(answerBytes / 1024)} |`,
    )
  }
  lines.push('', '## Map of actors (Ensemble, Chromium, MAP9)', '')
  lines.push('| actors | first paint ms | filter keystroke ms | filter cleared ms | arrow-key move ms |', '|---:|---:|---:|---:|---:|')
  for (const t of r.actorsMap ?? []) lines.push(`| ${t.actors} | ${f(t.paintMs, 0)} | ${f(t.filterMs, 0)} | ${f(t.unfilterMs, 0)} | ${f(t.keyMoveMs, 0)} |`)
  lines.push('', '## Targets of issue 8 (Ensemble)', '', '| target | measured | result |', '|---|---|---|')
  for (const c of checkTargets(r)) lines.push(`| ${c.target} | ${c.measured} | ${c.pass === null ? 'not measured' : c.pass ? 'pass' : 'FAIL'} |`)
  if (r.errors.length > 0) lines.push('', '## Measures that failed', '', ...r.errors.map((e) => `- ${e}`))
  lines.push('', '## Rules (validation cost per update, `bench/rules.ts`)', '', '```', r.rules.output.trim(), '```', '')
  return lines.join('\n')
}

/** Writes `<dir>/bench-<mode>.json` and `.md`; returns their paths. */
export function writeReport(dir: string, r: SuiteResults): { json: string; md: string } {
  mkdirSync(dir, { recursive: true })
  const json = path.join(dir, `bench-${r.meta.mode}.json`)
  const md = path.join(dir, `bench-${r.meta.mode}.md`)
  writeFileSync(json, JSON.stringify(r, null, 2))
  writeFileSync(md, markdown(r))
  return { json, md }
}
