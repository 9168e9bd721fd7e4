import path from 'node:path'
import Database from 'better-sqlite3'
import {
  actionsOf,
  addMonths,
  analysePlan,
  buildIndicator,
  buildObjective,
  indicatorsOf,
  keysAfter,
  objectivesOf,
  planAttention,
  readPlanSnapshot,
  todayIso,
} from '@ensemble/shared'
import * as Y from 'yjs'
import { launchBrowser } from '../helpers/browser.ts'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signedInState, watchFirstSeen, withText, firstSeen } from './browserTimes.ts'
import { planUpdates } from './largeDoc.ts'
import { latencyOf, type Latency } from './stats.ts'
import type { EnsembleTarget } from './targets/ensemble.ts'

/** The dashboard part of `pnpm bench` (docs/SPEC.md DASH10): the large alliance's plan, objectives and indicators. */
export interface DashboardSpec {
  actions: number
  objectives: number
  indicators: number
  valuesPerIndicator: number
  /** GETs of the dashboard timed (after the first, which opens the plan cold). */
  requests: number
  /** In-process computations timed (snapshot, analysis and one reader's attention, from the Y.Doc). */
  computeRounds: number
}

export interface DashboardResult {
  spec: DashboardSpec
  storedBytes: number
  /** In-process: the plan read and analysed from scratch, as after each change of the plan. */
  computeMs: Latency
  /** The first GET: the plan opens cold on the server (LOOP5) and is analysed. */
  firstRequestMs: number
  /** GET /api/workspaces/:id/dashboard as a client sees it (localhost, the answer read whole). */
  served: Latency
  answerBytes: number
  /** Chromium, fresh context: navigation start until the attention list, then the first chart, is on screen. */
  paintMs: number
  chartMs: number
}

/**
 * The plan of the large alliance as log rows: `actions` actions (bench/largeDoc.ts), `objectives`
 * operational objectives the actions name in turn, and `indicators` indicators with
 * `valuesPerIndicator` monthly values each (entered by the alliance's members), one row per piece.
 */
export function dashboardPlan(spec: DashboardSpec, people: string[], partnerId: string): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  doc.clientID = 7
  const updates: Uint8Array[] = []
  for (const update of planUpdates(spec.actions, 1000, people, [partnerId])) {
    Y.applyUpdate(doc, update)
    updates.push(update)
  }
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const orders = keysAfter(null, spec.objectives)
  doc.transact(() => {
    for (let k = 0; k < spec.objectives; k++)
      objectivesOf(doc).set(
        `o${k}`,
        buildObjective({
          kind: 'operational',
          title: `Objectif ${k}`,
          statement: 'Un objectif du plan',
          parentId: null,
          partnerIds: [partnerId],
          targetDate: '2028-12-31',
          resources: 'Deux personnes',
          status: 'draft',
          order: orders[k]!,
        }),
      )
    actionsOf(doc).forEach((action, id) => action.set('objective', `Objectif ${Number(id.slice(1)) % spec.objectives}`))
  })
  const at = Date.now()
  for (let from = 0; from < spec.indicators; from += 50) {
    doc.transact(() => {
      for (let k = from; k < Math.min(spec.indicators, from + 50); k++) {
        const indicator = buildIndicator({
          objectiveId: `o${k % spec.objectives}`,
          name: `Indicateur ${k}`,
          family: 'results',
          unit: 'personnes',
          baseline: 0,
          target: 1000,
          targetDate: '2028-12-31',
          source: 'Registre',
          frequency: 'monthly',
          partnerId,
          purposes: ['monitor'],
        })
        indicatorsOf(doc).set(`i${k}`, indicator)
        const values = indicator.get('values') as Y.Map<unknown>
        for (let m = 0; m < spec.valuesPerIndicator; m++)
          values.set(`v${m}`, { value: 25 * m + (k % 7), date: addMonths('2026-01-01', m), comment: '', by: people[m % people.length]!, at: at + m })
      }
    })
  }
  return { updates, doc }
}

/**
 * Writes the plan straight into the store (the server stopped, as loopStalls.ts does), then times:
 * the computation in this process, the first GET (cold open), `requests` GETs one after the other
 * (served p99), and the page's first paint in Chromium.
 */
export async function dashboardTimes(target: EnsembleTarget, spec: DashboardSpec): Promise<DashboardResult> {
  const { workspaceId, partnerId, admin, members } = await createAlliance(target.url, ['editor', 'editor', 'editor', 'editor'])
  const people = [admin, ...members].map((m) => m.userId)
  const { updates, doc } = dashboardPlan(spec, people, partnerId)

  const compute: number[] = []
  const today = todayIso()
  for (let round = 0; round < spec.computeRounds; round++) {
    const started = performance.now()
    planAttention(analysePlan(readPlanSnapshot(doc), today), { userId: people[0]!, partnerId })
    compute.push(performance.now() - started)
  }

  await target.restart(() => {
    const db = new Database(path.join(target.dataDir, 'ensemble.sqlite'))
    try {
      const insert = db.prepare('INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at) VALUES (?, ?, ?, ?, ?)')
      const now = Date.now()
      db.transaction(() => updates.forEach((update, i) => insert.run(workspaceId, 'plan', Buffer.from(update), people[i % people.length]!, now + i)))()
    } finally {
      db.close()
    }
  })
  const pathname = `/api/workspaces/${workspaceId}/dashboard`
  const get = async (): Promise<{ ms: number; bytes: number }> => {
    const started = performance.now()
    const res = await admin.client.request('GET', pathname)
    const body = await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`dashboard: HTTP ${res.status}`)
    return { ms: performance.now() - started, bytes: body.byteLength }
  }
  const first = await get()
  // A member keeps the plan open (as in an alliance at work, and as the plan's own figures are taken):
  // the bench server unloads an idle room after 1 s (ROOM_IDLE_MS), which would make every GET a cold open.
  const holder = await connectDoc(admin.client, workspaceId, 'plan')
  await holder.synced()
  const served: number[] = []
  let answerBytes = first.bytes
  for (let i = 0; i < spec.requests; i++) {
    const answer = await get()
    served.push(answer.ms)
    answerBytes = answer.bytes
  }

  const browser = await launchBrowser()
  let paintMs = Number.NaN
  let chartMs = Number.NaN
  try {
    const storageState = await signedInState(browser, { ...target, admin })
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, storageState })
    const attention = '[data-testid="attention"] h2'
    const chart = '[data-testid="indicator-chart"]'
    await watchFirstSeen(context, [attention, chart])
    const page = await context.newPage()
    await page.goto(`${target.url}/alliances/${workspaceId}`)
    await withText(page, attention).waitFor({ timeout: 120_000 })
    paintMs = await firstSeen(page, attention)
    await withText(page, chart).waitFor({ timeout: 120_000 })
    chartMs = await firstSeen(page, chart)
    await context.close()
  } finally {
    await browser.close()
    holder.destroy()
  }
  return {
    spec,
    storedBytes: updates.reduce((sum, u) => sum + u.byteLength, 0),
    computeMs: latencyOf(compute),
    firstRequestMs: first.ms,
    served: latencyOf(served),
    answerBytes,
    paintMs,
    chartMs,
  }
}
