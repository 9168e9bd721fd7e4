import { actionsOf, contentOf } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { waitFor } from '../helpers/waitFor.ts'
import { rssKb } from './proc.ts'
import type { LargeSeed } from './largeDoc.ts'
import { sleep } from './stats.ts'
import type { BenchClient, Target } from './targets/target.ts'
import { READY_TIMEOUT_MS } from './targets/yWebsocketClient.ts'

export interface JoinResult {
  /** Time for a fresh client (real provider, decoding included) to hold both documents, per join. */
  joinMs: number[]
  /** Server RSS before the documents were loaded, and with them loaded. */
  rssBeforeKb: number
  rssLoadedKb: number
}

/** The large alliance's documents as held by one open client (the seeder stays connected). */
export interface LoadedLargeDoc {
  seeders: BenchClient[]
  result: JoinResult
}

const hasAll = (plan: Y.Doc, agreement: Y.Doc, seed: LargeSeed) =>
  actionsOf(plan).size === seed.actions && contentOf(agreement).length === seed.paragraphs

/**
 * Loads the large plan and agreement into the target through a seeding client (for Ensemble, through
 * the rules and the durable log like any edit), then times `joins` fresh clients, one after the other,
 * from connect until both documents are synced and complete. The seeder stays connected (Hocuspocus
 * unloads a document nobody holds), so the target keeps the documents for the stall measure.
 */
export async function loadAndJoin(target: Target, seed: LargeSeed, joins: number): Promise<LoadedLargeDoc> {
  const rssBeforeKb = rssKb(target.pid)
  const plan = await target.connect('plan')
  const agreement = await target.connect('agreement')
  await Promise.all([plan.ready(), agreement.ready()])
  Y.applyUpdate(agreement.doc, seed.agreement)
  for (const chunk of seed.planChunks) Y.applyUpdate(plan.doc, chunk)
  const joinMs: number[] = []
  for (let i = 0; i <= joins; i++) {
    const started = performance.now()
    const [p, a] = await Promise.all([target.connect('plan'), target.connect('agreement')])
    await Promise.all([p.ready(), a.ready()])
    // Synced is not enough while the seeder's updates are still on their way (first join only).
    await waitFor(() => hasAll(p.doc, a.doc, seed), { timeoutMs: READY_TIMEOUT_MS, intervalMs: 2, message: 'large documents complete' })
    if (i > 0) joinMs.push(performance.now() - started) // the first join only checks the server holds it all
    p.destroy()
    a.destroy()
  }
  await sleep(500) // let the server release the joiners' connections before reading its memory
  return { seeders: [plan, agreement], result: { joinMs, rssBeforeKb, rssLoadedKb: rssKb(target.pid) } }
}
