import path from 'node:path'
import Database from 'better-sqlite3'
import { SCHEMA_VERSION } from '@ensemble/shared'
import { createAlliance } from '../helpers/alliance.ts'
import { fetchTicket } from '../helpers/collab.ts'
import type { HttpClient } from '../helpers/http.ts'
import { planUpdates } from './largeDoc.ts'
import { runLoad, type LoadResult, type LoadSpec } from './loadGenerator.ts'
import { rssKb } from './proc.ts'
import { startJoinerProcess } from './stall.ts'
import type { EnsembleTarget } from './targets/ensemble.ts'

/** What the event-loop part measures (issue 26, items 5 and 6). */
export interface LoopSpec {
  /** Actions of the plan written straight into the store (the issue's: 50,000). */
  actions: number
  /** Actions per log row (each under the 2 MB frame limit). */
  perRow: number
  /** The load on other documents whose edit latency is measured, alone and during each of the two. */
  load: LoadSpec
}

export interface LoopResult {
  actions: number
  storedBytes: number
  /** Other documents' edits with nothing else going on, measured in the same run. */
  baseline: LoadResult
  /** …while four members each ask for a history or a diff of the plan (two of each, at once). */
  history: LoadResult & { requestMs: number[]; statuses: number[] }
  /** …while a stock client opens the plan cold (its room not loaded), until it holds it. */
  coldOpen: LoadResult & { joinMs: number; rssBeforeKb: number; rssPeakKb: number; rssAfterKb: number }
}

/** RSS of `pid` in KB, or NaN once the process is gone (a server that died mid-measure fails the part, not the run). */
const rssOrNaN = (pid: number): number => {
  try {
    return rssKb(pid)
  } catch {
    return NaN
  }
}

/** RSS samples of `pid` every 100 ms until `stop()`; returns the highest. */
function sampleRss(pid: number): { stop(): number } {
  let peak = rssOrNaN(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssOrNaN(pid))), 100)
  return {
    stop: () => {
      clearInterval(timer)
      return Math.max(peak, rssOrNaN(pid))
    },
  }
}

/**
 * Writes a plan of `actions` actions straight into Ensemble's SQLite file while the server is stopped
 * (a plan as a store holds it after years of use, not one seeded through the rules, which would take
 * as long as the measure), one row per `perRow` actions, authored by the alliance's members in turn.
 * Returns the log rows' ids and the bytes written.
 */
async function writePlan(
  target: EnsembleTarget,
  workspaceId: string,
  authors: string[],
  partnerId: string,
  spec: LoopSpec,
): Promise<{ ids: number[]; bytes: number }> {
  const updates = planUpdates(spec.actions, spec.perRow, authors, [partnerId])
  const ids: number[] = []
  await target.restart(() => {
    const db = new Database(path.join(target.dataDir, 'ensemble.sqlite'))
    try {
      const insert = db.prepare('INSERT INTO doc_updates (workspace_id, doc_name, data, author_id, created_at) VALUES (?, ?, ?, ?, ?)')
      const now = Date.now()
      db.transaction(() => {
        updates.forEach((update, i) =>
          ids.push(Number(insert.run(workspaceId, 'plan', Buffer.from(update), authors[i % authors.length]!, now + i).lastInsertRowid)),
        )
      })()
    } finally {
      db.close()
    }
  })
  return { ids, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) }
}

/** GETs a path, reading the body as bytes (never parsed: this process measures the others' edits); its time and status. */
async function timedGet(client: HttpClient, pathname: string): Promise<{ ms: number; status: number }> {
  const started = performance.now()
  const res = await client.request('GET', pathname)
  await res.arrayBuffer()
  return { ms: performance.now() - started, status: res.status }
}

/**
 * "The event loop belongs to everyone": the edit latency of other documents (`spec.load`), alone,
 * while four members ask at once for the history or a diff of a plan of `spec.actions` actions, and
 * while that plan opens cold, each against the baseline of the same run. Its own alliance, so the
 * other parts' documents are untouched; Ensemble restarts twice (after writing the plan, before
 * the cold open).
 */
export async function loopStalls(target: EnsembleTarget, spec: LoopSpec, tag: string): Promise<LoopResult> {
  const { workspaceId, partnerId, admin, members } = await createAlliance(target.url, ['editor', 'editor', 'editor', 'editor'])
  const people = [admin, ...members]
  const { ids, bytes } = await writePlan(
    target,
    workspaceId,
    people.map((p) => p.userId),
    partnerId,
    spec,
  )
  const planPath = `/api/workspaces/${workspaceId}/documents/plan`

  const baseline = await runLoad(target, spec.load, `${tag}-base`)

  // History: a version halfway (a history job itself), then two histories and two diffs at once, one per member.
  await admin.client.json('POST', `${planPath}/versions`, { name: 'À mi-parcours', rowId: ids[Math.floor(ids.length / 2)]! }, 201)
  const versions = await admin.client.json<{ id: string }[]>('GET', `${planPath}/versions`, undefined, 200)
  const version = versions.at(-1)!.id
  const asks = [`${planPath}/history`, `${planPath}/diff?from=${version}&to=current`, `${planPath}/history`, `${planPath}/diff?from=${version}&to=current`]
  let answers: { ms: number; status: number }[] = []
  const history = await runLoad(target, spec.load, `${tag}-history`, async () => {
    answers = await Promise.all(asks.map((pathname, i) => timedGet(members[i]!.client, pathname)))
  })

  // Cold open, on a restarted server (the history thread's memory gone, nothing loaded): a raw
  // stock client joins the plan from another process, until it holds the whole state.
  await target.restart()
  const url = `${target.url.replace(/^http/, 'ws')}/ws/${workspaceId}/plan?ticket=${await fetchTicket(admin.client, workspaceId)}&schema=${SCHEMA_VERSION}`
  const joiner = await startJoinerProcess('y-websocket', 'plan', [url])
  const rssBeforeKb = rssKb(target.pid)
  const rss = sampleRss(target.pid)
  let joinMs = NaN
  const coldOpen = await runLoad(target, spec.load, `${tag}-open`, async () => {
    joinMs = (await joiner.go())[0] ?? NaN
  })
  const rssPeakKb = rss.stop()
  const rssAfterKb = rssOrNaN(target.pid)
  return {
    actions: spec.actions,
    storedBytes: bytes,
    baseline,
    history: { ...history, requestMs: answers.map((a) => a.ms), statuses: answers.map((a) => a.status) },
    coldOpen: { ...coldOpen, joinMs, rssBeforeKb, rssPeakKb, rssAfterKb },
  }
}
