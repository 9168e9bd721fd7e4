/**
 * Where the time goes when Chromium opens the large alliance's plan or agreement (docs/BENCHMARKS.md,
 * "Opening the large plan"). The same server, alliance and browser as the bench's browser part
 * (`launchEnsemble`, `largeSeed`, seeded as `loadAndJoin` does, fresh context with a signed-in
 * session), then, per opening, a timeline in ms since navigation start: HTML, scripts and API calls
 * (Resource Timing), the websocket's frames (DevTools protocol, Network domain), the client's own
 * User Timing marks (collab:*, plan:*), paint and interactive as browserTimes.ts reads them.
 *
 *   cd test && node --import tsx bench/planLoadProfile.ts [--rounds=3] [--page=plan|agreement|both]
 *                                                       [--warm] [--cpu] [--actions=5000]
 *
 * --variants=A:<dir>,B:<dir> serves, in turn within each round, the client builds in those directories
 * (`vite build --outDir <dir>`): an A/B comparison of client changes on the same server and data.
 *
 * --ws records the websocket's frames (DevTools' Network domain: it copies every frame's payload,
 * base64, to this process — a cost of its own on a 3 MB frame, so it is off by default).
 *
 * --pin runs this process (and so Chromium) on the load generator's core, as the bench suite does.
 *
 * --edited changes the document through a stock (V1) client before each opening, as a meeting does
 * before someone else opens it: no V2 joiner has seen that state, so the server has no converted
 * state of it in hand when the room unloads.
 *
 * --restarted restarts the server (a graceful stop, then a start on the same data) before each
 * opening: what the first person to open the document after a deployment or a reboot sees.
 *
 * --warm keeps a client connected to both documents (the room stays loaded; by default the server
 * unloads it after 1 s idle, as in the bench, so each opening loads it from storage). --cpu records a
 * CPU profile of the page (Profiler domain) and prints its self time by source (the client's source
 * maps name the module of each sample); the profile is written next to the output for DevTools.
 */
import { actionsOf, contentOf } from '@ensemble/shared'
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import type * as Y from 'yjs'
import { waitFor } from '../helpers/waitFor.ts'
import { ensureClientBuilt, launchBrowser } from '../helpers/browser.ts'
import { firstSeen, PAGES, signedInState, watchFirstSeen, withText } from './browserTimes.ts'
import { type Profile, printWindow, samplesOf } from './cpuProfileSummary.ts'
import { FULL } from './config.ts'
import { loadAndJoin } from './joins.ts'
import { largeSeed } from './largeDoc.ts'
import { LOADGEN_CORE, pin } from './proc.ts'
import { median, sleep } from './stats.ts'
import { launchEnsemble } from './targets/ensemble.ts'

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const flag = (name: string): boolean => process.argv.includes(`--${name}`)
const rounds = Number(arg('rounds') ?? 3)
const pages = (arg('page') ?? 'plan') === 'both' ? (['plan', 'agreement'] as const) : ([arg('page') ?? 'plan'] as ('plan' | 'agreement')[])
const warm = flag('warm')
const edited = flag('edited')
const restarted = flag('restarted')
const cpu = flag('cpu')
const actions = Number(arg('actions') ?? FULL.large.actions)
const outDir = path.join(tmpdir(), 'ensemble-bench')
const clientDist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../client/dist')
const WAIT = { timeout: 120_000 }
/** The bench's server unloads a room 1 s after its last connection (ROOM_IDLE_MS). */
const ROOM_UNLOADED_MS = 1_500
/** With --edited: the room unloads, and the server may rebuild the state it keeps (~1 s on the plan). */
const EDITED_SETTLE_MS = 4_000

interface Row {
  at: number
  what: string
  detail?: string
}

/** Client builds to compare (the server's CLIENT_DIR is a link switched between them), or the default build. */
const variants = (arg('variants') ?? '')
  .split(',')
  .filter(Boolean)
  .map((v) => ({ name: v.split(':')[0]!, dir: path.resolve(v.split(':').slice(1).join(':')) }))
