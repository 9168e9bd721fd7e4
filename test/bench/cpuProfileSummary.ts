/**
 * Summaries of V8 CPU profiles (DevTools' Profiler.Profile, Node's `--cpu-prof` files): self time by
 * source (package or source file, through source maps when given) and by function, within a time
 * window. Used by planLoadProfile.ts for the page; on its own for a server's profile:
 *
 *   cd test && node --import tsx bench/cpuProfileSummary.ts <file.cpuprofile> [fromMs toMs]
 *
 * Times are the profile's clock in ms (V8's monotonic clock: on Linux the same one DevTools'
 * Network timestamps use, so a page's and a server's profiles line up).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'

/** The parts of a CPU profile read here. */
export interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]
  samples?: number[]
  timeDeltas?: number[]
  startTime: number
}

export interface Sample {
  /** ms, profile clock */
  at: number
  ms: number
  source: string
  fn: string
}

/** Each sample with its time, duration and where it ran; `mapDir` holds the source maps of bundled scripts. */
export function samplesOf(profile: Profile, mapDir?: string): Sample[] {
  const maps = new Map<string, TraceMap | null>()
  const mapOf = (url: string): TraceMap | null => {
    if (!mapDir) return null
    if (!maps.has(url)) {
      let map: TraceMap | null = null
      try {
        const asset = new URL(url).pathname
        if (asset.endsWith('.js')) map = new TraceMap(readFileSync(path.join(mapDir, `${asset}.map`), 'utf8'))
      } catch {
        map = null
      }
      maps.set(url, map)
    }
    return maps.get(url)!
  }
  const located = new Map<number, { source: string; fn: string }>()
  const locate = (id: number) => {
    const known = located.get(id)
    if (known) return known
    const frame = byId.get(id)!
    let result: { source: string; fn: string }
    // V8's own nodes are already in brackets: (idle), (program), (garbage collector).
    if (!frame.url) result = { source: frame.functionName.startsWith('(') ? frame.functionName : '(native)', fn: frame.functionName || '?' }
    else {
      const map = mapOf(frame.url)
      const original = map ? originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber }) : null
      const source = original?.source ?? frame.url.replace(/^file:\/\//, '')
      const pkg = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1]
      const file = pkg ?? source.replace(/^(\.\.\/)+/, '').replace(/^.*\/(client|server|shared)\/src\//, '$1/')
      const line = original?.line ?? frame.lineNumber + 1
      result = { source: file, fn: `${original?.name ?? frame.functionName ?? '?'} ${file.split('/').pop()}:${line}` }
    }
    located.set(id, result)
    return result
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  const out: Sample[] = []
  let t = profile.startTime
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0
    out.push({ at: t / 1000, ms: (deltas[i + 1] ?? 0) / 1000, ...locate(samples[i]!) })
  }
  return out
}

const isIdle = (s: Sample) => s.source === '(idle)'

/** Prints busy time and the top sources and functions of the samples in [from, to). */
export function printWindow(label: string, samples: readonly Sample[], from = -Infinity, to = Infinity, top = 12): void {
  const inWindow = samples.filter((s) => s.at >= from && s.at < to && !isIdle(s))
  const busy = inWindow.reduce((sum, s) => sum + s.ms, 0)
  const span = Number.isFinite(from) && Number.isFinite(to) ? ` of ${(to - from).toFixed(0)} ms` : ''
  console.log(`-- ${label}: busy ${busy.toFixed(0)} ms${span}`)
  const sum = (key: (s: Sample) => string) => {
    const totals = new Map<string, number>()
    for (const s of inWindow) totals.set(key(s), (totals.get(key(s)) ?? 0) + s.ms)
    return [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)
  }
  const bySource = sum((s) => s.source)
  const byFn = sum((s) => s.fn)
  for (let i = 0; i < Math.max(bySource.length, byFn.length); i++) {
    const a = bySource[i] ? `${bySource[i]![1].toFixed(0).padStart(6)}  ${bySource[i]![0]}` : ''
    const b = byFn[i] ? `${byFn[i]![1].toFixed(0).padStart(6)}  ${byFn[i]![0]}` : ''
    console.log(`${a.padEnd(60)}${b}`)
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [file, from, to] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpuProfileSummary.ts <file.cpuprofile> [fromMs toMs]')
  const samples = samplesOf(JSON.parse(readFileSync(file, 'utf8')) as Profile)
  console.log(`profile ${samples[0]?.at.toFixed(0)}–${samples.at(-1)?.at.toFixed(0)} ms`)
  printWindow(path.basename(file), samples, from ? Number(from) : -Infinity, to ? Number(to) : Infinity, 25)
}