const servedLink = path.join(outDir, 'client-served')
function serve(dir: string): void {
  // Swapped atomically: the server resolves every request through the link.
  const next = `${servedLink}.next`
  rmSync(next, { force: true })
  symlinkSync(dir, next)
  renameSync(next, servedLink)
}
mkdirSync(outDir, { recursive: true })
// As suite.ts: the browser it launches inherits the core.
if (flag('pin')) await pin(process.pid, LOADGEN_CORE)
if (variants.length > 0) {
  serve(variants[0]!.dir)
  process.env.CLIENT_DIR = servedLink
}

// Before the server starts: it serves client/dist only if it exists then.
ensureClientBuilt()
const ensemble = await launchEnsemble()
const summary = new Map<string, number[]>()
try {
  const seed = largeSeed(actions, FULL.large.agreementBytes, ensemble.people, [ensemble.partnerId])
  const loaded = await loadAndJoin(ensemble, seed, 0)
  if (!warm) for (const seeder of loaded.seeders) seeder.destroy()
  console.log(
    `seeded ${actions} actions + ${FULL.large.agreementBytes / 1000} KB agreement (${(seed.bytes / 1e6).toFixed(2)} MB of V1 updates); room ${warm ? 'kept loaded' : 'unloaded before each opening'}${restarted ? ', server restarted before each opening' : ''}`,
  )
  const browser = await launchBrowser()
  const storageState = await signedInState(browser, ensemble)
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const variant of variants.length > 0 ? variants : [null]) {
        if (variant) serve(variant.dir)
        for (const name of pages) {
          if (edited) await editThroughStockClient(name, `${variant?.name ?? ''} round ${round}`)
          if (!warm) await sleep(edited ? EDITED_SETTLE_MS : ROOM_UNLOADED_MS)
          if (restarted) await ensemble.restart()
          const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, storageState })
          await watchFirstSeen(context, [PAGES[name].paint, PAGES[name].interactive])
          const page = await context.newPage()
          const label = `${variant ? `${variant.name} ` : ''}${name}`
          const rows = await openOnce(page, await context.newCDPSession(page), name, `${label.replace(' ', '-')}-${round}`)
          console.log(`\n== ${label}, round ${round} (ms since navigation start)`)
          for (const row of rows.sort((a, b) => a.at - b.at))
            console.log(`${row.at.toFixed(0).padStart(7)}  ${row.what}${row.detail ? `  (${row.detail})` : ''}`)
          for (const row of rows) {
            const key = `${label}: ${row.what}`
            summary.set(key, [...(summary.get(key) ?? []), row.at])
          }
          await context.close()
        }
      }
    }
  } finally {
    await browser.close()
  }
  console.log(`\n== medians over ${rounds} rounds (ms since navigation start)`)
  const medians = [...summary].filter(([, at]) => at.length === rounds * 1).map(([what, at]) => ({ what, at: median(at) }))
  for (const { what, at } of medians.sort((a, b) => a.at - b.at)) console.log(`${at.toFixed(0).padStart(7)}  ${what}`)
  console.log(`\n== paint / interactive, median (all rounds) per ${variants.length > 0 ? 'variant and ' : ''}page`)
  for (const [what, at] of [...summary].filter(([key]) => /: (PAINT|INTERACTIVE)/.test(key)).sort())
    console.log(`${median(at).toFixed(0).padStart(7)}  ${what}  [${at.map((v) => v.toFixed(0)).join(', ')}]`)
} finally {
  await ensemble.stop()
}
process.exit(0)

/** A stock client changes the document (an action's title, or the agreement's first words) and leaves once a second client sees it. */
async function editThroughStockClient(name: 'plan' | 'agreement', mark: string): Promise<void> {
  const editor = await ensemble.connect(name)
  await editor.ready()
  const check = await ensemble.connect(name)
  await check.ready()
  const text = `Modifié (${mark})`
  if (name === 'plan') {
    const [id, action] = [...actionsOf(editor.doc).entries()][0]!
    ;(action as Y.Map<unknown>).set('title', text)
    await waitFor(() => (actionsOf(check.doc).get(id) as Y.Map<unknown>).get('title') === text, { message: 'edit seen' })
  } else {
    const paragraph = contentOf(editor.doc).get(0) as Y.XmlElement
    ;(paragraph.get(0) as Y.XmlText).insert(0, text)
    await waitFor(() => contentOf(check.doc).toString().includes(text), { message: 'edit seen' })
  }
  editor.destroy()
  check.destroy()
}

/** Opens one page in a fresh context and returns its timeline. */
async function openOnce(page: Page, cdp: CDPSession, name: 'plan' | 'agreement', label: string): Promise<Row[]> {
  const target = PAGES[name]
  const rows: Row[] = []
  // DevTools timestamps are seconds of a monotonic clock; the document's request is taken as 0.
  let navigationStart: number | null = null
  const at = (timestamp: number) => (navigationStart === null ? NaN : (timestamp - navigationStart) * 1000)
  const sockets = new Map<string, string>()
  const frames = new Map<string, { count: number; bytes: number; first: number; last: number; largest: number; largestAt: number }>()
  await cdp.send('Network.enable')
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type !== 'Document' || navigationStart !== null) return
    navigationStart = e.timestamp
    // Only the navigation's start is needed then (to place the CPU profile), unless frames are recorded.
    if (!flag('ws')) void cdp.send('Network.disable').catch(() => {})
  })
  cdp.on('Network.webSocketCreated', (e) => sockets.set(e.requestId, new URL(e.url).pathname.split('/').pop() ?? e.url))
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => rows.push({ at: at(e.timestamp), what: `ws ${sockets.get(e.requestId)}: handshake sent` }))
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => rows.push({ at: at(e.timestamp), what: `ws ${sockets.get(e.requestId)}: 101 received` }))
  cdp.on('Network.webSocketFrameReceived', (e) => {
    const doc = sockets.get(e.requestId) ?? '?'
    // Binary payloads come base64-encoded.
    const bytes = e.response.opcode === 2 ? Math.floor((e.response.payloadData.length * 3) / 4) : e.response.payloadData.length
    const f = frames.get(doc) ?? { count: 0, bytes: 0, first: at(e.timestamp), last: 0, largest: 0, largestAt: 0 }
    f.count++
    f.bytes += bytes
    f.last = at(e.timestamp)
    if (bytes > f.largest) Object.assign(f, { largest: bytes, largestAt: at(e.timestamp) })
    frames.set(doc, f)
  })
  if (cpu) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  }
  await page.goto(`${ensemble.url}/alliances/${ensemble.workspaceId}/${target.path}`, { waitUntil: 'commit' })
  await withText(page, target.paint).waitFor(WAIT)
  rows.push({ at: await firstSeen(page, target.paint), what: 'PAINT (first row/paragraph on screen)' })
  await withText(page, target.interactive).waitFor(WAIT)
  rows.push({ at: await firstSeen(page, target.interactive), what: 'INTERACTIVE' })

  if (name === 'plan') {
    const heights = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="action-row"]'), (row) => row.offsetHeight))
    console.log(`rows rendered: ${heights.length}, heights: ${[...new Set(heights)].join(', ')} px`)
  }
  const entries = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return {
      nav: {
        responseStart: nav.responseStart,
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        size: nav.decodedBodySize,
      },
      resources: performance.getEntriesByType('resource').map((r) => {
        const e = r as PerformanceResourceTiming
        return {
          name: e.name,
          type: e.initiatorType,
          start: e.startTime,
          requestStart: e.requestStart,
          responseStart: e.responseStart,
          end: e.responseEnd,
          transfer: e.transferSize,
          size: e.decodedBodySize,
        }
      }),
      paints: performance.getEntriesByType('paint').map((p) => ({ name: p.name, at: p.startTime })),
      marks: performance
        .getEntriesByType('mark')
        .map((m) => ({ name: m.name, at: m.startTime, detail: JSON.stringify((m as PerformanceMark).detail ?? null) })),
      measures: performance
        .getEntriesByType('measure')
        .map((m) => ({ name: m.name, at: m.startTime, duration: m.duration, detail: JSON.stringify((m as PerformanceMeasure).detail ?? null) })),
    }
  })
  rows.push({ at: entries.nav.responseEnd, what: 'HTML received', detail: `${entries.nav.size} B, first byte ${entries.nav.responseStart.toFixed(0)}` })
  rows.push({ at: entries.nav.domContentLoaded, what: 'DOMContentLoaded (module scripts run)' })
  for (const r of entries.resources) {
    const url = new URL(r.name)
    const what = url.pathname.startsWith('/api/')
      ? `${r.type === 'fetch' ? 'fetch' : r.type} ${url.pathname.replace(ensemble.workspaceId, ':id')}`
      : url.pathname.replace(/-[\w-]{8}\./, '.')
    rows.push({
      at: r.end,
      what: `${what} received`,
      detail: `started ${r.start.toFixed(0)}, first byte ${r.responseStart.toFixed(0)}, ${(r.size / 1000).toFixed(1)} KB`,
    })
  }
  for (const p of entries.paints) rows.push({ at: p.at, what: p.name })
  for (const m of entries.marks) rows.push({ at: m.at, what: m.name, detail: m.detail === 'null' ? undefined : m.detail })
  for (const m of entries.measures) rows.push({ at: m.at + m.duration, what: `${m.name} done`, detail: `${m.duration.toFixed(0)} ms, ${m.detail}` })
  for (const [doc, f] of frames) {
    rows.push({ at: f.first, what: `ws ${doc}: first frame in` })
    rows.push({ at: f.largestAt, what: `ws ${doc}: largest frame in`, detail: `${(f.largest / 1e6).toFixed(2)} MB` })
    rows.push({ at: f.last, what: `ws ${doc}: last frame in`, detail: `${f.count} frames, ${(f.bytes / 1e6).toFixed(2)} MB` })
  }
  if (cpu) {
    const { profile } = await cdp.send('Profiler.stop')
    const file = path.join(outDir, `planLoad-${label}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    printPhases(profile, navigationStart, rows, file)
  }
  console.log(`navigation start: ${((navigationStart ?? NaN) * 1000).toFixed(0)} ms of the monotonic clock (to window a server's --cpu-prof)`)
  return rows.filter((row) => Number.isFinite(row.at))
}

/** The page's CPU profile by phase (between the client's marks), in ms since navigation start. */
function printPhases(profile: Profile, navigationStart: number | null, rows: Row[], file: string): void {
  if (navigationStart === null) return
  const samples = samplesOf(profile, clientDist).map((s) => ({ ...s, at: s.at - navigationStart * 1000 }))
  const when = (what: string) => rows.find((r) => r.what.endsWith(what))?.at ?? NaN
  const cuts: [string, number][] = [
    ['start', 0],
    ['socket open', when(':ws-open')],
    ['full state received', when(':state-received')],
    ['full state applied', when(':state-applied')],
    ['painted', when('PAINT (first row/paragraph on screen)')],
  ]
  const known = cuts.filter(([, at]) => Number.isFinite(at))
  console.log(`\n-- CPU profile of the page, written to ${file}; main thread by phase`)
  for (let i = 0; i < known.length - 1; i++) printWindow(`${known[i]![0]} → ${known[i + 1]![0]}`, samples, known[i]![1], known[i + 1]![1], 8)
}
